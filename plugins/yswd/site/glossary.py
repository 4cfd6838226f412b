"""Jargon explained where it is used: `<abbr title>` on every use, spelled out on the first.

`title` tooltips do not reach touch-screen or keyboard users, so the first use on each page
also says what the term means, in brackets. Terms come from site_config/glossary.yml. Text
inside tags, code, scripts, SVG, side panels and existing `<abbr>` titles is left alone;
headings, captions and labels get the `<abbr>` but never the bracketed explanation.

Every page goes through here, so the work is done with a few regular-expression passes
per page and string slicing, not a walk over every tag: time linear in the page's size
(a match is placed among tags and skipped elements by bisection, never by searching back).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import escape, unescape

from yswd.content.model import GlossaryEntry

_SKIP = "code|pre|script|style|kbd|samp|svg|textarea|title|select|aside"
_QUIET = "h[1-6]|summary|caption|th|label|button"
_SKIP_SPANS = re.compile(rf"<({_SKIP})\b[^>]*>.*?</\1\s*>", re.S | re.I)
_QUIET_SPANS = re.compile(rf"<({_QUIET})\b[^>]*>.*?</\1\s*>", re.S | re.I)
_ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr\s*>", re.S | re.I)
_APOSTROPHE = "(?:['\u2019]|&#39;|&#x27;|&#8217;|&rsquo;)"
_REST_OF_WORD = rf"(?:s{_APOSTROPHE}?|{_APOSTROPHE}s|-[\w-]*\w)?(?!\w)"
"""What may follow a term in the same word: a plural, a possessive, or a hyphenated ending
("GPs", "GP's", "GP-led"). The spelled-out expansion goes after the whole word, never inside it."""
_REST = re.compile(_REST_OF_WORD)
_TAGS = re.compile(r"<[^>]*(?:>|$)")


class _Spans:
    """Sorted, non-overlapping (start, end) ranges, and a quick "is this inside one?"."""

    def __init__(self, pattern: re.Pattern, html: str):
        self.ranges: list[tuple[int, int]] = []
        for match in pattern.finditer(html):
            if not self.ranges or match.start() >= self.ranges[-1][1]:
                self.ranges.append(match.span())
        self.starts = [start for start, _ in self.ranges]

    def contains(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ranges[index][1]


class Glossary:
    """Marks glossary terms in HTML."""

    def __init__(self, entries: dict[str, GlossaryEntry]):
        self.entries = entries
        self._by_html = {escape(term, quote=False): term for term in entries}
        terms = sorted(self._by_html, key=len, reverse=True)
        self._pattern = re.compile("(" + "|".join(map(_term_pattern, terms)) + ")" + _REST_OF_WORD) if terms else None

    def mark(self, html: str) -> str:
        """Wrap each use of a term in `<abbr>`, spelling out the first use outside headings."""
        if self._pattern is None:
            return html
        uses = list(self._pattern.finditer(html))
        abbrs = [m for m in _ABBR.finditer(html) if m.group(1).strip() in self._by_html]
        if not uses and not abbrs:
            return html
        skipped = _Spans(_SKIP_SPANS, html)
        quiet = _Spans(_QUIET_SPANS, html)
        inside_abbr = _Spans(_ABBR, html)
        in_tag = _inside_tags(html, [m.start() for m in uses])
        events = [(m.start(), m.start() + len(m.group(1)), m.end(), m.group(1), False) for m, tagged in zip(uses, in_tag)
                  if not tagged and not skipped.contains(m.start()) and not inside_abbr.contains(m.start())]
        events += [(m.start(), m.end(), _REST.match(html, m.end()).end(), m.group(1).strip(), True) for m in abbrs if not skipped.contains(m.start())]
        events.sort()
        out: list[str] = []
        explained: set[str] = set()
        last = 0
        for start, end, word_end, written, already_marked in events:
            term = self._by_html[written]
            expansion = escape(self.entries[term].expansion)
            out.append(html[last:start])
            out.append(html[start:end] if already_marked else f'<abbr title="{expansion}">{written}</abbr>')
            out.append(html[end:word_end])
            if term not in explained and not quiet.contains(start):
                explained.add(term)
                plural = re.match(rf"s(?:{_APOSTROPHE})?$", html[end:word_end]) is not None
                out.append(_explanation(html, start, word_end, _plural(self.entries[term].expansion) if plural else self.entries[term].expansion))
            last = word_end
        out.append(html[last:])
        return "".join(out)


def _term_pattern(term: str) -> str:
    """A term not inside a word or an entity. The term's first character comes before the look
    back at what precedes it, so the search skips straight to where that character occurs."""
    first = re.escape(term[0])
    return rf"{first}(?<![\w&]{first}){re.escape(term[1:])}"


def _inside_tags(html: str, positions: list[int]) -> list[bool]:
    """Whether each position (in order) is inside a tag, walking the tags once alongside them
    and only as far as the last position."""
    tags = _TAGS.finditer(html)
    tag = next(tags, None)
    inside = []
    for position in positions:
        while tag is not None and tag.end() <= position:
            tag = next(tags, None)
        inside.append(tag is not None and tag.start() <= position)
    return inside


def _plural(expansion: str) -> str:
    """The expansion of a term written in the plural ("GPs"): General Practitioners."""
    if re.search(r"[^aeiou]y$", expansion):
        return expansion[:-1] + "ies"
    return expansion + ("es" if re.search(r"(s|x|z|ch|sh)$", expansion) else "s")


def _explanation(html: str, start: int, end: int, expansion: str) -> str:
    """What follows a term's first use. A term the writer put in brackets keeps one pair:
    nothing after "patient participation group (PPG)", where it is spelled out already, and
    "(CAMHS: Child and ...)" rather than brackets inside brackets."""
    if html[start - 1:start] != "(" or html[end:end + 1] != ")":
        return f" ({escape(expansion)})"
    before = _TAGS.sub("", html[max(0, start - 1 - 4 * len(expansion)):start - 1])
    if " ".join(unescape(before).split()).casefold().endswith(" ".join(expansion.split()).casefold()):
        return ""
    return f": {escape(expansion)}"
