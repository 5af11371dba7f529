"""Issue 22: no console errors (script errors, failed loads, Content-Security-Policy violations) on the pages each
post opens from its navigation, the map and the monthly table among them."""
import unittest

from harness import BrowserTest
from selenium.webdriver.common.by import By

# Every post: each one's navigation, as that post sees it, opened in a browser.
POSTS = ["county_business_admin", "county_system_admin", "township_operator", "village_operator", "reviewer",
         "auditor", "task_force", "province_system_admin", "province_business_admin", "city_officer", "expert",
         "community_operator", "bank_operator"]
# Pages no navigation entry leads to directly but the posts above open in a day's work.
EXTRA = {"county_business_admin": ["/reports/map?county=140830000000", "/jobs/postings", "/policies"],
         "township_operator": ["/jobs/employers", "/gigs"]}


class ConsoleTest(BrowserTest):
    def test_navigation_pages_have_no_console_errors(self):
        opened = 0
        for post in POSTS:
            with self.subTest(post=post):
                self.sign_in_with_cookie(post)
                self.open("/")
                self.assertEqual(self.path(), "/", f"{post} was not signed in")
                links = [a.get_attribute("href") for a in self.find_all("nav.main-nav a, .user-box a")]
                self.assertGreater(len(links), 2, f"{post} has almost no navigation")
                for href in links + EXTRA.get(post, []):
                    path = href.split("://", 1)[-1].split("/", 1)[-1]
                    self.open("/" + path)
                    opened += 1
                    self.assertTrue(self.find_all("main h1"), f"{post} /{path} shows no page")
                    self.assert_console_clean()
        self.assertGreater(opened, 40)

    def test_favicon_and_stylesheet_load(self):
        self.sign_in_with_cookie("village_operator")
        self.open("/")
        icon = self.find('link[rel="icon"]').get_attribute("href")
        self.assertTrue(icon.endswith("/favicon.ico"))
        # A loaded stylesheet styles the page: the header is not the browser's default transparent block.
        header = self.driver.find_element(By.CSS_SELECTOR, "header.site-header")
        self.assertNotEqual(header.value_of_css_property("background-color"), "rgba(0, 0, 0, 0)")
        # The icon as the page asks for it (opening it as a page would show Chromium's own image viewer instead).
        status = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; fetch('/favicon.ico').then(r => done(r.status), () => done(0));")
        self.assertEqual(status, 200)


if __name__ == "__main__":
    unittest.main()
