"""The search index: every published record's page and every page of the site's own Markdown
in it, no listing page; in parts for a large site, searched together by the search page."""

from __future__ import annotations

import gzip
import html
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
from yswd.site.search import MORE_PARTS
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


def test_parts_are_indexed_while_the_rest_of_the_site_is_written(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind starts on the first part before the build has written its last page."""
    events: list[str] = []
    start, finish = yswd.site.search.SearchIndex._start, yswd.site.search.SearchIndex.finish

    def started(index, part):
        assert all((index.site_dir / page).is_file() for page in part.pages), "a part starts only once its pages are written"
        events.append("start")
        start(index, part)

    def finished(index):
        events.append("finish")
        finish(index)

    monkeypatch.setattr(yswd.site.search.SearchIndex, "_start", started)
    monkeypatch.setattr(yswd.site.search.SearchIndex, "finish", finished)
    build_site(synthetic, tmp_path / "out", monkeypatch, per_part=7)
    assert events[0] == "start" and events.count("finish") == 1 and events.count("start") >= 4


def test_pagefind_reads_of_a_page_only_its_content_and_title(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A part of the index is kept in the build cache under a key made of its pages' content and
    titles, not the pages the theme draws: Pagefind given a page of just those makes the index
    byte for byte. A page of the site's own Markdown without a heading is titled by the theme."""
    root = tmp_path / "site"
    shutil.copytree(synthetic, root)
    (root / "content" / "questions.md").write_text("---\ntitle: Questions & answers\n---\n\nWhat people ask about our engagement work.\n", encoding="utf-8")
    told: list[tuple[str, str, str]] = []
    add = yswd.site.search.SearchIndex.add
    monkeypatch.setattr(yswd.site.search.SearchIndex, "add", lambda index, page, content, title: (told.append((page, content, title)), add(index, page, content, title))[1])
    out = build_site(root, tmp_path / "out", monkeypatch, per_part=3000)
    assert "/questions/" in indexed(out / "pagefind") and len(told) > 20
    bare = tmp_path / "bare"
    for page, content, title in told:
        heading = "" if "<h1" in content else f"<h1>{html.escape(title, quote=False)}</h1>\n"
        target = bare / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!doctype html>\n<html lang="en">\n<head></head>\n<body>\n{heading}{content}\n</body>\n</html>\n', encoding="utf-8")
    subprocess.run(yswd.site.search._command(bare, tmp_path / "from-bare"), check=True, capture_output=True)
    made, expected = out / "pagefind", tmp_path / "from-bare"
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

    written = yswd.site.search.SearchIndex.written
    calls = []

    def failing(index, page):
        calls.append(page)
        if len(calls) == 12:
            raise OSError("the disk is full")
        written(index, page)

    monkeypatch.setattr(yswd.site.search.subprocess, "Popen", recorded)
    monkeypatch.setattr(yswd.site.search.SearchIndex, "written", failing)
    with pytest.raises(OSError, match="the disk is full"):
        build_site(synthetic, tmp_path / "out", monkeypatch, per_part=5)
    assert processes, "a part had started"
    assert all(process.returncode is not None for process in processes), "every Pagefind has ended"
    assert not list(tmp_path.rglob(".yswd-search-*"))
