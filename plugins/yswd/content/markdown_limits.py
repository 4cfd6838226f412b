"""What staff Markdown must stay within for the site to be built, in time and without a crash.

Python-Markdown slows with the square of a paragraph's length, and it recurses once for
each level of nesting: 600 levels of lists ("- - - ...") exhaust Python's stack. Both are
checked here, on the text as written, so that `yswd check` stops what `build` could not
finish. Real stories nest a few levels; the limits are far above them.
"""

from __future__ import annotations

import re
from typing import Iterator

from yswd.content.characters import hidden_character
from yswd.content.records import Source
from yswd.problems import Problem

PARAGRAPH_LIMITS = (10_000, 100, 1_000)
"""Characters, [ and \\ in one Markdown paragraph: Python-Markdown slows with the square of a
paragraph's length, so one pasted blob could stall the build for minutes."""
MAX_NESTING = 20
"""Levels of lists, quotes and indenting (four spaces a level) inside one another."""

_CONTAINER = re.compile(r"(?:>|(?:[-*+]|\d{1,9}[.)]|[!?]{3}\+?)(?=[ \t]|$))[ \t]*")
"""A marker that opens a block inside the one before it: a quote, a list item, an admonition."""

TOO_LONG = (
    f"has a paragraph too long to show (more than {PARAGRAPH_LIMITS[0]:,} characters, {PARAGRAPH_LIMITS[1]} [ or "
    f"{PARAGRAPH_LIMITS[2]:,} \\ characters). Split it into shorter paragraphs."
)
TOO_DEEP = (
    f"has lists, quotes or indenting nested more than {MAX_NESTING} levels deep on this line, which the "
    "site can't show. Indent less, or turn the inner lists into ordinary text."
)


def markdown_trouble(text: str, *, whole_file: bool = False) -> tuple[int, str] | None:
    """(line within the text, counting from 0; what is wrong) for the first problem, or None.

    `whole_file` also looks for hidden characters, which YAML fields have had checked already.
    """
    for number, line in enumerate(text.split("\n")):
        if nesting(line) > MAX_NESTING:
            return number, TOO_DEEP
        hidden = hidden_character(line) if whole_file else None
        if hidden:
            return number, hidden
    offset = 0
    chars, brackets, backslashes = PARAGRAPH_LIMITS
    for paragraph in text.split("\n\n"):
        if len(paragraph) > chars or paragraph.count("[") > brackets or paragraph.count("\\") > backslashes:
            return text.count("\n", 0, offset), TOO_LONG
        offset += len(paragraph) + 2
    return None


def nesting(line: str) -> int:
    """How many blocks deep a line of Markdown opens: its indenting, then its markers."""
    expanded = line.expandtabs(4)
    text = expanded.lstrip(" ")
    depth = (len(expanded) - len(text)) // 4
    position = 0
    while depth <= MAX_NESTING and (marker := _CONTAINER.match(text, position)) is not None:
        depth += 1
        position = marker.end()
    return depth


def markdown_field_problems(source: Source, texts: list[tuple[str, str | None, tuple]]) -> Iterator[Problem]:
    """Markdown written in YAML fields: (label, text, where) each, named at the field's line."""
    for label, text, where in texts:
        trouble = markdown_trouble(text) if text else None
        if trouble:
            yield Problem(source.path, source.line(*where), label, trouble[1])
