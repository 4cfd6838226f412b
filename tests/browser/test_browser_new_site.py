"""A site straight from `yswd init`, checked and built as its README says: no axe failure on any page
at phone and desktop widths, and the skip link first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from selenium.webdriver.common.keys import Keys

from conftest import BUILD_DATE

from .conftest import address, serving
from .support import load, run_axe, viewport
from .test_browser_axe import WIDTHS
from .test_browser_keyboard import press


def _run(*args: str, cwd: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE}
    result = subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new-site") / "fennick-vale"
    _run("yswd", "init", str(folder), "--name", "NHS Fennick Vale ICB", cwd=folder.parent)
    _run("yswd", "check", cwd=folder)
    _run("mkdocs", "build", "--strict", cwd=folder)
    return folder / "site"


@pytest.fixture(scope="module")
def new_site_url(new_site: Path) -> Iterator[str]:
    with serving(new_site) as server:
        yield address(server)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_of_a_new_site_has_no_axe_violations(width, new_site, new_site_url, driver, axe_source) -> None:
    pages = [p.relative_to(new_site).as_posix().removesuffix("index.html") for p in sorted(new_site.rglob("*.html"))]
    pages = [url for url in pages if not url.startswith(("assets/", "pagefind/"))]
    assert len(pages) > 15, pages
    failures = []
    w, h, mobile = WIDTHS[width]
    with viewport(driver, w, h, mobile=mobile):
        for url in pages:
            load(driver, new_site_url + url)
            result = run_axe(driver, axe_source)
            assert result.passes > 0, f"axe checked nothing on /{url}"
            if result.violations:
                failures.append(f"/{url}:\n{result.report()}")
    if failures:
        pytest.fail(f"axe found problems on {len(failures)} page(s) of the new site:\n" + "\n".join(failures), pytrace=False)


@pytest.mark.parametrize("url", ["", "how-to-edit/", "strategy/"])
def test_the_skip_link_comes_first_on_a_new_site(url, new_site_url, driver) -> None:
    load(driver, new_site_url + url)
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    press(driver, Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.tag_name == "a" and "Skip to main content" in skip.text, skip.get_attribute("outerHTML")[:200]
