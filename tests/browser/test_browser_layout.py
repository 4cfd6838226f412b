"""Layout people rely on: touch targets big enough on a phone, links that look like links, print."""

from __future__ import annotations

import base64

from selenium.webdriver.common.by import By

from .conftest import OUTPUT
from .support import load, viewport

LISTING = "you-said-we-did/"
ENGAGEMENT = "engagements/maternity-scan-appointments-2023/"

SMALL_TARGETS = """
const small = [];
for (const el of document.querySelectorAll(arguments[0])) {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 44 - 0.5 || r.height < 44 - 0.5)
        small.push(`${Math.round(r.width)}x${Math.round(r.height)} ${el.outerHTML.slice(0, 120)}`);
}
return small;
"""

# Controls that stand alone (not links inside a sentence, which WCAG 2.5.8 exempts).
STANDALONE = ", ".join(
    [
        ".md-header a",
        ".md-header button",
        ".yswd-pagination a",
        ".yswd-filter select",
        ".yswd-filter button",
        ".yswd-facet-links > summary",
    ]
)


def test_touch_targets_are_44px_on_a_phone(driver, base_url) -> None:
    with viewport(driver, 390, 844, mobile=True):
        load(driver, base_url + LISTING)
        small = driver.execute_script(SMALL_TARGETS, STANDALONE)
        assert not small, "touch targets smaller than 44 x 44 px:\n" + "\n".join(small)
        driver.find_element(By.CSS_SELECTOR, "button[data-yswd-opens='__drawer']").click()
        small = driver.execute_script(SMALL_TARGETS, ".md-sidebar--primary .md-nav__link[href]")
        assert not small, "menu links smaller than 44 px tall:\n" + "\n".join(small)


def test_links_in_text_are_underlined(driver, base_url) -> None:
    """Links in running text (not menus or page numbers, which are plainly controls)."""
    for url in ("", LISTING, ENGAGEMENT):
        load(driver, base_url + url)
        bare = driver.execute_script(
            """
            return [...document.querySelectorAll('.md-content :is(p, li, dd, td) > a[href]')]
                .filter(a => a.checkVisibility() && !a.classList.contains('headerlink') && !a.closest('nav')
                             && !getComputedStyle(a).textDecorationLine.includes('underline'))
                .map(a => a.outerHTML.slice(0, 120));
            """
        )
        assert not bare, f"links told apart by colour alone on /{url}:\n" + "\n".join(bare[:10])


def test_engagement_page_prints_cleanly(driver, base_url, site_name) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        with viewport(driver, 794, 1123):  # A4 at 96 dpi
            load(driver, base_url + ENGAGEMENT)
            shown = driver.execute_script(
                """
                return ['.md-header', '.md-sidebar--primary', '.md-footer', '.yswd-skip']
                    .filter(s => [...document.querySelectorAll(s)].some(el => el.checkVisibility()));
                """
            )
            assert not shown, f"printed, but only useful on screen: {shown}"
            assert driver.find_element(By.CSS_SELECTOR, ".md-content h1").is_displayed()
            colour = driver.execute_script("return getComputedStyle(document.querySelector('.md-content p')).color")
            assert colour == "rgb(0, 0, 0)", f"printed text should be black, not {colour}"
            shots = OUTPUT / "screenshots" / site_name
            shots.mkdir(parents=True, exist_ok=True)
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
            (shots / "engagement-print.png").write_bytes(base64.b64decode(shot["data"]))
            pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})
            (shots / "engagement-print.pdf").write_bytes(base64.b64decode(pdf["data"]))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_not_found_page_works_at_any_depth(driver, base_url) -> None:
    """A static host serves 404.html for any missing address: its links and styles must still work."""
    load(driver, base_url + "engagements/no-such-engagement/")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Page not found"
    styled = driver.execute_script("return getComputedStyle(document.querySelector('.md-header')).position")
    assert styled == "sticky", "the 404 page lost its stylesheets at a deeper address"
    driver.find_element(By.LINK_TEXT, "Go to the home page").click()
    assert driver.current_url == base_url
