"""One signed-in operator over HTTP, as the drills use it: the card simulator's sign-in, the citizen lookup, the case
page and its number. Part of the drill library (drill.py)."""
import http.client
import json
import re
import threading
import time
import urllib.parse

CASE_NUMBER = re.compile(r'<dt>办件编号</dt><dd class="code">([^<]+)</dd>')
CASE_LOCATION = re.compile(r"^/cases/([0-9A-Fa-f-]{36})$")


def read_sample(sample_path):
    with open(sample_path) as f:
        return json.load(f)


class Refused(Exception):
    """An answer that is neither success nor a retryable failure."""


class Session:
    """One signed-in operator over a kept-alive connection: cookie, CSRF token, and its citizens."""

    def __init__(self, base_url, person, timeout=30):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.person, self.timeout = person, timeout
        self.conn = None
        self.cookie = None
        self.csrf = None

    def request(self, method, path, form=None, cookie=None):
        """Returns (status, headers dict with lower-case names, body text); connection errors raise OSError or
        http.client.HTTPException, and the connection is opened anew next time."""
        headers = {}
        cookie = cookie if cookie is not None else self.cookie
        if cookie:
            headers["Cookie"] = cookie
        body = None
        if method != "GET":
            # As a browser on one of the site's pages: state-changing requests name the site (S09).
            headers["Origin"] = self.origin
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            found = {}
            for name, value in response.getheaders():
                name = name.lower()
                found[name] = found[name] + "\n" + value if name in found and name == "set-cookie" else value
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, found, text
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def sign_in(self):
        """The card simulator's path: login page, the simulated card confirms the person, complete."""
        status, headers, page = self.request("GET", "/login", cookie="")
        browser = re.search(r"jjb_login=([^;]+)", headers.get("set-cookie", ""))
        ticket = re.search(r'name="ticket" value="([^"]+)"', page) or re.search(r"ticket=([A-Za-z0-9_\-]+)", page)
        if status >= 500:
            raise Refused(f"login page answered {status}", status, page)
        if not browser or not ticket:
            raise RuntimeError(f"login page ({status}) without ticket (is the server in development mode?)")
        ticket = ticket.group(1)
        status, _, _ = self.request("POST", "/dev/card-simulator", {"ticket": ticket, "person_id": self.person},
                                    cookie="")
        if status != 200:
            raise Refused(f"card simulator answered {status}", status, "")
        status, headers, page = self.request("POST", "/login/complete", {"ticket": ticket},
                                             cookie="jjb_login=" + browser.group(1))
        session = re.search(r"jjb_session=([^;]+)", headers.get("set-cookie", ""))
        if status != 303 or not session:
            raise Refused(f"login/complete answered {status} without a session", status, page)
        self.cookie = "jjb_session=" + session.group(1)
        status, _, page = self.request("GET", "/citizens")
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page)
        if status != 200 or not csrf:
            raise Refused(f"/citizens answered {status} without a CSRF token", status, page)
        self.csrf = csrf.group(1)
        return self

    def look_up(self, id_number):
        """`POST /citizens/lookup`: the citizen id from the redirect to the person's page (post/redirect/get)."""
        status, headers, page = self.request("POST", "/citizens/lookup", {"_csrf": self.csrf, "id_number": id_number})
        citizen = re.search(r"^/citizens/([0-9A-Fa-f-]{36})$", headers.get("location", ""))
        if status != 303 or not citizen:
            raise Refused(f"lookup answered {status} without the person's page", status, page)
        return citizen.group(1)

    def case_number(self, case_id):
        """(status, number or None, body) of `GET /cases/<id>`."""
        status, _, page = self.request("GET", f"/cases/{case_id}")
        number = CASE_NUMBER.search(page) if status == 200 else None
        return status, (number.group(1) if number else None), page


class PageReader:
    """A signed-in user reloading `PATHS` in turn every 50 ms on a thread of its own, keeping what each answer was
    and when: the drills' probes of a server under a fault. It never signs in again, so an answer that asks for a
    sign-in stays visible. A subclass names its paths and what it keeps of an answer (`keep`)."""

    PATHS = ["/"]
    PAUSE = 0.05

    def __init__(self, base_url, person, name):
        self.session = Session(base_url, person, timeout=30)
        self.name = name
        self.answers = []  # what `keep` returned for each request, in order
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self):
        self.session.sign_in()
        self.thread.start()
        return self

    def stop(self):
        self.stopping.set()
        self.thread.join(60)

    def keep(self, sent, path, status, headers, body, took):
        """What to keep of one answer (`status` is "conn" when none came: headers and body are then empty)."""
        return (sent, path, status)

    def _run(self):
        turn = 0
        while not self.stopping.is_set():
            path = self.PATHS[turn % len(self.PATHS)]
            turn += 1
            sent = time.monotonic()
            try:
                status, headers, body = self.session.request("GET", path)
            except (OSError, http.client.HTTPException):
                status, headers, body = "conn", {}, ""
            self.answers.append(self.keep(sent, path, status, headers, body, time.monotonic() - sent))
            self.stopping.wait(self.PAUSE)

    def after(self, moment):
        return [answer for answer in self.answers if answer[0] >= moment]
