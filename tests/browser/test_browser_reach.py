"""Reach against the local population as people see it: the engagement page's groups table and the
annual report's comparison, read by axe, at phone width, and as a screen reader meets the table."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from .support import load, run_axe, viewport

ENGAGEMENT = "engagements/maternity-scan-appointments-2023/"
REPORT = "reports/2024-25/"

FITS = """
const el = document.querySelector(arguments[0]);
const box = el.getBoundingClientRect();
return {right: box.right, page: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth};
"""


def headers(table) -> list[str]:
    return [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")]


def test_groups_table_gives_both_shares_with_row_and_column_headers(driver, base_url, axe_source) -> None:
    load(driver, base_url + ENGAGEMENT)
    table = driver.find_element(By.CSS_SELECTOR, "table.yswd-groups")
    assert headers(table) == ["Group", "People", "Share of people who took part", "Share of local people"]
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert rows and all(row.find_element(By.CSS_SELECTOR, "th[scope=row]").text for row in rows)
    for row in rows:
        cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
        assert cells[1].endswith("%") or cells[1] in ("not shown", "not recorded"), cells
        assert cells[2].endswith("%") or cells[2] == "not known", cells
    assert "Census 2021" in driver.find_element(By.CSS_SELECTOR, "table.yswd-groups + p").text
    result = run_axe(driver, axe_source, "document.querySelector('table.yswd-groups').parentElement")
    assert not result.violations, result.report()
    assert result.passes > 0


@pytest.mark.parametrize("url, selector", [(ENGAGEMENT, "table.yswd-groups"), (REPORT, "table.yswd-population")])
def test_population_tables_fit_a_phone(driver, base_url, url, selector) -> None:
    with viewport(driver, 390, 844, mobile=True):
        load(driver, base_url + url)
        fit = driver.execute_script(FITS, selector)
        assert fit["right"] <= fit["page"] + 0.5, f"{selector} runs off a 390px screen: {fit}"
        assert fit["scroll"] <= fit["page"], f"the page scrolls sideways at 390px: {fit}"


def test_annual_report_says_the_gap_in_words(driver, base_url, axe_source) -> None:
    load(driver, base_url + REPORT)
    heading = driver.find_element(By.ID, "against-population")
    assert heading.text == "Reach against the local population"
    sentences = [li.text for li in driver.find_elements(By.CSS_SELECTOR, ".yswd-reach-words li")]
    assert sentences and all("of local people" in s for s in sentences)
    assert any("percentage point" in s for s in sentences)
    table = driver.find_element(By.CSS_SELECTOR, "table.yswd-population")
    assert headers(table)[-1] == "Reach for every 100 in proportion"
    result = run_axe(driver, axe_source, "document.querySelector('.yswd-report')")
    assert not result.violations, result.report()
