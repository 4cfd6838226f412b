"""Python-Markdown's `abbr` extension, marking abbreviations in time linear in the page's size.

The extension's own tree processor inserts each `<abbr>` at the front of a list and looks up
every element's place among its siblings with `list.index`: time grows with the square of
the number of paragraphs and uses, so a long record took minutes. This one builds each
element's children once, in order; what it produces is the same.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString


class LinearAbbrTreeprocessor(AbbrTreeprocessor):
    """`<abbr>` around every use of an abbreviation, visiting each element once."""

    def __init__(self, md: Markdown, abbrs: dict) -> None:
        super().__init__(md, abbrs)
        self._patterns: dict[tuple[str, ...], re.Pattern] = {}

    def run(self, root: etree.Element) -> None:
        """As `abbr` does, with the pattern of the abbreviations made once for each set of them,
        not once per conversion: every Markdown field of every page is converted with the whole
        glossary."""
        if not self.abbrs:
            return
        terms = tuple(self.abbrs)
        self.RE = self._patterns.get(terms)
        if self.RE is None:
            if len(self._patterns) >= 64:  # many texts defining abbreviations of their own
                self._patterns.clear()
            self.RE = self._patterns[terms] = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(terms, key=len, reverse=True)))})\b")
        self.iter_element(root)

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        children: list[etree.Element] = []
        for child in list(el):
            self.iter_element(child)
            child.tail, after = self._split(child.tail)
            children += [child, *after]
        el.text, before = self._split(el.text)
        el[:] = before + children

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """The text before the first use, and an `<abbr>` for each use, carrying what follows it."""
        if not text or isinstance(text, AtomicString):
            return text, []
        uses = [match for match in self.RE.finditer(text) if self.abbrs[match.group(0)]]
        if not uses:
            return text, []
        ends = [use.start() for use in uses[1:]] + [len(text)]
        marked = [
            self.create_element(self.abbrs[use.group(0)], use.group(0), text[use.end() : end])
            for use, end in zip(uses, ends)
        ]
        return text[: uses[0].start()], marked


class LinearAbbr(Extension):
    """Put the linear tree processor in place of `abbr`'s own; list it after `abbr`."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" in md.treeprocessors:
            abbrs = md.treeprocessors["abbr"].abbrs
            md.treeprocessors.register(LinearAbbrTreeprocessor(md, abbrs), "abbr", 7)
