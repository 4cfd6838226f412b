"""The regional site in a browser: three synthetic organisations aggregated and built for real, every
kind of page checked with axe, at phone width, and the record page's link back to its publisher."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from yswd.tools.synth import synthesise

from .conftest import _SiteHandler, _SiteServer
from .support import load, run_axe, viewport

BUILD_DATE = "1764547200"
ORGANISATIONS = {"QE1": 1, "QF7": 2, "RX1": 5}

PAGES = {
    "home": "",
    "every-engagement": "engagements/",
    "every-engagement-page-2": "engagements/page-2/",
    "organisations": "organisations/",
    "organisation": "organisations/qf7/",
    "years": "years/",
    "figures": "figures/",
    "data": "data/",
    "search": "search/",
}

SIDEWAYS = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
WIDE = """const page = document.documentElement.clientWidth, out = [];
for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
  if (r.right > page + 0.5) out.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 60)); }
return out.slice(-3);"""


def run(folder: Path, *args: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("regional")
    for code, seed in ORGANISATIONS.items():
        synthesise(work / code, 10, seed, code)
        run(work / code, "mkdocs", "build")
    run(work, "yswd", "aggregate", *(f"{code}/site" for code in ORGANISATIONS), "--out", "region", "--name", "North and East regional view")
    run(work / "region", "mkdocs", "build", "--strict")
    return work / "region" / "site"


@pytest.fixture(scope="module")
def regional_url(regional: Path) -> Iterator[str]:
    server = _SiteServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(regional)))
    server.csp_reports = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def a_record(regional: Path) -> str:
    page = sorted((regional / "organisations/rx1/engagements").glob("*/index.html"))[0]
    return page.parent.relative_to(regional).as_posix() + "/"


@pytest.mark.parametrize("width", [390, 1280])
def test_every_kind_of_regional_page_passes_axe_and_fits(width, driver, regional, regional_url, axe_source) -> None:
    failures = []
    with viewport(driver, width, 844 if width < 600 else 900, mobile=width < 600):
        for name, url in {**PAGES, "record": a_record(regional)}.items():
            load(driver, regional_url + url)
            assert driver.find_element(By.TAG_NAME, "h1").text, f"{name} has no heading"
            result = run_axe(driver, axe_source)
            if result.violations:
                failures.append(f"{name} at {width}px:\n{result.report()}")
            if not driver.execute_script(SIDEWAYS):
                failures.append(f"{name} scrolls sideways at {width}px: {driver.execute_script(WIDE)}")
    assert not failures, "\n".join(failures)


def test_a_record_page_attributes_it_and_links_back(driver, regional, regional_url) -> None:
    load(driver, regional_url + a_record(regional))
    note = driver.find_element(By.CSS_SELECTOR, ".yswd-banner--note")
    assert note.text.startswith("Published by Brackenmoor Integrated Care Board (ODS code RX1).")
    back = note.find_element(By.PARTIAL_LINK_TEXT, "Read it on")
    assert back.get_attribute("href").startswith("https://engage.brackenmoor.example.nhs.uk/engagements/")
    facts = driver.find_element(By.CSS_SELECTOR, ".yswd-facts").text
    assert "Organisation\nBrackenmoor Integrated Care Board" in facts


def test_the_organisation_facet_narrows_the_listing(driver, regional_url) -> None:
    load(driver, regional_url + "organisations/")
    links = driver.find_elements(By.CSS_SELECTOR, ".yswd-hub__list a")
    assert len(links) == 3
    links[0].click()
    titles = driver.find_elements(By.CSS_SELECTOR, ".yswd-record__meta")
    organisation = driver.find_element(By.TAG_NAME, "h1").text
    assert titles and all(t.text.startswith(organisation + " ·") for t in titles)
