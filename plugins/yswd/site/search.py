"""Site search with Pagefind: a static index in small chunks, fetched only as people search.

mkdocs-material's own search downloads the whole index on every page, which at tens of
thousands of records outweighs the page itself many times over (see benchmarks/README.md).
Pagefind's PyPI package carries its binary, so nothing is fetched at build time.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

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

_RECORD_PAGE = re.compile(rf"^({re.escape(routes.RECORDS)}/)[^/]+((?:/index)?\.html)$")
"""Every record's page, however many, as one pattern: engagements/*/index.html."""
_GLOB_SPECIAL = re.compile(r"[{},*?\[\]\\]")


PAGES_PER_PART = 2000
"""Pagefind holds about 140 KB a page while it indexes (1.4 GB for the 9,000 record pages of a
10,000-record site, 275 MB for 2,000 of them; benchmarks/README.md), and runs beside the
build's own process as the build writes the rest of the pages: more pages than this are
indexed in parts, one Pagefind after another, which the search page searches together
(Pagefind's mergeIndex). A part costs about a tenth of a second more than its pages."""
MORE_PARTS = "yswd-more.json"
"""In the first part's folder: the other parts' folders, relative to it, for search.js."""


def build_index(site_dir: Path, pages: list[str]) -> None:
    """Index the given HTML files of `site_dir` (paths inside it, all written) into `site_dir/pagefind/`,
    and into `pagefind-2/` and on when there are more than `PAGES_PER_PART`."""
    index = SearchIndex(site_dir, set(pages))
    for page in pages:
        index.written(page)
    index.finish()


class SearchIndex:
    """Pagefind over the pages of one build, each part of `PAGES_PER_PART` pages started as soon
    as its last page is written, so that it runs on the second core while the build writes the
    rest. One Pagefind at a time: each holds a part's pages in memory.

    Naming the files keeps Pagefind from reading every listing page only to skip it, which
    would cost it memory in proportion to the whole site.
    """

    def __init__(self, site_dir: Path, pages: set[str]) -> None:
        self.site_dir = site_dir
        self.wanted = pages
        self.pending: list[str] = []
        """Pages written and wanted, not yet in a part."""
        self.waiting: list[list[str]] = []
        """Parts whose pages are all written, waiting for the Pagefind before them to finish."""
        self.parts = 0
        self.running: _Part | None = None

    def written(self, page: str) -> None:
        """`page` (a path inside site_dir) is written whole."""
        if page not in self.wanted:
            return
        self.pending.append(page)
        if len(self.pending) == PAGES_PER_PART:
            self.waiting.append(self.pending)
            self.pending = []
        if self.running is not None and self.running.process.poll() is not None:
            self._finish_running()
        if self.running is None and self.waiting:
            self._start(self.waiting.pop(0))

    def finish(self) -> None:
        """Index what is left and wait for every part; raises `SearchIndexError` if any is not whole."""
        try:
            if self.parts == 0 and not self.waiting:
                _run(_command(self.site_dir, self.site_dir / OUTPUT) + _glob(self.pending))
                check_index(self.site_dir / OUTPUT, len(self.pending))
                self.parts = 1
            else:
                self.waiting += [self.pending] if self.pending else []
                while self.running is not None or self.waiting:
                    if self.running is not None:
                        self.running.process.wait()
                        self._finish_running()
                    if self.waiting:
                        self._start(self.waiting.pop(0))
        finally:
            self.abandon()
        more = [f"../{routes.search_index(number)}/" for number in range(2, self.parts + 1)]
        (self.site_dir / OUTPUT / MORE_PARTS).write_text(json.dumps(more), encoding="utf-8")

    def abandon(self) -> None:
        """Stop a Pagefind still running and remove its folder of pages (the build failed, or is done)."""
        if self.running is not None:
            self.running.process.kill()
            self.running.process.wait()
            self.running.close()
            self.running = None

    def _start(self, pages: list[str]) -> None:
        self.parts += 1
        folder = self.site_dir / routes.search_index(self.parts)
        staging = _staged(self.site_dir, pages)
        log = tempfile.TemporaryFile()  # not a pipe: nobody reads it until Pagefind is done
        try:
            process = subprocess.Popen(_command(staging, folder), stdout=log, stderr=subprocess.STDOUT)
        except OSError as error:
            log.close()
            shutil.rmtree(staging, ignore_errors=True)
            raise SearchIndexError(f"Pagefind could not be started to build the search index ({error.strerror}).") from None
        self.running = _Part(process, folder, staging, len(pages), log)

    def _finish_running(self) -> None:
        part, self.running = self.running, None
        assert part is not None
        part.process.wait()
        part.log.seek(0)
        output = part.log.read().decode("utf-8", "replace")
        part.close()
        if part.process.returncode != 0:
            raise SearchIndexError(f"Pagefind could not build the search index:\n{output}")
        check_index(part.folder, part.pages)


@dataclass
class _Part:
    process: subprocess.Popen
    folder: Path
    staging: Path
    pages: int
    log: IO[bytes]

    def close(self) -> None:
        self.log.close()
        shutil.rmtree(self.staging, ignore_errors=True)


def _command(site: Path, output: Path) -> list[str]:
    return [
        sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
        "--force-language", "en", "--exclude-selectors", LEFT_OUT,
    ]


def _glob(pages: list[str]) -> list[str]:
    """A glob naming the pages, with every record page in one pattern (engagements/*/index.html)."""
    patterns = sorted({_RECORD_PAGE.sub(r"\1*\2", page) for page in pages})
    if patterns and not any(_GLOB_SPECIAL.search(page) for page in pages) and sum(map(len, patterns)) < 50_000:
        return ["--glob", "{" + ",".join(patterns) + "}" if len(patterns) > 1 else patterns[0]]
    return []


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


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not be started to build the search index ({error.strerror}).") from None
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not build the search index:\n{result.stdout}\n{result.stderr}")


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
