"""What the browser tests share: the server under test (started by scripts/browser-tests, found through
JIUJINBAN_BROWSER_BASE), the demonstration posts, signing in, and a headless Chromium whose console is read after
every test: any SEVERE entry — a script error, a failed load, a Content-Security-Policy violation — fails the test."""
import os
import re
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "lib"))
from signin import sign_in  # noqa: E402  the scripts' development sign-in (card simulator)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import (  # noqa: E402
    NoAlertPresentException, StaleElementReferenceException, WebDriverException)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BASE = os.environ.get("JIUJINBAN_BROWSER_BASE", "http://127.0.0.1:18400")
PORT = urllib.parse.urlsplit(BASE).port

# Rows of the card simulator's list (DemoStaff.members, in that order).
POSTS = {
    "province_system_admin": 0, "province_business_admin": 1, "task_force": 2, "auditor": 3, "city_officer": 4,
    "county_system_admin": 5, "county_business_admin": 6, "reviewer": 7, "expert": 8, "township_operator": 9,
    "village_operator": 10, "community_operator": 11, "bank_operator": 12,
}
NAMES = {"reviewer": "郑雅琴", "village_operator": "褚卫东", "township_operator": "陈红梅"}


def new_browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN",
                     "--window-size=1366,768"):
        options.add_argument(argument)
    # The console, every level, read back with get_log('browser').
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    binary = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    if os.path.exists(binary):
        options.binary_location = binary
    service = webdriver.ChromeService(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    return driver


class BrowserTest(unittest.TestCase):
    """One browser per test class; after each test the console must hold no SEVERE entry."""

    @classmethod
    def setUpClass(cls):
        cls.driver = new_browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def setUp(self):
        self.driver.get_log("browser")  # what an earlier test left is that test's
        self.opened = []

    def tearDown(self):
        self.assert_console_clean()

    def assert_console_clean(self):
        severe = [entry for entry in self.driver.get_log("browser") if entry.get("level") == "SEVERE"]
        if severe:
            listed = "\n".join(f"  {entry.get('message', '')[:300]}" for entry in severe[:20])
            self.fail(f"{len(severe)} console errors (pages opened: {', '.join(self.opened[-10:])}):\n{listed}")

    # Navigation -------------------------------------------------------------------------------------------------

    def open(self, path):
        """Opens a site path and waits for the page to load; returns the driver."""
        self.opened.append(path)
        self.driver.get(BASE + path)
        return self.driver

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def wait_for(self, condition, timeout=15):
        return WebDriverWait(self.driver, timeout).until(condition)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def link(self, text):
        """The visible link whose text contains `text`."""
        return self.wait_for(EC.element_to_be_clickable((By.PARTIAL_LINK_TEXT, text)))

    def button(self, text, scope=None):
        """The submit button whose text contains `text` (in `scope`, a form element, if given)."""
        root = scope or self.driver
        for candidate in root.find_elements(By.CSS_SELECTOR, "button, input[type=submit]"):
            label = candidate.text or candidate.get_attribute("value") or ""
            if text in label and candidate.is_displayed():
                return candidate
        self.fail(f"no button “{text}” on {self.path()}")

    def follow(self, element):
        """Clicks a link or button and waits until the next page has replaced this one. A confirmation the page
        asks for first (before a decision) is accepted, as the clerk would."""
        page = self.find("html")
        element.click()
        try:
            self.driver.switch_to.alert.accept()
        except NoAlertPresentException:
            pass
        self.wait_for(lambda driver: replaced(page))

    def submit(self, text, scope=None):
        self.follow(self.button(text, scope))

    def submit_confirmed(self, text, scope=None):
        """Presses a decision's button: the page must ask for a confirmation first (issue 22: before approve, reject,
        return and submitting a report); it is accepted, and the next page replaces this one. Returns its question."""
        page = self.find("html")
        self.button(text, scope).click()
        try:
            alert = self.driver.switch_to.alert
        except NoAlertPresentException:
            self.fail(f"“{text}” on {self.path()} was sent without asking for a confirmation")
        question = alert.text
        alert.accept()
        self.wait_for(lambda driver: replaced(page))
        return question

    def text(self):
        return self.find("body").text

    # Signing in -------------------------------------------------------------------------------------------------

    def sign_in_with_card(self, post):
        """As a person does: the login page shows a QR code; the phone (the card simulator, in a second tab)
        confirms; the login page notices within its two-second poll and opens the home page."""
        driver = self.open("/login")
        ticket = self.find('input[name="ticket"]').get_attribute("value")
        login_tab = driver.current_window_handle
        driver.switch_to.new_window("tab")
        self.open("/dev/card-simulator?ticket=" + urllib.parse.quote(ticket))
        rows = self.find_all("table.data-table tbody tr")
        rows[POSTS[post]].find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.wait_for(EC.title_contains("已模拟扫码确认"))
        self.assert_console_clean()
        driver.close()
        driver.switch_to.window(login_tab)
        self.wait_for(lambda d: urllib.parse.urlsplit(d.current_url).path == "/", timeout=20)

    def sign_in_with_cookie(self, post):
        """Quicker, for tests about pages rather than the login: the scripts' sign-in, its cookie given to the browser."""
        cookie = sign_in(PORT, POSTS[post])
        name, value = cookie.split("=", 1)
        self.driver.delete_all_cookies()
        self.open("/healthz")
        self.driver.add_cookie({"name": name, "value": value, "path": "/"})

    def sign_out(self):
        self.open("/")
        self.button("退出登录").click()
        self.wait_for(lambda d: self.path().startswith("/login"))


def replaced(element):
    """Whether the page holding `element` is gone. While the next page loads, Chromium may answer with a generic
    error instead of "stale" ("Node with given id does not belong to the document"): that is the same answer."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        return "does not belong to the document" in str(error)


def csrf_of(page_source):
    found = re.search(r'name="_csrf" value="([^"]+)"', page_source)
    return found.group(1) if found else None
