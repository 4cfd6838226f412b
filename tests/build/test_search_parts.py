"""The search index: every published record's page and every page of the site's own Markdown
in it, no listing page; in parts for a large site, searched together by the search page."""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pagefind.index import IndexConfig, PagefindIndex

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
    for part in parts:
        assert (part / "pagefind-entry.json").is_file()


def test_a_small_index_is_one_part_holding_the_same_pages(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(synthetic, tmp_path / "out", monkeypatch, per_part=3000)
    assert json.loads((out / "pagefind" / MORE_PARTS).read_text(encoding="utf-8")) == []
    assert not list(out.glob("pagefind-*"))
    urls = indexed(out / "pagefind")
    assert record_urls(synthetic, out) <= set(urls)
    assert not [url for url in urls if url.startswith(("/you-said-we-did/", "/topics/", "/years/"))]


def test_parts_are_indexed_while_the_theme_draws_the_site(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind begins on the first part before the build has written a page, and each part
    after it once the one before is written, one at a time."""
    events: list[tuple[str, int]] = []
    begin, end = yswd.site.search._Pagefind.__init__, yswd.site.search._Pagefind.end

    def begun(pagefind, part):
        events.append(("begin", sum(1 for _ in part.output.parent.rglob("index.html"))))
        begin(pagefind, part)

    def ended(pagefind):
        events.append(("end", 0))
        end(pagefind)

    monkeypatch.setattr(yswd.site.search._Pagefind, "__init__", begun)
    monkeypatch.setattr(yswd.site.search._Pagefind, "end", ended)
    build_site(synthetic, tmp_path / "out", monkeypatch, per_part=7)
    assert events[0] == ("begin", 0), "the first part is begun before any page is written"
    assert [kind for kind, _ in events] == ["begin", "end"] * (len(events) // 2) and len(events) >= 8


def test_pagefind_reads_of_a_page_only_its_content_and_title(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build gives Pagefind each page's content and title, not the page the theme draws, and
    keys each part of the index by them in the build cache: what Pagefind makes of the finished
    pages is the same. Its command line, which takes pages in an order of its own, makes every
    page's entry byte for byte; its Python API, given the finished pages in the build's order,
    makes the whole index. A page of the site's own Markdown without a heading is titled by the theme."""
    root = tmp_path / "site"
    shutil.copytree(synthetic, root)
    (root / "content" / "questions.md").write_text("---\ntitle: Questions & answers\n---\n\nWhat people ask about our engagement work.\n", encoding="utf-8")
    told: list[tuple[str, str, str]] = []
    add = yswd.site.search.SearchIndex.add
    monkeypatch.setattr(yswd.site.search.SearchIndex, "add", lambda index, page, content, title: (told.append((page, content, title)), add(index, page, content, title))[1])
    out = build_site(root, tmp_path / "out", monkeypatch, per_part=3000)
    assert "/questions/" in indexed(out / "pagefind") and len(told) > 20
    made = out / "pagefind"
    by_cli = cli_index(out, [page for page, _, _ in told], tmp_path / "by-cli")
    assert fragments(made) == fragments(by_cli), "each page as Pagefind reads the finished page"
    in_order = tmp_path / "in-order"
    asyncio.run(index_in_order(out, [page for page, _, _ in told], in_order))
    names = sorted(p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file() and p.name != MORE_PARTS)
    assert names == sorted(p.relative_to(in_order).as_posix() for p in in_order.rglob("*") if p.is_file())
    assert [n for n in names if (made / n).read_bytes() != (in_order / n).read_bytes()] == []
    titles = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])["meta"].get("title") for f in (made / "fragment").glob("*")]
    assert "Questions & answers" in titles


def fragments(index: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (index / "fragment").iterdir()}


def cli_index(out: Path, pages: list[str], folder: Path) -> Path:
    """Pagefind's command line over the finished pages: it reads them in an order of its own."""
    site = folder.with_name(folder.name + "-pages")
    for page in pages:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / page, site / page)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(folder), "--force-language", "en", "--exclude-selectors", yswd.site.search.LEFT_OUT], check=True, capture_output=True)
    return folder


async def index_in_order(out: Path, pages: list[str], folder: Path) -> None:
    """Pagefind's own Python API given the finished pages in the order the build gave it theirs."""
    options = {"force_language": "en", "exclude_selectors": [s.strip() for s in yswd.site.search.LEFT_OUT.split(",")]}
    async with PagefindIndex(IndexConfig(**options, output_path=str(folder))) as index:
        for page in pages:
            await index.add_html_file(content=(out / page).read_text(encoding="utf-8"), source_path=page)


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
    assert processes, "a part had begun"
    assert all(process.returncode is not None for process in processes), "every Pagefind has ended"
