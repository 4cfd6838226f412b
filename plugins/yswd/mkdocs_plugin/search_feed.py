"""The search index told of each searchable page as MkDocs makes its content (on_page_content),
and of each page as it is written, so that Pagefind indexes each part of the site while MkDocs
writes the rest (site/search.py). MkDocs writes a page once on_post_page returns, so a page is
passed on as written at the next page's on_post_page, and the last at on_post_build."""

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
        self.writing: str | None = None
        """The page MkDocs is about to write."""

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

    def writes(self, dest_uri: str) -> None:
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
            self._call(self.index.written, self.writing)
        self.writing = None

    def _call(self, step: Callable[..., None], *args: str) -> None:
        try:
            step(*args)
        except SearchIndexError as error:
            self.abandon()
            raise PluginError(str(error)) from None
