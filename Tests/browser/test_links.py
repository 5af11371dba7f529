"""Issue 22, "permissions seen as links": every post, from its home page, reaches only links it may open."""
import os
import unittest

from harness import PORT, POSTS, sign_in
from linkcheck import Crawl, counter_pages

# A person of the village operator's own village with a case: the person's page with its 40 items' 受理 links, the
# case page, its receipt and its links back are then reachable for every post that may open them.
ID_NUMBER, NAME, VILLAGE = "140830198805200018", "周建国", "140830100204"


class LinksTest(unittest.TestCase):
    def test_no_visible_link_answers_403_or_404(self):
        lines, problems, checked = [], 0, 0
        counter = counter_pages(PORT, sign_in(PORT, POSTS["village_operator"]), ID_NUMBER, NAME, VILLAGE)
        for post, row in POSTS.items():
            with self.subTest(post=post):
                crawl = Crawl(PORT, sign_in(PORT, row), also=counter).run()
                checked += len(crawl.pages)
                problems += len(crawl.problems)
                lines.append(f"{post}: {len(crawl.pages)} pages and files opened, {len(crawl.problems)} bad links"
                             + (f", {crawl.capped} links past the cap" if crawl.capped else ""))
                lines.extend(crawl.report())
                self.assertGreater(len(crawl.pages), 5, f"{post} reached almost nothing from its home page")
                self.assertEqual(crawl.problems, [], f"{post}: links that answer 403/404:\n" + "\n".join(crawl.report()))
                # A crawl stopped at its cap proves nothing of the links it did not open.
                self.assertEqual(crawl.capped, 0, f"{post}: stopped at {crawl.per_post} pages")
        lines.append(f"links_checked={checked}")
        report = os.environ.get("JIUJINBAN_BROWSER_REPORT")
        if report:
            with open(report, "w") as f:
                f.write("== link checker\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    unittest.main()
