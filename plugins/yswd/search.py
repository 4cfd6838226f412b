"""Site search with Pagefind: a static index in small chunks, fetched only as people search.

mkdocs-material's own search downloads the whole index on every page, which at tens of
thousands of records outweighs the page itself many times over (see benchmarks/README.md).
Pagefind's PyPI package carries its binary, so nothing is fetched at build time.
"""

from __future__ import annotations

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


def build_index(site_dir: Path) -> None:
    """Index the HTML in `site_dir` into `site_dir/pagefind/`."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT, "--force-language", "en",
         "--exclude-selectors", ".headerlink"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not build the search index:\n{result.stdout}\n{result.stderr}")
