"""Keyboard use: a skip link first, every link and control reachable by Tab, focus always visible."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from .support import load, open_engagement, page_file, viewport

# Marks every control a person could use on the page, and remembers how it looks unfocused.
# A control: a link, button, form field, <summary>, anything with tabindex >= 0, and a
# <label> in the header that stands in for a hidden checkbox (Material's menu and search
# toggles; the drawer's title and the overlay are labels too, but are not buttons anyone needs).
# Only controls that are there to see count: not hidden, not in a closed drawer or <details>.
MARK_CONTROLS = """
const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], .md-header label[for]';
const shown = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
    && [...el.getClientRects()].some(r => r.width > 0 && r.height > 0);
const controls = [];
document.querySelectorAll(selector).forEach((el, i) => {
    if (el.matches('[tabindex="-1"]') && !el.matches('a[href], button, input, select, textarea, summary')) return;
    if (el.matches('label[for]')) {
        const target = document.getElementById(el.htmlFor);
        if (!target || target.checkVisibility()) return;   // an ordinary label: its field is the control
    }
    if (el.disabled || !shown(el) && !el.matches('.yswd-skip')) return;
    el.dataset.yswdControl = String(i);
    const style = getComputedStyle(el);
    el.dataset.yswdRest = JSON.stringify([style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow]);
    controls.push({id: String(i), html: el.outerHTML.replace(/ data-yswd-[a-z]+="[^"]*"/g, '').slice(0, 160)});
});
if (document.activeElement) document.activeElement.blur();
window.scrollTo(0, 0);
return controls;
"""

# What the focused element is, whether it can be seen, and whether its focus style shows.
FOCUSED = """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const style = getComputedStyle(el);
const rest = JSON.parse(el.dataset.yswdRest || '["none","0px","rgba(0, 0, 0, 0)","none"]');
const transparent = c => /rgba\\(.*, 0\\)$/.test(c) || c === 'transparent';
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && !transparent(style.outlineColor)
    && JSON.stringify([style.outlineStyle, style.outlineWidth, style.outlineColor]) !== JSON.stringify(rest.slice(0, 3));
const shadow = style.boxShadow !== 'none' && style.boxShadow !== rest[3];
const rect = [...el.getClientRects()].find(r => r.width > 0 && r.height > 0);
let seen = false;
if (rect) {
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    seen = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth
        && hit !== null && (el === hit || el.contains(hit) || hit.contains(el));
}
return {id: el.dataset.yswdControl || null, html: el.outerHTML.replace(/ data-yswd-[a-z]+="[^"]*"/g, '').slice(0, 160), indicator: outline || shadow,
        seen: seen, style: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join(' | ')};
"""

LISTING = "you-said-we-did/"


def press(driver, *keys) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def test_every_page_says_its_language(site_dir) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert pages
    wrong = [
        str(page.relative_to(site_dir))
        for page in pages
        if not re.search(r'<html[^>]*\blang="en(-GB)?"', page.read_text(encoding="utf-8")[:2000])
        and "http-equiv=\"refresh\"" not in page.read_text(encoding="utf-8")[:2000]
    ]
    assert not wrong, f"pages without lang=\"en\" on <html>: {wrong[:10]}"


@pytest.mark.parametrize("name", ["home", "listing", "engagement", "open-engagement", "not-found"])
def test_skip_link_comes_first_and_moves_focus_to_the_content(name, driver, base_url, site_dir) -> None:
    url = {
        "home": "",
        "listing": LISTING,
        "engagement": "engagements/maternity-scan-appointments-2023/",
        "open-engagement": open_engagement(site_dir),
        "not-found": "404.html",
    }[name]
    load(driver, base_url + url)
    assert driver.execute_script("return document.documentElement.lang") == "en"
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    press(driver, Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.tag_name == "a" and "Skip to main content" in skip.text, (
        f"the first Tab reached {skip.get_attribute('outerHTML')[:200]}, not the skip link"
    )
    box = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, r.left, r.width, r.height]", skip
    )
    assert box[2] > 40 and box[3] > 20 and box[0] >= 0 and box[1] >= 0, f"the focused skip link is not visible: {box}"
    press(driver, Keys.ENTER)
    assert driver.execute_script("return document.activeElement.id") == "main-content"
    press(driver, Keys.TAB)
    inside = driver.execute_script(
        "return document.getElementById('main-content').contains(document.activeElement)"
    )
    assert inside, "after the skip link, Tab should go on inside the main content"


@pytest.mark.parametrize("width", [1280, 390])
def test_tab_reaches_every_control_and_focus_is_always_visible(width, driver, base_url, site_dir) -> None:
    assert page_file(site_dir, LISTING).is_file()
    with viewport(driver, width, 844 if width < 600 else 900, mobile=width < 600):
        load(driver, base_url + LISTING)
        controls = driver.execute_script(MARK_CONTROLS)
        assert len(controls) > 20, "the listing page should have plenty of links"
        reached: list[dict] = []
        for _ in range(len(controls) + 40):
            press(driver, Keys.TAB)
            focused = driver.execute_script(FOCUSED)
            if focused is None or (reached and focused["id"] is not None and focused["id"] == reached[0]["id"]):
                break  # Tab has left the page, or come round again
            reached.append(focused)
    unmarked = [f["html"] for f in reached if f["id"] is None]
    assert not unmarked, "Tab stopped on things nobody can see or use:\n" + "\n".join(unmarked)
    missed = [c["html"] for c in controls if c["id"] not in {f["id"] for f in reached}]
    assert not missed, f"{len(missed)} control(s) Tab never reaches at {width}px:\n" + "\n".join(missed[:15])
    hidden = [f["html"] for f in reached if not f["seen"]]
    assert not hidden, "focus went somewhere off screen or covered up:\n" + "\n".join(hidden[:15])
    no_ring = [f"{f['html']}\n    {f['style']}" for f in reached if not f["indicator"]]
    assert not no_ring, "no visible focus indicator on:\n" + "\n".join(no_ring[:15])


def test_menu_button_opens_the_drawer_by_enter_and_space_on_a_phone(driver, base_url) -> None:
    with viewport(driver, 390, 844, mobile=True):
        load(driver, base_url + LISTING)
        driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        press(driver, Keys.TAB, Keys.TAB)  # the skip link, then the menu button
        menu = driver.switch_to.active_element
        assert menu.get_attribute("data-yswd-opens") == "__drawer", menu.get_attribute("outerHTML")[:200]
        assert menu.get_attribute("aria-expanded") == "false"
        press(driver, Keys.ENTER)
        assert driver.execute_script("return document.getElementById('__drawer').checked")
        assert menu.get_attribute("aria-expanded") == "true"
        drawer_links = driver.execute_script(
            "return [...document.querySelectorAll('.md-sidebar--primary a[href]')].filter(a => a.checkVisibility()).length"
        )
        assert drawer_links >= 3
        press(driver, Keys.ESCAPE)
        assert not driver.execute_script("return document.getElementById('__drawer').checked")
        assert driver.switch_to.active_element == menu, "closing the menu should put focus back on its button"
        press(driver, Keys.SPACE)
        assert driver.execute_script("return document.getElementById('__drawer').checked"), "Space should open the menu too"
        press(driver, Keys.ESCAPE)
        assert driver.switch_to.active_element == menu
