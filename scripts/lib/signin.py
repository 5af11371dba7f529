"""Development sign-in used by the scripts: the same steps a person takes with the card simulator."""
import http.client
import re
import urllib.parse


def sign_in(port, person=0):
    """Signs in the way a person does in development: login page, the card simulator confirms, complete.

    `person` is the row of the simulator's list (0 = the province system administrator)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/login")
    response = conn.getresponse()
    page = response.read().decode()
    browser = re.search(r"jjb_login=([^;]+)", response.getheader("Set-Cookie")).group(1)
    ticket = re.search(r'name="ticket" value="([^"]+)"', page).group(1)
    conn.request("GET", "/dev/card-simulator?ticket=" + ticket)
    people = re.findall(r'name="person_id" value="([^"]+)"', conn.getresponse().read().decode())
    # As a browser on the login page: POSTs name the site they come from.
    form = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{port}"}
    conn.request("POST", "/dev/card-simulator", urllib.parse.urlencode({"ticket": ticket, "person_id": people[person]}), form)
    conn.getresponse().read()
    conn.request("POST", "/login/complete", urllib.parse.urlencode({"ticket": ticket}),
                 dict(form, Cookie="jjb_login=" + browser))
    response = conn.getresponse()
    response.read()
    conn.close()
    session = re.search(r"jjb_session=([^;]+)", response.getheader("Set-Cookie") or "")
    if response.status != 303 or not session:
        raise RuntimeError(f"sign-in failed: {response.status}")
    return "jjb_session=" + session.group(1)
