"""Pages the plugin makes itself: their sources, MkDocs' page object without reading or converting
Markdown, and the hubs among them in the navigation.

A generated page has no Markdown of its own: its HTML comes from our templates in
`on_page_content`. MkDocs would still build a Markdown converter with every extension and
parse a front matter for each one (about half a millisecond a page, thousands of pages).
This page already knows its title and skips both; the theme sees the same page as before.
"""

from __future__ import annotations

import json
from html import escape as escape_html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class GeneratedPage(Page):
    """A page whose title is given and whose content the plugin supplies."""

    def __init__(self, file: File, config: MkDocsConfig, title: str) -> None:
        super().__init__(None, file, config)
        self._given_title = title

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {"title": self._given_title}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def add_hubs(nav: Navigation, files: Files, pages: dict) -> Navigation:
    """Put the few hub pages (those with a nav_title) in the navigation, and no other generated page."""
    for src_uri, spec in pages.items():
        hub = files.get_file_from_path(src_uri) if spec.nav_title else None
        if hub is not None and hub.page is not None and hub.page not in nav.pages:
            hub.page.title = spec.nav_title
            nav.items.append(hub.page)
            nav.pages.append(hub.page)
    return nav


def page_stub(title: str) -> str:
    """A generated page's source: its title only. Themes print titles unescaped, so it goes in escaped."""
    return f"---\ntitle: {_yaml_string(escape_html(title, quote=False))}\n---\n"


def _yaml_string(text: str) -> str:
    """Text as a YAML double-quoted string: emoji kept whole (YAML reads JSON's surrogate-pair
    escapes as two broken halves), and the characters YAML takes as line breaks escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\x85")
