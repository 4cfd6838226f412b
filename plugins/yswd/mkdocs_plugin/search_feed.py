"""The search index told of each searchable page as MkDocs makes its content (on_page_content),
so that Pagefind indexes each part of the site while MkDocs draws and writes the pages
(site/search.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from yswd.site.search import KeptParts, SearchIndex, SearchIndexError


class SearchFeed:
    def __init__(self) -> None:
        self.index: SearchIndex | None = None
        self.site_name = ""

    def start(self, site_dir: Path, site_name: str, kept: KeptParts | None = None) -> None:
        self.abandon()
        self.index, self.site_name = SearchIndex(site_dir, kept), site_name

    def page(self, page: Page, content: str) -> None:
        """`page` goes into the index with this content: the theme titles it as mkdocs-material does."""
        if self.index is not None:
            self._call(self.index.add, page.file.dest_uri, content, page.title or self.site_name)

    def all_known(self) -> None:
        """Every page's content is made: the last part of the index is whole."""
        if self.index is not None:
            self._call(self.index.all_added)

    def progress(self) -> None:
        """A page is written: pass Pagefind what it has not been sent, and begin the next part if it is free."""
        if self.index is not None:
            self._call(self.index.advance)

    def finish(self) -> None:
        """Every page is written: wait for Pagefind."""
        index, self.index = self.index, None
        if index is not None:
            try:
                index.finish()
            except SearchIndexError as error:
                raise PluginError(str(error)) from None

    def abandon(self) -> None:
        """The build failed or was stopped: no Pagefind is left running."""
        if self.index is not None:
            self.index.abandon()
        self.index = None

    def _call(self, step: Callable[..., None], *args: str) -> None:
        try:
            step(*args)
        except SearchIndexError as error:
            self.abandon()
            raise PluginError(str(error)) from None
