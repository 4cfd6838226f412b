"""axe-core finds no WCAG 2.0-2.2 A/AA failure on any kind of page, at phone and desktop widths,
or on the search page with results, on each site (conftest.SITES)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from .support import PAGES, AxeResult, load, page_file, resolve, run_axe, viewport


WIDTHS = {390: (390, 844, True), 1280: (1280, 900, False)}
"""A phone and a desktop: (width, height, mobile)."""


def check(result: AxeResult, site: str, name: str, axe_results: dict) -> None:
    axe_results.setdefault(site, {})[name] = {
        "violations": len(result.violations),
        "passes": result.passes,
        # "Needs review": axe could not decide (for example text over a gradient). For people to look at.
        "needs_review": {rule["id"]: rule["targets"] for rule in result.incomplete},
    }
    if result.violations:
        pytest.fail(f"axe found {len(result.violations)} problem(s) on {name} of the {site} site:\n{result.report()}", pytrace=False)
    assert result.passes > 0, f"axe checked nothing on {name} of the {site} site"


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations(name, width, driver, base_url, site_name, site_dir, axe_source, axe_results) -> None:
    url = resolve(site_dir, name)
    assert page_file(site_dir, url).is_file(), f"the built site has no {url or 'home page'}"
    w, h, mobile = WIDTHS[width]
    with viewport(driver, w, h, mobile=mobile):
        load(driver, base_url + url)
        check(run_axe(driver, axe_source), site_name, f"{name}-{width}", axe_results)


def test_every_page_has_no_axe_violations(driver, base_url, site_dir, axe_source) -> None:
    """Every HTML page of the site, not just one of each kind (about 0.3 s a page)."""
    failures = []
    for page in sorted(site_dir.rglob("*.html")):
        url = page.relative_to(site_dir).as_posix().removesuffix("index.html")
        if url.startswith(("assets/", "pagefind/")):
            continue
        load(driver, base_url + url)
        if driver.execute_script("return !!document.querySelector('meta[http-equiv=refresh]')"):
            continue  # a redirect page
        result = run_axe(driver, axe_source)
        if result.violations:
            failures.append(f"/{url}:\n{result.report()}")
    if failures:
        pytest.fail(f"axe found problems on {len(failures)} page(s):\n" + "\n".join(failures), pytrace=False)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_search_with_results_has_no_axe_violations(width, driver, base_url, site_name, site_dir, axe_source, axe_results) -> None:
    """Search is a page (Pagefind), reached from the header's Search link: Tab to it, press
    Enter, type a question, wait for the results, then check the page as it is then."""
    if not (site_dir / "search" / "index.html").is_file():
        pytest.skip("this build has no search page (yswd's search option is 'none')")
    w, h, mobile = WIDTHS[width]
    with viewport(driver, w, h, mobile=mobile):
        load(driver, base_url)
        driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        for _ in range(10):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            if "yswd-header-search" in (driver.switch_to.active_element.get_attribute("class") or ""):
                break
        else:
            pytest.fail("Tab never reached the Search link in the header")
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        WebDriverWait(driver, 10).until(lambda d: d.current_url == base_url + "search/")
        box = WebDriverWait(driver, 10).until(
            ready.visibility_of_element_located((By.CSS_SELECTOR, "#yswd-search input[type=text], #yswd-search input"))
        )
        box.send_keys("scan")
        WebDriverWait(driver, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#yswd-search .pagefind-ui__result-link")
        )
        check(run_axe(driver, axe_source), site_name, f"search-results-{width}", axe_results)
