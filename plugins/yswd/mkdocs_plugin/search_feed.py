"""The search index fed as MkDocs writes the pages, so Pagefind indexes each part of them while
MkDocs writes the rest (site/search.py). MkDocs writes a page once on_post_page returns, so a
page is passed on at the next page's on_post_page, and the last at on_post_build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from yswd.site.search import SearchIndex, SearchIndexError


class IndexAsWritten:
    def __init__(self) -> None:
        self.index: SearchIndex | None = None
        self.writing: str | None = None
        """The page MkDocs is about to write."""

    def start(self, site_dir: Path, pages: set[str]) -> None:
        self.abandon()
        self.index = SearchIndex(site_dir, pages)

    def page(self, dest_uri: str) -> None:
        """MkDocs is about to write `dest_uri`: the page before it is written."""
        self._pass_on()
        self.writing = dest_uri

    def finish(self) -> None:
        """Every page is written: index the last ones and wait for Pagefind."""
        self._pass_on()
        index, self.index = self.index, None
        if index is not None:
            try:
                index.finish()
            except SearchIndexError as error:
                raise PluginError(str(error)) from None

    def abandon(self) -> None:
        """The build failed or was stopped: no Pagefind is left running, no folder of its pages left behind."""
        if self.index is not None:
            self.index.abandon()
        self.index, self.writing = None, None

    def _pass_on(self) -> None:
        if self.index is not None and self.writing is not None:
            try:
                self.index.written(self.writing)
            except SearchIndexError as error:
                self.abandon()
                raise PluginError(str(error)) from None
        self.writing = None
