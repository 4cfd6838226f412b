"""Where every page and file of a site lives, and links between pages that work anywhere.

The one place a page's path is written. The page plan, the exports, the PDFs and the
redirects ask here, and templates get this module as `routes`, so moving a page is one line
here (tests/unit/test_architecture.py fails when a path is typed out anywhere else). Paths
are MkDocs source paths (`topics/x/index.md`); `page_url` turns one into an address.

Links are relative, so the site works from any folder or host, and with the file system.
"""

from __future__ import annotations

import posixpath

from yswd.content.values import is_slug

HOME = "index.md"
EVERYTHING = "you-said-we-did"
"""The folder of the listing of every record, page by page."""
RECORDS = "engagements"
"""The folder of records' own pages (`engagements/<id>/`); an old id's redirect is there too."""
DATA = "data/index.md"
STANDARD = "data/standard/index.md"
GLOSSARY = "glossary/index.md"
ACCESSIBILITY = "accessibility/index.md"
SEARCH = "search/index.md"
REVIEW = "review/index.md"
REVIEW_PACK = "review/pack/index.md"
STRATEGY_FOLDER = "strategy"
STRATEGY = f"{STRATEGY_FOLDER}/index.md"
EASY_READ = f"{STRATEGY_FOLDER}/easy-read/index.md"
WAYS_FOLDER = "ways-to-take-part"
WAYS = f"{WAYS_FOLDER}/index.md"
REPORTS_FOLDER = "reports"
REPORTS = f"{REPORTS_FOLDER}/index.md"
CHANGES_FOLDER = "changes-you-made-happen"
FACET_FOLDERS = {
    "topic": "topics",
    "locality": "localities",
    "year": "years",
    "type": "types",
    "action-status": "action-status",
    "involvement": "involvement",
}
"""Each way to narrow the records down, and the folder of its hub and listings."""

# Files of the built site that are not pages.
DATA_FOLDER = "data"
JSON = f"{DATA_FOLDER}/engagements.json"
CSV = f"{DATA_FOLDER}/engagements.csv"
SCHEMA = f"{DATA_FOLDER}/schema.json"
"""The newest format's schema, at an address that does not change between versions."""
FILTER_INDEX = f"{DATA_FOLDER}/filter-index.json"
FEED = "feed.xml"
SEARCH_INDEX = "pagefind"
"""The folder of the search index and Pagefind's own script."""


def search_index(part: int) -> str:
    """The folder of part `part` (counting from 1) of a search index made in parts."""
    return SEARCH_INDEX if part == 1 else f"{SEARCH_INDEX}-{part}"

ASSETS = "assets/yswd"
"""yswd's stylesheets and scripts (the theme's own files keep their place in the theme folder)."""


def folder_page(folder: str, page: int = 1) -> str:
    """Page `page` of a listing kept in `folder`: its index, then `page-2`, `page-3` and on."""
    return f"{folder}/index.md" if page == 1 else f"{folder}/page-{page}.md"


def record(record_id: str) -> str:
    """A record's page, from its id (or an old id, for the redirect)."""
    assert is_slug(record_id), record_id
    return f"{RECORDS}/{record_id}.md"


def record_address(record_id: str, site_url: str = "") -> str:
    """A record's page as the open data and the feed give it: a full address with the site's, else site-relative."""
    return site_url + page_url(record(record_id))


def facet(name: str) -> str:
    """The hub of a way to narrow the records down: every value, with how many records each has."""
    return folder_page(FACET_FOLDERS[name])


def facet_folder(name: str, key: str) -> str:
    """The folder of the listing of one value of a facet, such as `topics/diabetes`."""
    return f"{FACET_FOLDERS[name]}/{key}"


def facet_value(name: str, key: str) -> str:
    """The first page of the listing of one value of a facet."""
    return folder_page(facet_folder(name, key))


def everything(page: int = 1) -> str:
    return folder_page(EVERYTHING, page)


def report(label: str) -> str:
    """A financial year's annual report, such as `reports/2025-26/`."""
    return f"{REPORTS_FOLDER}/{label}/index.md"


def report_label(src_uri: str) -> str | None:
    """The year of an annual report's page; None for any other page."""
    parts = src_uri.split("/")
    return parts[1] if len(parts) == 3 and parts[0] == REPORTS_FOLDER and parts[2] == "index.md" else None


def commitment(commitment_id: str) -> str:
    """All the evidence for one commitment of the strategy."""
    return f"{STRATEGY_FOLDER}/{commitment_id}/index.md"


def way(method_id: str) -> str:
    """One way to take part, and the engagements that used it."""
    return f"{WAYS_FOLDER}/{method_id}/index.md"


def changes(page: int = 1) -> str:
    return folder_page(CHANGES_FOLDER, page)


def schema_of(version: str) -> str:
    """The JSON Schema of one version of the open data format, kept for as long as files in it are read."""
    return f"{DATA_FOLDER}/schema/{version}.json"


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL of a Markdown source, as MkDocs gives it (`topics/x/index.md` -> `topics/x/`)."""
    stem, _ = posixpath.splitext(src_uri)
    if directory_urls:
        if posixpath.basename(stem) in ("index", "README"):
            folder = posixpath.dirname(stem)
            return f"{folder}/" if folder else ""
        return f"{stem}/"
    return f"{stem}.html"


def relative_url(target: str, from_url: str) -> str:
    """A link to site-relative `target` from the page at site-relative `from_url`."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    path = posixpath.relpath("/" + target, "/" + base)
    if (not target or target.endswith("/")) and not path.endswith("/"):
        path += "/"
    return "./" if path == "./" or path == "." else path
