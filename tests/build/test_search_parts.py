"""The search index: every published record's page and every page of the site's own Markdown
in it, no listing page; in parts for a large site, searched together by the search page."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import yswd.site.search
from conftest import BUILD_DATE
from test_serve_equivalence import published
from yswd.site.search import BODY_START, MORE_PARTS
from yswd.tools.synth import synthesise


def indexed(part: Path) -> list[str]:
    """The addresses of the pages in one part of the index, read from its fragments."""
    urls = []
    for fragment in sorted((part / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[len(b"pagefind_dcd"):])["url"])
    return urls


def build_site(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch, per_part: int) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
    monkeypatch.setattr(yswd.site.search, "PAGES_PER_PART", per_part)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return out


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search") / "site"
    synthesise(root, 30, seed=4)
    return root


def record_urls(root: Path, out: Path) -> set[str]:
    """The address of every published record's page, as Pagefind gives it."""
    pages = {p.relative_to(out).parent.as_posix() for p in (out / "engagements").glob("*/index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    assert len(pages) == len(published(root))
    return {f"/{page}/" for page in pages}


def test_a_large_index_is_made_in_parts_that_hold_every_record_once_and_no_listing(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(synthetic, tmp_path / "out", monkeypatch, per_part=7)
    more = json.loads((out / "pagefind" / MORE_PARTS).read_text(encoding="utf-8"))
    assert more == [f"../pagefind-{n}/" for n in range(2, len(more) + 2)] and len(more) >= 3
    parts = [out / "pagefind", *((out / "pagefind" / folder).resolve() for folder in more)]
    urls = [url for part in parts for url in indexed(part)]
    assert all(len(indexed(part)) <= 7 for part in parts)
    assert len(urls) == len(set(urls)), "each page is in one part only"
    assert record_urls(synthetic, out) <= set(urls)
    assert "/" in urls, "the site's own Markdown pages are searchable too"
    listings = ("/you-said-we-did/", "/topics/", "/localities/", "/years/", "/types/", "/action-status/", "/reports/", "/ways-to-take-part/")
    assert not [url for url in urls if url.startswith(listings)], "listing pages repeat records: they are not search results"
    assert not list(out.glob(".yswd-search-*")), "the folders Pagefind read the parts from are gone"
    for part in parts:
        assert (part / "pagefind-entry.json").is_file()


def test_a_small_index_is_one_part_holding_the_same_pages(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(synthetic, tmp_path / "out", monkeypatch, per_part=3000)
    assert json.loads((out / "pagefind" / MORE_PARTS).read_text(encoding="utf-8")) == []
    assert not list(out.glob("pagefind-*"))
    urls = indexed(out / "pagefind")
    assert record_urls(synthetic, out) <= set(urls)
    assert not [url for url in urls if url.startswith(("/you-said-we-did/", "/topics/", "/years/"))]


def test_pagefind_starts_before_the_theme_draws_a_page(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind indexes while MkDocs draws and writes the site: the first part starts, and every
    page is handed to the index, before any page is written."""
    events: list[str] = []
    search = yswd.site.search.SearchIndex
    start, all_added, finish = search._start, search.all_added, search.finish

    def when(index, event: str) -> str:
        written = [p for p in index.site_dir.rglob("*.html") if not p.relative_to(index.site_dir).parts[0].startswith(".yswd-search-")]
        return f"{event} after a page was written" if written else event

    def started(index, staged):
        events.append(when(index, "start"))
        start(index, staged)

    def added(index):
        events.append(when(index, "all added"))
        all_added(index)

    def finished(index):
        events.append("finish")
        finish(index)

    monkeypatch.setattr(search, "_start", started)
    monkeypatch.setattr(search, "all_added", added)
    monkeypatch.setattr(search, "finish", finished)
    build_site(synthetic, tmp_path / "out", monkeypatch, per_part=7)
    assert events[0] == "start" and events.index("all added") < events.index("finish")
    assert events.count("finish") == 1 and sum(e.startswith("start") for e in events) >= 4


def test_the_index_is_the_one_pagefind_makes_from_the_finished_pages(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind is given each page's content, not the page the theme draws: what it reads of a
    page (the marked content and the first heading) is the same, so the index is byte for byte
    the same. A page of the site's own Markdown without a heading gets its title as one."""
    root = tmp_path / "site"
    shutil.copytree(synthetic, root)
    (root / "content" / "questions.md").write_text("---\ntitle: Questions & answers\n---\n\nWhat people ask about our engagement work.\n", encoding="utf-8")
    out = build_site(root, tmp_path / "out", monkeypatch, per_part=3000)
    finished = tmp_path / "finished"
    pages = [p for p in out.rglob("*.html") if BODY_START in p.read_text(encoding="utf-8")]
    assert "/questions/" in indexed(out / "pagefind") and len(pages) > 20
    for page in pages:
        target = finished / page.relative_to(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    subprocess.run(yswd.site.search._command(finished, tmp_path / "from-finished"), check=True, capture_output=True)
    made, expected = out / "pagefind", tmp_path / "from-finished"
    names = sorted(p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file() and p.name != MORE_PARTS)
    assert names == sorted(p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file())
    assert [n for n in names if (made / n).read_bytes() != (expected / n).read_bytes()] == []
    titles = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])["meta"].get("title") for f in (made / "fragment").glob("*")]
    assert "Questions & answers" in titles


def test_a_failed_build_leaves_no_pagefind_running(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    processes = []
    popen = yswd.site.search.subprocess.Popen

    def recorded(*args, **kwargs):
        processes.append(popen(*args, **kwargs))
        return processes[-1]

    add = yswd.site.search.SearchIndex.add
    calls = []

    def failing(index, page, content, title):
        calls.append(page)
        if len(calls) == 12:
            raise OSError("the disk is full")
        add(index, page, content, title)

    monkeypatch.setattr(yswd.site.search.subprocess, "Popen", recorded)
    monkeypatch.setattr(yswd.site.search.SearchIndex, "add", failing)
    with pytest.raises(OSError, match="the disk is full"):
        build_site(synthetic, tmp_path / "out", monkeypatch, per_part=5)
    assert processes, "a part had started"
    assert all(process.returncode is not None for process in processes), "every Pagefind has ended"
    assert not list(tmp_path.rglob(".yswd-search-*"))
