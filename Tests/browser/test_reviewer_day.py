"""Issue 22, Proof: the reviewer's day in a browser — open the queue, read the case, return it with a reason — and
the operator is then told (a notification) and finds it returned, with the reason, among the cases to correct. The case is accepted by the village
operator over HTTP first (the operator's own day is `test_operator_day`)."""
import re
import unittest

from harness import BASE, NAMES, POSTS, BrowserTest, csrf_of
from drill_session import Session

ID_NUMBER = "140830198506200026"  # checksum-valid, not in the demonstration data
NAME = "张秋菊"
VILLAGE = "140830100204"
MISSING = "《资格认证告知承诺书》原件"


def simulator_people():
    """The card simulator's people, in its order, as (person id) — what the drills' sessions sign in with."""
    session = Session(BASE, None)
    _, headers, page = session.request("GET", "/login", cookie="")
    ticket = re.search(r'name="ticket" value="([^"]+)"', page).group(1)
    _, _, page = session.request("GET", "/dev/card-simulator?ticket=" + ticket, cookie="")
    return re.findall(r'name="person_id" value="([^"]+)"', page)


def accept_item_21():
    """The village operator registers the person and accepts item 21 (资格认证, reviewed by the county)."""
    operator = Session(BASE, simulator_people()[POSTS["village_operator"]]).sign_in()
    # Found (or registered), the person's page is a redirect away (post/redirect/get): its address names them.
    status, headers, page = operator.request("POST", "/citizens/lookup", {"_csrf": operator.csrf, "id_number": ID_NUMBER})
    # Nobody under that number: the search redirects to the registration form (post/redirect/get).
    if status != 303 or headers["location"].startswith("/citizens/new"):
        status, headers, page = operator.request("POST", "/citizens", {
            "_csrf": operator.csrf, "id_number": ID_NUMBER, "name": NAME, "phone": "13800007788",
            "hukou_division": VILLAGE, "residence_division": VILLAGE, "ethnicity": "汉族"})
    if status != 303:
        raise AssertionError(f"finding or registering the person answered {status}")
    citizen = re.search(r"/citizens/([0-9a-f-]{36})", headers["location"]).group(1)
    _, _, form = operator.request("GET", f"/cases/new?citizen={citizen}&item=21")
    submission = re.search(r'name="submission" value="([^"]+)"', form).group(1)
    status, headers, _ = operator.request("POST", "/cases", {
        "_csrf": csrf_of(form), "citizen": citizen, "item": "21", "submission": submission,
        "documents_checked": "yes", "note": "本人到场"})
    if status != 303:
        raise AssertionError(f"accepting item 21 answered {status}")
    return headers["location"].split("/cases/")[-1]


class ReviewerDayTest(BrowserTest):
    def test_reviewers_day(self):
        case_id = accept_item_21()

        self.sign_in_with_card("reviewer")
        self.assertIn(NAMES["reviewer"], self.find(".user-box").text)
        # The queue: the home page's where it lists the case, else 办件.
        link = [a for a in self.find_all(f'a[href="/cases/{case_id}"]') if a.is_displayed()]
        if not link:
            self.follow(self.link("办件"))
            link = [a for a in self.find_all(f'a[href="/cases/{case_id}"]') if a.is_displayed()]
        self.assertTrue(link, "the waiting case is not in the reviewer's queue")
        self.follow(link[0])

        # Read the case: the item, the person, the state.
        self.assertEqual(self.path(), f"/cases/{case_id}")
        body = self.text()
        self.assertIn("社会保险待遇领取资格认证", body)
        self.assertIn(NAME[0], body)

        # Return it with the missing document named (`follow` accepts a confirmation where the page asks for one).
        self.find("#missing").send_keys(MISSING)
        question = self.submit_confirmed("退回补正")
        self.assertIn("退回", question)
        # Post/redirect/get: back on the case, which says once what was done and lists what to bring.
        self.assertEqual(self.path(), f"/cases/{case_id}")
        self.assertIn("已退回补正", self.text())
        self.assertIn(MISSING, self.text())
        self.sign_out()

        # The operator is told: a notification names the case and what to bring, and leads to it.
        self.sign_in_with_cookie("village_operator")
        self.open("/notifications")
        self.assertIn("办件退回补正", self.text())
        self.assertIn(MISSING, self.text())

        # And finds it returned, with what to bring, among the cases to correct.
        self.open("/cases")
        section = self.text().split("退回补正", 1)
        self.assertEqual(len(section), 2, "the operator's case list has no 退回补正 section")
        link = [a for a in self.find_all(f'a[href="/cases/{case_id}"]') if a.is_displayed()]
        self.assertTrue(link, "the returned case is not on the operator's list")
        self.follow(link[0])
        self.assertIn(MISSING, self.text())
        self.assertIn("补正后重新提交", self.text())


if __name__ == "__main__":
    unittest.main()
