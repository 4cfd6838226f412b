"""A search index made in parts is searched as one: a record indexed in the last part with
records is found from the search page, as are records of the first."""

from __future__ import annotations

import functools
import gzip
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import yswd.site.search
from .conftest import _SiteHandler, _SiteServer
from .support import load
from yswd.tools.synth import synthesise

BUILD_DATE = "1764547200"


@pytest.fixture(scope="module")
def parts_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A synthetic site whose index is in parts of 8 pages, served on a free port."""
    work = tmp_path_factory.mktemp("search-parts")
    synthesise(work / "site", 30, seed=4)
    out = work / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
        patch.setattr(yswd.site.search, "PAGES_PER_PART", 8)
        config = load_config(str(work / "site" / "mkdocs.yml"), site_dir=str(out))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    server = _SiteServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(out)))
    server.csp_reports = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", out
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def a_record(part: Path) -> dict | None:
    """A record's page (address and title) that Pagefind put in one part of the index."""
    for fragment in sorted((part / "fragment").glob("*.pf_fragment")):
        page = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        if page["url"].startswith("/engagements/"):
            return page
    return None


def found(driver, base_url: str, question: str) -> list[str]:
    """Every result's address for a question asked on the search page (all of them loaded)."""
    load(driver, f"{base_url}search/?q={quote(question)}")
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#yswd-search .pagefind-ui__result-link"))
    while more := driver.find_elements(By.CSS_SELECTOR, "#yswd-search .pagefind-ui__button"):
        count = len(driver.find_elements(By.CSS_SELECTOR, "#yswd-search .pagefind-ui__result"))
        more[0].click()
        WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#yswd-search .pagefind-ui__result")) > count)
    links = driver.find_elements(By.CSS_SELECTOR, "#yswd-search .pagefind-ui__result-link")
    return [link.get_attribute("href").removeprefix(base_url.rstrip("/")) for link in links]


def test_records_of_the_first_and_the_last_part_are_found(driver, parts_site: tuple[str, Path]) -> None:
    base_url, out = parts_site
    more = json.loads((out / "pagefind" / yswd.site.search.MORE_PARTS).read_text(encoding="utf-8"))
    records = [a_record(part) for part in (out / "pagefind", *((out / "pagefind" / folder).resolve() for folder in more))]
    records = [page for page in records if page is not None]
    assert len(records) >= 3, "records are in three parts or more"
    for page in (records[0], records[-1]):
        assert page["url"] in found(driver, base_url, page["meta"]["title"]), page["url"]
