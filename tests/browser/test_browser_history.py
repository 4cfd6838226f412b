"""A record's history as people use it: the facts say when it was first published and last changed,
and the list of changes opens from the keyboard, with or without JavaScript, and passes axe."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .support import load, run_axe

ENGAGEMENT = "engagements/maternity-scan-appointments-2023/"


def facts(driver) -> dict[str, str]:
    terms = driver.find_elements(By.CSS_SELECTOR, ".yswd-facts dt")
    return {dt.text: dt.find_element(By.XPATH, "following-sibling::dd[1]").text for dt in terms}


def test_history_opens_from_the_keyboard_and_passes_axe(driver, base_url, axe_source) -> None:
    load(driver, base_url + ENGAGEMENT)
    shown = facts(driver)
    # The example is committed on 3 November 2025 (tests/conftest.py) with every record published
    assert shown["First published"] == "3 November 2025"
    assert shown["Last changed"] == "3 November 2025"
    details = driver.find_element(By.CSS_SELECTOR, ".yswd-history details")
    assert details.get_attribute("open") is None
    changes = driver.find_elements(By.CSS_SELECTOR, ".yswd-history__changes li")
    assert changes and not changes[0].is_displayed()
    summary = details.find_element(By.TAG_NAME, "summary")
    assert summary.text == "1 change, newest first"
    driver.execute_script("arguments[0].focus()", summary)
    assert driver.switch_to.active_element == summary
    summary.send_keys(Keys.ENTER)
    assert details.get_attribute("open") is not None
    assert changes[0].is_displayed() and changes[0].text == "3 November 2025: Publish the example site"
    assert changes[0].find_element(By.TAG_NAME, "time").get_attribute("datetime") == "2025-11-03"
    result = run_axe(driver, axe_source, "document.querySelector('.yswd-history')")
    assert not result.violations, result.report()
    assert result.passes > 0


def test_history_opens_without_javascript(driver_nojs, base_url) -> None:
    load(driver_nojs, base_url + ENGAGEMENT)
    summary = driver_nojs.find_element(By.CSS_SELECTOR, ".yswd-history summary")
    summary.click()
    assert driver_nojs.find_element(By.CSS_SELECTOR, ".yswd-history__changes li").is_displayed()
