"""With JavaScript off, listings still show records and their pages still link to each other."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from .support import load

LISTING = "you-said-we-did/"


def records_shown(driver) -> int:
    return driver.execute_script(
        "return [...document.querySelectorAll('.yswd-record')].filter(el => el.checkVisibility()).length"
    )


def test_javascript_really_is_off(driver_nojs, base_url) -> None:
    load(driver_nojs, base_url + LISTING)
    # Material's script swaps "no-js" for "js" as soon as it runs.
    assert "no-js" in driver_nojs.find_element(By.TAG_NAME, "html").get_attribute("class")


def test_listing_shows_records_and_next_page_works(driver_nojs, base_url) -> None:
    load(driver_nojs, base_url + LISTING)
    first_page = records_shown(driver_nojs)
    assert first_page >= 1, "the listing shows no records without JavaScript"
    titles = [a.text for a in driver_nojs.find_elements(By.CSS_SELECTOR, ".yswd-record__title a")]
    driver_nojs.find_element(By.LINK_TEXT, "Next page").click()
    assert driver_nojs.current_url == base_url + LISTING + "page-2/"
    assert records_shown(driver_nojs) >= 1, "page 2 of the listing shows no records"
    assert "Page 2 of" in driver_nojs.find_element(By.CSS_SELECTOR, ".yswd-pagination").text
    assert not set(titles) & {a.text for a in driver_nojs.find_elements(By.CSS_SELECTOR, ".yswd-record__title a")}
    driver_nojs.find_element(By.LINK_TEXT, "Previous page").click()
    assert driver_nojs.current_url == base_url + LISTING


def test_facet_listings_are_reachable_and_work(driver_nojs, base_url) -> None:
    load(driver_nojs, base_url + "topics/")
    link = driver_nojs.find_element(By.CSS_SELECTOR, ".yswd-hub__list a")
    link.click()
    assert records_shown(driver_nojs) >= 1
    load(driver_nojs, base_url + "localities/wenmouth/")
    assert records_shown(driver_nojs) >= 1
    driver_nojs.find_element(By.LINK_TEXT, "Next page").click()
    assert driver_nojs.current_url.endswith("localities/wenmouth/page-2/")
    assert records_shown(driver_nojs) >= 1


def test_no_control_that_needs_javascript_is_shown(driver_nojs, base_url) -> None:
    load(driver_nojs, base_url + LISTING)
    # Controls that only work with JavaScript (the filter form, the header's menu button)
    # must not be offered when it is off.
    shown = driver_nojs.execute_script(
        """
        return [...document.querySelectorAll('#yswd-filter, [data-yswd-opens]')]
            .filter(el => el.checkVisibility()).map(el => el.outerHTML.slice(0, 120));
        """
    )
    assert not shown, f"controls that need JavaScript are shown without it: {shown}"
