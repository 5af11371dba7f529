"""Issue 22, the wide table: the county's monthly table at 1366×768 scrolls inside a box whose horizontal scrollbar
is in view, keeps its header rows and the columns that name a row in view while the box is scrolled right and down,
and folds a column group on its toggle (kept for the next visit)."""
import unittest

from harness import BrowserTest

COUNTY_TABLE = "/reports/monthly?division=140830000000"

RECT = "const r = arguments[0].getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};"


class MonthlyTableTest(BrowserTest):
    def open_table(self):
        self.sign_in_with_cookie("county_business_admin")
        self.open(COUNTY_TABLE)
        self.driver.execute_script("window.localStorage.clear();")
        self.open(COUNTY_TABLE)
        self.assertIn("服务点情况及工作任务调度表", self.find("h1").text)

    def rect(self, element):
        return self.driver.execute_script(RECT, element)

    def on_top(self, element):
        """Whether `element` is what the reader sees at its own centre (nothing scrolled over it)."""
        return self.driver.execute_script(
            "const e = arguments[0], r = e.getBoundingClientRect();"
            "const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
            "return hit !== null && (hit === e || e.contains(hit));", element)

    def header(self, text):
        # textContent, not .text: Selenium's text of a hidden (folded) cell is empty.
        return next(th for th in self.find_all("#report-table thead th") if th.get_attribute("textContent").strip() == text)

    def test_header_and_name_columns_stay_in_view(self):
        self.open_table()
        box = self.find(".report-scroll")
        size = self.driver.execute_script(
            "const b = arguments[0]; return [b.scrollWidth, b.clientWidth, b.scrollHeight, b.clientHeight];", box)
        self.assertGreater(size[0], size[1] + 200, "the county's table should be wider than its box")
        self.assertGreater(size[2], size[3] + 200, "the county's table should be taller than its box")
        # Brought into view, the whole box (its horizontal scrollbar at the bottom) fits the window.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", box)
        outer = self.rect(box)
        height = self.driver.execute_script("return window.innerHeight;")
        self.assertLessEqual(outer["bottom"], height + 1, "the box's scrollbar is below the window")

        city, county = self.header("市"), self.header("县、乡（镇）")
        township, village = self.header("乡镇（街道）名称"), self.header("行政村（社区）名称")
        number_3 = self.header("3")
        before = self.rect(number_3)
        # As far right as it goes, and well down.
        self.driver.execute_script("arguments[0].scrollLeft = arguments[0].scrollWidth; arguments[0].scrollTop = 900;", box)
        scrolled = self.driver.execute_script("return arguments[0].scrollLeft;", box)
        self.assertGreater(scrolled, 150)
        self.assertGreater(self.driver.execute_script("return arguments[0].scrollTop;", box), 300)
        self.assertAlmostEqual(self.rect(number_3)["left"], before["left"] - scrolled, delta=2, msg="column 3 did not scroll")

        # The header rows stay at the box's top, the name columns at its left, and nothing is drawn over them.
        self.assertAlmostEqual(self.rect(city)["top"], outer["top"] + 1, delta=2)
        self.assertAlmostEqual(self.rect(city)["left"], outer["left"] + 1, delta=2)
        for cell in (city, county, township, village):
            self.assertTrue(self.on_top(cell), f"header “{cell.text}” is covered")
        self.assertAlmostEqual(self.rect(township)["left"], self.rect(county)["right"], delta=2)
        self.assertAlmostEqual(self.rect(village)["left"], self.rect(township)["right"], delta=2)

        # A point's row half way down the box: its township and village names at the left, readable.
        head_bottom = self.rect(self.find("#report-table thead"))["bottom"]
        middle = (head_bottom + outer["bottom"]) / 2
        row = self.driver.execute_script(
            "const y = arguments[0];"
            "return Array.from(document.querySelectorAll('#report-table tbody tr')).find(tr => {"
            "  const r = tr.getBoundingClientRect(); return r.top <= y && y < r.bottom; });", middle)
        self.assertIsNotNone(row, "no row half way down the box")
        first = row.find_element("css selector", "td")
        self.assertAlmostEqual(self.rect(first)["left"], outer["left"] + 1, delta=2)
        names = row.find_elements("css selector", "td.col-name-7, td.col-name-8")
        self.assertEqual(len(names), 2)
        self.assertTrue(all(self.on_top(cell) for cell in names), "a point's name is covered")
        self.assertAlmostEqual(self.rect(names[0])["left"], self.rect(township)["left"], delta=2)
        self.assertTrue(any(cell.text.strip() for cell in names), "the row in the middle names no point")

    def test_a_group_folds_and_stays_folded(self):
        self.open_table()
        numbers = self.find_all("#report-table tr.column-numbers th")
        self.assertEqual(sum(th.is_displayed() for th in numbers), 24)
        self.assertTrue(self.find(".column-toggles").is_displayed())
        tasks = self.find('[data-column-group="tasks"]')
        tasks.click()
        self.assertEqual(tasks.get_attribute("aria-expanded"), "false")
        shown = [th.text for th in self.find_all("#report-table tr.column-numbers th") if th.is_displayed()]
        self.assertEqual(shown, [str(n) for n in range(1, 16)])
        self.assertFalse(self.header("工作任务完成情况").is_displayed())
        self.assertFalse(any(td.is_displayed() for td in self.find_all("#report-table tbody td.col-g-tasks")[:50]))

        # 服务点情况 keeps its two name columns: its header narrows to them and stays above them.
        self.find('[data-column-group="facts"]').click()
        facts = self.header("服务点情况")
        self.assertEqual(facts.get_attribute("colSpan"), "2")
        shown = [th.text for th in self.find_all("#report-table tr.column-numbers th") if th.is_displayed()]
        self.assertEqual(shown, ["1", "2", "3", "4", "5", "6", "7", "8"])
        self.assertAlmostEqual(self.rect(facts)["right"], self.rect(self.header("8"))["right"], delta=2)

        # Kept for the next visit; unfolded again, every column is back.
        self.open(COUNTY_TABLE)
        self.assertEqual(self.find('[data-column-group="tasks"]').get_attribute("aria-expanded"), "false")
        self.assertFalse(self.header("16").is_displayed())
        self.find('[data-column-group="tasks"]').click()
        self.find('[data-column-group="facts"]').click()
        self.assertEqual(sum(th.is_displayed() for th in self.find_all("#report-table tr.column-numbers th")), 24)
        self.assertEqual(self.header("服务点情况").get_attribute("colSpan"), "9")


if __name__ == "__main__":
    unittest.main()
