"""Site search with Pagefind: a static index in small chunks, fetched only as people search.

mkdocs-material's own search downloads the whole index on every page, which at tens of
thousands of records outweighs the page itself many times over (see benchmarks/README.md).
Pagefind's PyPI package carries its binary, so nothing is fetched at build time.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import zlib
from pathlib import Path

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


def build_index(site_dir: Path, pages: list[str]) -> None:
    """Index the given HTML files of `site_dir` (paths inside it) into `site_dir/pagefind/`.

    Naming the files keeps Pagefind from reading every listing page only to skip it, which
    would cost it memory in proportion to the whole site.
    """
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT,
        "--force-language", "en", "--exclude-selectors", LEFT_OUT,
    ]
    patterns = sorted({_RECORD_PAGE.sub(r"\1*\2", page) for page in pages})
    if patterns and not any(_GLOB_SPECIAL.search(page) for page in pages) and sum(map(len, patterns)) < 50_000:
        command += ["--glob", "{" + ",".join(patterns) + "}" if len(patterns) > 1 else patterns[0]]
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not be started to build the search index ({error.strerror}).") from None
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not build the search index:\n{result.stdout}\n{result.stderr}")
    check_index(site_dir / OUTPUT, len(pages))


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
