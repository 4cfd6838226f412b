"""Site search with Pagefind: a static index in small chunks, fetched only as people search.

mkdocs-material's own search downloads the whole index on every page, which at tens of
thousands of records outweighs the page itself many times over (see benchmarks/README.md).
Pagefind's PyPI package carries its binary, so nothing is fetched at build time.

Pagefind reads only two things of a page: the content marked `data-pagefind-body` and its
title, the first `<h1>` on the page. Both are known once a page's content is made, before any
page is drawn through the theme, so each page is handed to the index then, as a small page of
its own (`indexed_page`), and Pagefind runs on the second core while the theme draws and
writes the site. The index is byte for byte the one Pagefind makes from the finished pages
(tests/build/test_search_parts.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import metadata
from pathlib import Path
from typing import IO, Protocol

from yswd.site import routes

OUTPUT = routes.SEARCH_INDEX
BODY_START = '<div data-pagefind-body>'
BODY_END = "</div>"


class SearchIndexError(Exception):
    """Pagefind could not index the built site."""


def searchable(html: str) -> str:
    """Mark a page's content for the index; pages not marked (listings, hubs) stay out of it."""
    return f"{BODY_START}\n{html}\n{BODY_END}"


def indexed_page(content: str, title: str) -> str:
    """The page as Pagefind reads it. A page whose content has no `<h1>` gets its title as one
    above the content, as mkdocs-material's content partial gives it."""
    heading = "" if "<h1" in content else f"<h1>{escape(title, quote=False)}</h1>\n"
    return f'<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"></head>\n<body>\n{heading}{content}\n</body>\n</html>\n'


LEFT_OUT = ".headerlink, .yswd-facts, .yswd-aims, .yswd-groups, svg, .yswd-action__facts, .yswd-readability, .yswd-history"
"""Parts of pages not worth searching: heading links, fact lists, number tables, charts."""

PAGES_PER_PART = 2000
"""Pagefind holds about 140 KB a page while it indexes (1.4 GB for the 9,000 record pages of a
10,000-record site, 275 MB for 2,000 of them; benchmarks/README.md), and runs beside the
build's own process: more pages than this are indexed in parts, one Pagefind after another,
which the search page searches together (Pagefind's mergeIndex). A part costs about a tenth
of a second more than its pages."""
MORE_PARTS = "yswd-more.json"
"""In the first part's folder: the other parts' folders, relative to it, for search.js."""


class KeptParts(Protocol):
    """Parts of the index made by earlier builds, by a key of everything that went into them."""

    def restore(self, key: str, folder: Path) -> bool:
        """Put the part kept under `key` in `folder`; False if none is kept (or it can't be read)."""

    def keep(self, key: str, folder: Path) -> None:
        """Keep the part Pagefind made in `folder` under `key`."""


class SearchIndex:
    """Pagefind over the searchable pages of one build, in parts of `PAGES_PER_PART` pages in the
    order they are added. A part is started as soon as it is full, one Pagefind at a time: each
    holds a part's pages in memory. A part whose pages are all as an earlier build indexed them
    is taken from `kept` instead, and Pagefind is not run for it."""

    def __init__(self, site_dir: Path, kept: KeptParts | None = None) -> None:
        self.site_dir = site_dir
        self.kept = kept
        self.filling: list[tuple[str, str]] = []
        """The pages of the part being filled, as Pagefind will read them, by path in the site."""
        self.waiting: list[_Staged] = []
        """Parts whose pages are all added, waiting for the Pagefind before them to finish."""
        self.parts = 0
        self.running: _Part | None = None

    def add(self, page: str, content: str, title: str) -> None:
        """`page` (its path inside site_dir) will be written with this content and title."""
        self.filling.append((page, indexed_page(content, title)))
        if len(self.filling) == PAGES_PER_PART:
            self._close_filling()
        self._advance()

    def all_added(self) -> None:
        """Every page is added: the last part may start now, while the site is written."""
        self._close_filling()
        self._advance()

    def finish(self) -> None:
        """Index what is left and wait for every part; raises `SearchIndexError` if any is not whole."""
        self.all_added()
        try:
            while self.running is not None:
                self.running.process.wait()
                self._advance()
        finally:
            self.abandon()
        if self.parts:
            more = [f"../{routes.search_index(number)}/" for number in range(2, self.parts + 1)]
            (self.site_dir / OUTPUT / MORE_PARTS).write_text(json.dumps(more), encoding="utf-8")

    def abandon(self) -> None:
        """Stop a Pagefind still running and remove every folder of indexed pages (the build failed, or is done)."""
        if self.running is not None:
            self.running.process.kill()
            self.running.process.wait()
            self.running.close()
            self.running = None
        for staged in self.waiting:
            staged.remove()
        self.waiting, self.filling = [], []

    def _close_filling(self) -> None:
        pages, self.filling = self.filling, []
        if not pages:
            return
        self.parts += 1
        folder = self.site_dir / routes.search_index(self.parts)
        key = part_key(pages)
        if self.kept is not None and self.kept.restore(key, folder):
            try:
                check_index(folder, len(pages))
                return
            except SearchIndexError:
                shutil.rmtree(folder, ignore_errors=True)  # not whole: made again
        self.waiting.append(_Staged.write(self.site_dir, pages, folder, key))

    def _advance(self) -> None:
        """Check the part that has finished, if one has, and start the next if none is running."""
        if self.running is not None and self.running.process.poll() is not None:
            self._finish_running()
        if self.running is None and self.waiting:
            self._start(self.waiting.pop(0))

    def _start(self, staged: _Staged) -> None:
        log = tempfile.TemporaryFile()  # not a pipe: nobody reads it until Pagefind is done
        try:
            process = subprocess.Popen(_command(staged.folder, staged.output), stdout=log, stderr=subprocess.STDOUT)
        except OSError as error:
            log.close()
            staged.remove()
            raise SearchIndexError(f"Pagefind could not be started to build the search index ({error.strerror}).") from None
        self.running = _Part(process, staged, log)

    def _finish_running(self) -> None:
        part, self.running = self.running, None
        assert part is not None
        part.process.wait()
        part.log.seek(0)
        output = part.log.read().decode("utf-8", "replace")
        part.close()
        if part.process.returncode != 0:
            raise SearchIndexError(f"Pagefind could not build the search index:\n{output}")
        check_index(part.staged.output, part.staged.pages)
        if self.kept is not None:
            self.kept.keep(part.staged.key, part.staged.output)


def part_key(pages: list[tuple[str, str]]) -> str:
    """Everything a part of the index is made from: Pagefind's version and options, and each
    page's path and text, in order."""
    digest = hashlib.sha256("\0".join([_pagefind_version(), *_command(Path(), Path())[2:]]).encode())
    for page, html in pages:
        digest.update(b"\0" + page.encode() + b"\0" + html.encode())
    return digest.hexdigest()


@cache
def _pagefind_version() -> str:
    return " ".join(_version(name) for name in ("pagefind", "pagefind_bin"))


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@dataclass
class _Staged:
    """A part's indexed pages, at their own paths: Pagefind gives each the address it has in the site."""

    folder: Path
    pages: int
    output: Path
    key: str

    @classmethod
    def write(cls, site_dir: Path, pages: list[tuple[str, str]], output: Path, key: str) -> "_Staged":
        site_dir.mkdir(parents=True, exist_ok=True)  # MkDocs makes it only when it writes the first file
        staged = cls(Path(tempfile.mkdtemp(prefix=".yswd-search-", dir=site_dir)), len(pages), output, key)
        try:
            for page, html in pages:
                target = staged.folder / page
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8")
        except BaseException:
            staged.remove()
            raise
        return staged

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class _Part:
    process: subprocess.Popen
    staged: _Staged
    log: IO[bytes]

    def close(self) -> None:
        self.log.close()
        self.staged.remove()


def _command(site: Path, output: Path) -> list[str]:
    return [
        sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
        "--force-language", "en", "--exclude-selectors", LEFT_OUT,
    ]


def check_index(folder: Path, pages: int) -> None:
    """Fail unless Pagefind wrote a whole index of every page: a full disk or a killed Pagefind
    can leave files missing or cut short while it still exits 0."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"].values()
        indexed = sum(language["page_count"] for language in languages)
        needed = [f"pagefind.{language['hash']}.pf_meta" for language in languages] + ["pagefind.js"]
        missing = [name for name in needed if not (folder / name).is_file()]
        broken = [path.name for path in sorted(folder.rglob("*.pf_*")) if not _whole(path)]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(INCOMPLETE + " Its list of contents (pagefind-entry.json) is missing or unreadable.") from None
    if missing or broken:
        raise SearchIndexError(f"{INCOMPLETE} These files are missing or cut short: {', '.join((missing + broken)[:5])}.")
    held = min(indexed, len(list((folder / "fragment").glob("*.pf_fragment"))))
    if indexed != pages or held != pages:
        raise SearchIndexError(f"{INCOMPLETE} It holds {held} of the {pages} pages that should be searchable.")


INCOMPLETE = (
    "The search index is incomplete (is the disk full?), so the new site was not put in place and "
    "the old one is unchanged."
)


def _whole(path: Path) -> bool:
    """Pagefind's files are gzip streams of its own format: a cut-short one does not decompress."""
    try:
        return gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd")
    except (OSError, EOFError, zlib.error):
        return False
