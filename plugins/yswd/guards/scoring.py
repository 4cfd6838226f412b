"""Plain text from Markdown, split into sentences and words, and scored for reading ease.

Markdown becomes one plain block per paragraph, list item, heading or cell, and every block
ends a sentence, so headings and list items do not run on into the next. The scores come
from textstat: Flesch reading ease and the Flesch-Kincaid grade, with the UK reading age.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown as markdown_lib
import textstat

AGE_OFFSET = 5
"""UK reading age = US school grade + 5."""


@dataclass(frozen=True)
class Scores:
    """Readability of one piece of text."""

    words: int
    sentences: int
    reading_ease: float
    """Flesch reading ease: 0-100, higher is easier; 60-70 is plain English (kept within 0-100)."""
    grade: float
    """Flesch-Kincaid grade (US school year)."""

    @property
    def reading_age(self) -> float:
        """Flesch-Kincaid grade + 5, the UK convention; never below 5."""
        return round(max(self.grade, 0.0) + AGE_OFFSET, 1)

    @property
    def ease_words(self) -> str:
        """The Flesch reading ease in words."""
        for floor, words in _EASE_BANDS:
            if self.reading_ease >= floor:
                return words
        return "very difficult"


_EASE_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "plain English"),
    (50, "fairly difficult"),
    (30, "difficult"),
)


_BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "tr", "pre",
    "div", "dt", "dd", "br", "hr", "table", "ul", "ol", "dl", "section", "figcaption",
}
_SKIP_TAGS = {"script", "style"}


class _Blocks(HTMLParser):
    """The text of each block of rendered Markdown (paragraph, list item, heading, cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):  # noqa: D102 - HTMLParser hook
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):  # noqa: D102 - HTMLParser hook
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):  # noqa: D102 - HTMLParser hook
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


_MARKDOWN = markdown_lib.Markdown(extensions=["extra", "sane_lists"])


def markdown_blocks(text: str) -> list[str]:
    """Markdown as plain text, one string per paragraph, list item, heading or table cell."""
    _MARKDOWN.reset()
    parser = _Blocks()
    parser.feed(_MARKDOWN.convert(text))
    parser.close()
    return parser.blocks


def markdown_to_text(text: str) -> str:
    """Markdown as plain sentences, one block a line: each block ends a sentence."""
    return "\n".join(as_sentence(block) for block in markdown_blocks(text))


def as_sentence(block: str) -> str:
    """A block of text that ends like a sentence, so headings and list items don't run on."""
    block = block.strip()
    if not block:
        return ""
    if block[-1] in ":;,":
        return block[:-1] + "."
    if block[-1] in ".!?" or block.endswith(('."', ".”", "?\"", "!\"", ".)", ".'")):
        return block
    return block + "."


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def sentences(text: str) -> list[str]:
    """Plain text split into sentences; a line break always ends one (blocks are a line each)."""
    return [
        piece.strip() for line in text.split("\n") for piece in _SENTENCE_BREAK.split(line) if word_count(piece)
    ]


def score(text: str) -> Scores:
    """Flesch reading ease and Flesch-Kincaid grade of plain text (sentences end with . ! or ?)."""
    words = word_count(text)
    if not words:
        return Scores(0, 0, 100.0, 0.0)
    count = len(sentences(text))
    text = " ".join(text.split())
    return Scores(
        words=words,
        sentences=count,
        reading_ease=round(min(100.0, max(0.0, float(textstat.flesch_reading_ease(text)))), 1),
        grade=round(float(textstat.flesch_kincaid_grade(text)), 1),
    )
