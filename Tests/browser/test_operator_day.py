"""Issue 22, Proof: the operator's day in a browser at 1366×768 — sign in with the card, find the person (registering
them if new), accept item 1, the receipt with its print button, back to the person, item 2."""
import os
import re
import unittest

from harness import BrowserTest
from selenium.webdriver.support.ui import Select

ID_NUMBER = "140830199203150011"  # checksum-valid, not in the demonstration data
NAME = "李春生"
MASKED = "李**"  # domain rules §10: the name keeps its first character on every staff page
VILLAGE = "140830100204"  # 太安村, the demonstration village operator's own village


class OperatorDayTest(BrowserTest):
    def shot(self, name):
        """A screenshot of the window (1366×768) into JIUJINBAN_BROWSER_SHOTS, when set, for a person to look at."""
        folder = os.environ.get("JIUJINBAN_BROWSER_SHOTS")
        if folder:
            os.makedirs(folder, exist_ok=True)
            self.driver.save_screenshot(os.path.join(folder, name + ".png"))

    def find_person(self):
        """办事群众 → the ID number → 查询: the person's page, or the registration form for someone new."""
        self.follow(self.link("办事群众"))
        self.find("#id_number").clear()
        self.find("#id_number").send_keys(ID_NUMBER)
        self.submit("查询")

    def register(self):
        self.assertIn("登记办事群众", self.find("h1").text)
        self.find("#name").send_keys(NAME)
        self.find("#phone").send_keys("13800005678")
        for field in ("hukou_division", "residence_division"):
            Select(self.find(f"#{field}")).select_by_value(VILLAGE)
        ethnicity = self.find("#ethnicity")
        if ethnicity.tag_name == "select":
            Select(ethnicity).select_by_visible_text("汉族")
        else:
            ethnicity.send_keys("汉族")
        self.submit("登记")

    def start_item(self, seq):
        """From the person's page: the item's 受理 (a link per item, or the item chooser with its button)."""
        links = [a for a in self.find_all(f'a[href*="/cases/new"][href*="item={seq}"]') if a.is_displayed()]
        if links:
            self.follow(links[0])
        else:
            Select(self.find("select#item")).select_by_value(str(seq))
            self.submit("受理", scope=self.find("select#item").find_element("xpath", "./ancestor::form"))

    def test_operators_day(self):
        self.sign_in_with_card("village_operator")
        self.assertIn("褚卫东", self.find(".user-box").text)

        # Find the person; someone new is registered first, and the browser is then sent on to their page
        # (post/redirect/get: a reload asks nothing), which says what was done and shows the name masked.
        self.find_person()
        if "登记办事群众" in self.find("h1").text:
            self.register()
        self.assertRegex(self.path(), r"^/citizens/[0-9a-f-]{36}$")
        person_page = self.path()
        self.assertTrue(self.find(".notice-success").text)
        self.assertEqual(self.find("h1").text, MASKED)
        self.assertNotIn(NAME, self.text())
        # One click near the top shows the full values (audited), to check against the ID card.
        self.submit("显示完整信息")
        self.assertEqual(self.find("h1").text, NAME)
        self.assertIn(ID_NUMBER, self.text())
        # The reveal was a post/redirect/get: a reload shows the same page and asks nothing; 恢复脱敏 masks again.
        self.assertEqual(self.path(), person_page)
        self.driver.refresh()
        self.assertEqual(self.find("h1").text, NAME)
        self.submit("恢复脱敏")
        self.assertEqual(self.path(), person_page)
        self.assertEqual(self.find("h1").text, MASKED)

        # Item 1, 固定工求职登记: the form, filled as the clerk does, accepted.
        self.start_item(1)
        self.assertIn("固定工求职登记", self.find("h1").text)
        Select(self.find("#occupation1")).select_by_index(1)
        Select(self.find("#education")).select_by_index(1)
        self.find("#expected_wage").send_keys("4000")
        self.find("#max_distance_km").send_keys("20")
        self.find('input[name="documents_checked"]').click()
        self.submit("受理")
        self.assertRegex(self.path(), r"^/cases/[0-9a-f-]{36}$")
        self.assertIn("已受理", self.find(".notice-success").text)
        case_page = self.path()

        # The receipt, with its print button (it prints the page; the dialog itself is the browser's).
        self.follow(self.link("打印受理回执"))
        self.assertEqual(self.path(), case_page + "/receipt")
        self.assertIn("受理回执", self.find("h1").text)
        self.assertTrue(self.find('button[data-print="page"]').is_displayed())
        self.assertIn("固定工求职登记", self.text())
        # As printed: the page under print media keeps the receipt and drops the navigation and the button.
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            self.assertFalse(self.find('button[data-print="page"]').is_displayed(), "the print button is not printed")
            self.assertFalse(self.find("nav.main-nav").is_displayed(), "the navigation is not printed")
            self.assertTrue(self.find("h1").is_displayed() and "受理回执" in self.find("h1").text)
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        # Back to the person: the case page's own link.
        self.open(case_page)
        self.follow(self.link("返回群众页面"))
        self.assertEqual(self.path(), person_page)
        self.assertEqual(self.find("h1").text, MASKED)
        self.assertIn("固定工求职登记", self.text(), "the person's page lists the case just accepted")

        # Item 2, 固定工岗位信息推荐: its page for this person. The demonstration data has no postings, so nothing
        # fits: the page offers next steps instead of a bare "none", and no 登记已就业 form under the empty list.
        self.start_item(2)
        self.assertIn("固定工岗位信息推荐", self.find("h1").text)
        recommendations = self.path()
        self.assertIn("推荐岗位（0个）", self.text())
        steps = self.find("#next-steps")
        self.assertIn("暂无符合条件的岗位：下一步", steps.text)
        for label in ("放宽到30公里", "不限距离", "零工求职登记", "零工岗位信息查询", "培训意向登记", "查询全部招聘岗位"):
            self.assertIn(label, steps.text)
        self.assertNotIn("登记就业", self.text())
        self.shot("item2-none-fitted")
        self.driver.execute_script("document.getElementById('next-steps').scrollIntoView()")
        self.shot("item2-none-fitted-next-steps")

        # Widen: the same search without the 20 km limit, for this search only.
        self.follow(self.link("不限距离"))
        self.assertEqual(self.path(), recommendations)
        self.assertIn("distance_km=any", self.driver.current_url)
        self.assertIn("本次查询已不限通勤距离", self.text())

        # Record the outcome: item 2's case, at once, with its result; then the page offers 登记已就业, empty.
        record = self.find("#record form")
        record.find_element("css selector", 'input[name="note"]').send_keys("已介绍零工岗位信息")
        record.find_element("css selector", 'input[name="documents_checked"]').click()
        self.submit("记录：无符合条件的岗位", scope=record)
        self.assertRegex(self.path(), r"^/cases/[0-9a-f-]{36}$")
        self.assertIn("已受理", self.find(".notice-success").text)
        self.assertIn("固定工岗位信息推荐", self.text())
        self.assertIn("无符合条件的岗位（不限通勤距离）", self.text())
        self.assertIn("已介绍零工岗位信息", self.text())
        self.assertIn("受理渠道\n柜面", self.text(), "the channel is the counter")
        self.assertIn("太安村党群服务中心 褚卫东：受理（即时办结）", self.text(), "the actor at their point")
        self.driver.refresh()  # a GET: nothing is sent again
        self.open("/cases")
        self.assertEqual(self.text().count("固定工岗位信息推荐"), 1, "one case of item 2, not one per refresh")
        self.open(recommendations)
        self.assertIn("登记就业", self.text())
        self.assertEqual(self.find("#started_on").get_attribute("value"), "", "the start date is not prefilled")


if __name__ == "__main__":
    unittest.main()
