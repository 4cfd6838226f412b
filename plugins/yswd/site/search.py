"""Site search with Pagefind: a static index in small chunks, fetched only as people search.

mkdocs-material's own search downloads the whole index on every page, which at tens of
thousands of records outweighs the page itself many times over (see benchmarks/README.md).
Pagefind's PyPI package carries its binary, so nothing is fetched at build time.

Pagefind reads only two things of a page: the content marked `data-pagefind-body` and its
title, the first `<h1>` on the page (tests/build/test_search_parts.py). Both are known once a
page's content is made, before the theme draws it, so each part of the index gets a key from
them then (`_PartPlan.key`): a part an earlier build indexed from the same pages is taken from the
build cache, and Pagefind runs only for the others, each once its pages are written.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import cache
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
    order they are added. Each part starts once its last page is written, on the second core
    while MkDocs writes the rest, one Pagefind at a time: each holds a part's pages in memory. A
    part whose pages are as an earlier build indexed them is taken from `kept` instead."""

    def __init__(self, site_dir: Path, kept: KeptParts | None = None) -> None:
        self.site_dir = site_dir
        self.kept = kept
        self.parts: list[_PartPlan] = []
        self.part_of: dict[str, _PartPlan] = {}
        """Each page added, to the part it is in."""
        self.waiting: list[_PartPlan] = []
        """Parts whose pages are all written, waiting for the Pagefind before them to finish."""
        self.running: _Part | None = None

    def add(self, page: str, content: str, title: str) -> None:
        """`page` (its path inside site_dir) will be written with this content and title."""
        if not self.parts or self.parts[-1].closed:
            self.parts.append(_PartPlan(self.site_dir / routes.search_index(len(self.parts) + 1)))
        part = self.parts[-1]
        part.add(page, content, title)
        self.part_of[page] = part
        if len(part.pages) == PAGES_PER_PART:
            self._close(part)

    def all_added(self) -> None:
        """Every page is added: the last part is whole."""
        if self.parts and not self.parts[-1].closed:
            self._close(self.parts[-1])

    def written(self, page: str) -> None:
        """`page` is written whole."""
        part = self.part_of.get(page)
        if part is not None:
            part.written += 1
            self._ready(part)
        self.advance()

    def finish(self) -> None:
        """Wait for every part; raises `SearchIndexError` if any is not whole."""
        self.all_added()
        unwritten = [page for part in self.parts if not part.done for page in part.pages[part.written :]]
        if unwritten:
            self.abandon()
            raise SearchIndexError(f"{INCOMPLETE} A page to be searched was never written: {unwritten[0]}.")
        try:
            while self.running is not None or self.waiting:
                if self.running is not None:
                    self.running.process.wait()
                self.advance()
        finally:
            self.abandon()
        if self.parts:
            more = [f"../{routes.search_index(number)}/" for number in range(2, len(self.parts) + 1)]
            (self.site_dir / OUTPUT / MORE_PARTS).write_text(json.dumps(more), encoding="utf-8")

    def abandon(self) -> None:
        """Stop a Pagefind still running and remove its folder of pages (the build failed, or is done)."""
        if self.running is not None:
            self.running.process.kill()
            self.running.process.wait()
            self.running.close()
            self.running = None
        self.waiting = []

    def advance(self) -> None:
        """Check the part that has finished, if one has, and start the next if none is running."""
        if self.running is not None and self.running.process.poll() is not None:
            self._finish_running()
        if self.running is None and self.waiting:
            self._start(self.waiting.pop(0))

    def _close(self, part: _PartPlan) -> None:
        part.closed = True
        if self.kept is not None and self.kept.restore(part.key(), part.output):
            try:
                check_index(part.output, len(part.pages))
                part.done = True
                return
            except SearchIndexError:
                shutil.rmtree(part.output, ignore_errors=True)  # not whole: made again
        self._ready(part)

    def _ready(self, part: _PartPlan) -> None:
        if part.closed and not part.done and part.written == len(part.pages):
            part.done = True
            self.waiting.append(part)

    def _start(self, part: _PartPlan) -> None:
        staging = _staged(self.site_dir, part.pages)
        log = tempfile.TemporaryFile()  # not a pipe: nobody reads it until Pagefind is done
        try:
            process = subprocess.Popen(_command(staging, part.output), stdout=log, stderr=subprocess.STDOUT)
        except OSError as error:
            log.close()
            shutil.rmtree(staging, ignore_errors=True)
            raise SearchIndexError(f"Pagefind could not be started to build the search index ({error.strerror}).") from None
        self.running = _Part(process, part, staging, log)

    def _finish_running(self) -> None:
        running, self.running = self.running, None
        assert running is not None
        running.process.wait()
        running.log.seek(0)
        output = running.log.read().decode("utf-8", "replace")
        running.close()
        if running.process.returncode != 0:
            raise SearchIndexError(f"Pagefind could not build the search index:\n{output}")
        check_index(running.part.output, len(running.part.pages))
        if self.kept is not None:
            self.kept.keep(running.part.key(), running.part.output)


@dataclass
class _PartPlan:
    """One part of the index: its pages in order, what they hold, and how far it has got."""

    output: Path
    pages: list[str] = field(default_factory=list)
    digest: "hashlib._Hash" = field(default_factory=lambda: hashlib.sha256(_pagefind().encode()))
    written: int = 0
    closed: bool = False
    done: bool = False
    """Taken from the cache, or waiting for or given to Pagefind."""

    def add(self, page: str, content: str, title: str) -> None:
        heading = "" if "<h1" in content else title  # else mkdocs-material's content partial shows the title as the <h1>
        self.pages.append(page)
        for part in (page, heading, content):
            self.digest.update(b"\0" + part.encode())

    def key(self) -> str:
        """Everything the part is made from: Pagefind's version and options, and what it reads of
        each page (its path, content and title), in order."""
        return self.digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@dataclass
class _Part:
    process: subprocess.Popen
    part: _PartPlan
    staging: Path
    log: IO[bytes]

    def close(self) -> None:
        self.log.close()
        shutil.rmtree(self.staging, ignore_errors=True)


def _staged(site_dir: Path, pages: list[str]) -> Path:
    """A folder holding just these pages at their own paths (hard links, so nothing is copied):
    Pagefind gives each the address it has in the site."""
    staging = Path(tempfile.mkdtemp(prefix=".yswd-search-", dir=site_dir))
    try:
        for page in pages:
            target = staging / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / page, target)
            except OSError:
                shutil.copyfile(site_dir / page, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _command(site: Path, output: Path) -> list[str]:
    return [
        sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
        "--force-language", "en", "--exclude-selectors", LEFT_OUT,
    ]


@cache
def _pagefind() -> str:
    """Pagefind's version and options, the start of every part's key: looked up once a process,
    when a part is first made, not each time yswd is imported."""
    versions = (_version(name) for name in ("pagefind", "pagefind_bin"))
    return "\0".join([*versions, *_command(Path(), Path())[2:]])


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
