"""Site search with Pagefind: a static index in small chunks, fetched only as people search.

mkdocs-material's own search downloads the whole index on every page, which at tens of
thousands of records outweighs the page itself many times over (see benchmarks/README.md).
Pagefind's PyPI package carries its binary, so nothing is fetched at build time.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

OUTPUT = "pagefind"
BODY_START = '<div data-pagefind-body>'
BODY_END = "</div>"


class SearchIndexError(Exception):
    """Pagefind could not index the built site."""


def searchable(html: str) -> str:
    """Mark a page's content for the index; pages not marked (listings, hubs) stay out of it."""
    return f"{BODY_START}\n{html}\n{BODY_END}"


LEFT_OUT = ".headerlink, .yswd-facts, .yswd-aims, .yswd-groups, svg, .yswd-action__facts, .yswd-readability"
"""Parts of pages not worth searching: heading links, fact lists, number tables, charts."""

_RECORD_PAGE = re.compile(r"^(engagements/)[^/]+((?:/index)?\.html)$")
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
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not build the search index:\n{result.stdout}\n{result.stderr}")
