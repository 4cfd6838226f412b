"""Jargon explained where it is used: `<abbr title>` on every use, spelled out on the first.

`title` tooltips do not reach touch-screen or keyboard users, so the first use on each page
also says what the term means, in brackets. Terms come from site_config/glossary.yml. Text
inside code, scripts, links' own addresses and existing `<abbr>` titles is left alone.
"""

from __future__ import annotations

import re
from html import escape

from .model import GlossaryEntry

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_SKIP = {"code", "pre", "script", "style", "kbd", "samp", "svg", "textarea", "title", "select", "option", "aside"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "caption", "th", "label", "button"}
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


class Glossary:
    """Marks glossary terms in HTML."""

    def __init__(self, entries: dict[str, GlossaryEntry]):
        self.entries = entries
        terms = sorted((escape(term, quote=False) for term in entries), key=len, reverse=True)
        self._by_html = {escape(term, quote=False): term for term in entries}
        self._pattern = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, terms)) + r")(?=s?(?![\w]))") if terms else None

    def mark(self, html: str) -> str:
        """Wrap each use of a term in `<abbr>`, spelling out the first use outside headings."""
        if self._pattern is None:
            return html
        explained: set[str] = set()
        skip_depth = 0
        quiet_depth = 0
        in_abbr: str | None = None
        out: list[str] = []
        for token in _TOKENS.split(html):
            if not token:
                continue
            if token.startswith("<"):
                name = _TAG_NAME.match(token)
                tag = name.group(1).lower() if name else ""
                closing = token.startswith("</")
                if tag == "abbr":
                    if closing and in_abbr is not None:
                        out.append(token)
                        self._explain_once(in_abbr, explained, quiet_depth, out)
                        in_abbr = None
                        continue
                    in_abbr = "" if not closing else None
                elif tag in _SKIP and not token.endswith("/>"):
                    skip_depth += -1 if closing else 1
                    skip_depth = max(skip_depth, 0)
                elif tag in _HEADINGS:
                    quiet_depth += -1 if closing else 1
                    quiet_depth = max(quiet_depth, 0)
                out.append(token)
                continue
            if in_abbr is not None:
                in_abbr += token
                out.append(token)
            elif skip_depth:
                out.append(token)
            else:
                out.append(self._pattern.sub(lambda m: self._replace(m, explained, quiet_depth), token))
        return "".join(out)

    def _replace(self, match: re.Match, explained: set[str], quiet: int) -> str:
        term = self._by_html[match.group(1)]
        expansion = escape(self.entries[term].expansion)
        marked = f'<abbr title="{expansion}">{match.group(1)}</abbr>'
        if quiet or term in explained:
            return marked
        explained.add(term)
        return f"{marked} ({expansion})"

    def _explain_once(self, text: str, explained: set[str], quiet: int, out: list[str]) -> None:
        """A term the Markdown abbr extension already marked: spell it out if it is the first use."""
        term = self._by_html.get(text.strip())
        if term is not None and not quiet and term not in explained:
            explained.add(term)
            out.append(f" ({escape(self.entries[term].expansion)})")
