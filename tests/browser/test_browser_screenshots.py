"""Full-page screenshots at phone and desktop widths, for people to look at.

Written to test-output/screenshots/<site>/ (gitignored), for each site (conftest.SITES). The test also checks what a screenshot
cannot show a machine reliably: nothing is wider than the screen, and text is not tiny.
"""

from __future__ import annotations

import base64

import pytest

from .conftest import OUTPUT
from .support import load, open_engagement, viewport

SHOTS = OUTPUT / "screenshots"
WIDTHS = {"390": (390, 844, True), "1280": (1280, 900, False)}
SUBJECTS = {
    "home": "",
    "engagement": "engagements/maternity-scan-appointments-2023/",
    "open-engagement": None,  # found in the built site
    "listing": "you-said-we-did/",
}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("subject", list(SUBJECTS))
def test_screenshot(subject, width, driver, base_url, site_name, site_dir) -> None:
    url = SUBJECTS[subject] if SUBJECTS[subject] is not None else open_engagement(site_dir)
    w, h, mobile = WIDTHS[width]
    with viewport(driver, w, h, mobile=mobile):
        load(driver, base_url + url)
        overflow = driver.execute_script(
            """
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('.md-content *')]
                .filter(el => el.getBoundingClientRect().right > width + 1 && el.checkVisibility())
                .map(el => el.outerHTML.slice(0, 120));
            """
        )
        assert not overflow, f"content wider than the {w}px screen:\n" + "\n".join(overflow[:10])
        smallest = driver.execute_script(
            """
            let smallest = 99;
            const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const el = walker.currentNode.parentElement;
                if (walker.currentNode.textContent.trim() && el.checkVisibility() && !el.closest('svg'))
                    smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
            }
            return smallest;
            """
        )
        assert smallest >= 14, f"text as small as {smallest}px on {subject} at {w}px"
        (SHOTS / site_name).mkdir(parents=True, exist_ok=True)
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        (SHOTS / site_name / f"{subject}-{width}.png").write_bytes(base64.b64decode(shot["data"]))
