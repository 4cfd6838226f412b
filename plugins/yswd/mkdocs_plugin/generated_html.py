"""Each generated page's HTML, drawn only when no earlier work holds it.

Where it comes from, first found first: `mkdocs serve`'s last rebuild (in memory, under the
page's fingerprint), the build cache (on disk, likewise), the pages drawn ahead of MkDocs on
two cores (`draw_ahead`), and last the renderer itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from yswd.mkdocs_plugin.parked import ParkedPages
from yswd.site.glossary import Glossary
from yswd.site.pages import PageSpec
from yswd.site.render import PageRenderer
from yswd.site.search import searchable
from yswd.two_cores import TEXT, parallel_wanted, share

if TYPE_CHECKING:
    from yswd.mkdocs_plugin.disk_cache import DiskCache

DRAWN_AHEAD = ("build", "gh-deploy")
"""Commands that draw every page at once; `serve` draws only what changed, page by page."""


class GeneratedHtml:
    def __init__(self, command: str | None = None) -> None:
        self.command = command
        self.pages: dict[str, tuple[str, str]] = {}
        """Finished page HTML by source path, with the fingerprint it was made from (serve only)."""
        self.renderer: PageRenderer | None = None
        self.glossary = Glossary({})
        self.cache: DiskCache | None = None
        self.parked = ParkedPages()
        self.drawn: dict[str, str] = {}
        """Pages drawn ahead that the build cache does not hold (it is off), by source path."""
        self.fingerprints: dict[str, str | None] = {}

    def start(self, renderer: PageRenderer, glossary: Glossary, cache: "DiskCache | None") -> None:
        """A new build (or `serve` rebuild): what was drawn for the last one stays only in `pages`."""
        self.renderer, self.glossary, self.cache = renderer, glossary, cache
        self.drawn, self.fingerprints = {}, {}

    def draw_ahead(self, pages: dict[str, PageSpec], scratch: Path, on_progress: Callable[[int, int], None]) -> None:
        """Draw every page no cache holds before MkDocs asks for them one by one: all at once,
        they can be shared between two processes (two_cores.py). Into the build cache when
        it is on (parked pages are read back from there), else held until MkDocs asks."""
        if self.renderer is None or self.command not in DRAWN_AHEAD:
            return
        todo = [(src_uri, spec) for src_uri, spec in pages.items() if not self._in_cache(src_uri, spec)]

        def keep(item: tuple[str, PageSpec], html: str) -> None:
            src_uri, spec = item
            fingerprint = self._fingerprint(src_uri, spec)
            if self.cache is not None and fingerprint is not None:
                self.cache.keep_page_html(fingerprint, html)
            else:
                self.drawn[src_uri] = html

        share(todo, lambda item: self.draw(item[1], item[0]), keep, TEXT, scratch, on_progress, parallel_wanted())

    def html(self, spec: PageSpec, src_uri: str) -> str:
        """The page's HTML."""
        fingerprint = self._fingerprint(src_uri, spec)
        cached = self.pages.get(src_uri)
        if fingerprint is not None and cached is not None and cached[0] == fingerprint:
            return cached[1]
        html = self.cache.page_html(fingerprint) if fingerprint is not None and self.cache is not None else None
        if html is None:
            html = self.drawn.pop(src_uri, None)
        if html is None:
            html = self.draw(spec, src_uri)
            if fingerprint is not None and self.cache is not None:
                self.cache.keep_page_html(fingerprint, html)
        if fingerprint is not None and self.command == "serve":
            self.pages[src_uri] = (fingerprint, html)
        return html

    def held(self, src_uri: str, html: str) -> str:
        """What MkDocs holds for the page until the theme draws it: the HTML, or a marker while it waits on disk (parked.py)."""
        return self.parked.park(src_uri, self.fingerprints.get(src_uri), html)

    def draw(self, spec: PageSpec, src_uri: str) -> str:
        assert self.renderer is not None
        html = self.renderer.render(spec, src_uri)
        if spec.marks_glossary:
            html = self.glossary.mark(html)
        return searchable(html) if spec.searchable else html

    def _fingerprint(self, src_uri: str, spec: PageSpec) -> str | None:
        """Worked out once a build: drawing ahead and MkDocs' own pass both ask."""
        if src_uri not in self.fingerprints:
            assert self.renderer is not None
            self.fingerprints[src_uri] = self.renderer.fingerprint(spec)
        return self.fingerprints[src_uri]

    def _in_cache(self, src_uri: str, spec: PageSpec) -> bool:
        fingerprint = self._fingerprint(src_uri, spec)
        return fingerprint is not None and self.cache is not None and self.cache.has_page_html(fingerprint)
