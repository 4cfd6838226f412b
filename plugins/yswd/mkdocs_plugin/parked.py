"""Generated pages' HTML kept on disk, not in memory, between MkDocs' two passes over the pages.

MkDocs makes every page's HTML first (on_page_content) and draws pages through the theme
afterwards, holding all of it in between: about 380 MB at 10,000 records, most of the build's
memory. A generated page with a fingerprint is already in the build cache's pack, on disk,
under that fingerprint: MkDocs holds a short marker naming it instead (so what is hashed for the
finished-page cache still changes exactly when the HTML does), and the HTML is read back just
before the theme draws the page. Only in `mkdocs build` with the cache on, and only when no
other plugin could read a page's HTML in between.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from yswd.mkdocs_plugin.disk_cache import DiskCache

MARKER = "<!-- yswd:page-html {} -->"


class ParkedPages:
    def __init__(self) -> None:
        self.on = False
        self.fingerprints: dict[str, str] = {}
        """Source path to the fingerprint of each page whose HTML waits in the cache."""

    def start(self, on: bool) -> None:
        self.on, self.fingerprints = on, {}

    def park(self, src_uri: str, fingerprint: str | None, html: str) -> str:
        """What MkDocs holds for the page until it is drawn: the HTML, or a marker naming it."""
        if not self.on or fingerprint is None:
            return html
        self.fingerprints[src_uri] = fingerprint
        return MARKER.format(fingerprint)

    def restore(self, page: Page, cache: "DiskCache | None", draw: Callable[[], str]) -> None:
        """Put the page's HTML back before the theme draws it; drawn again if the cache can't give it."""
        fingerprint = self.fingerprints.pop(page.file.src_uri, None)
        if fingerprint is None:
            return
        html = cache.page_html(fingerprint) if cache is not None else None
        page.content = html if html is not None else draw()
