"""PyYAML's syntax errors as plain-English sentences saying what to change, and on which line."""

from __future__ import annotations

import yaml

_TRANSLATIONS: list[tuple[str, str]] = [
    (
        "found character '\\t'",
        "This line has a tab character. YAML needs spaces for indenting: replace the tab with spaces.",
    ),
    (
        "mapping values are not allowed here",
        "There is a colon followed by a space where YAML does not expect one. If it is inside a "
        'piece of text, put the whole text in double quotes, like: summary: "We asked: what '
        'matters to you?" Otherwise, check this line is not indented further than it should be.',
    ),
    (
        "could not find expected ':'",
        "A line here is not in the form name: value. If a piece of text runs onto a new line, "
        "indent the new line, or put the whole text in double quotes.",
    ),
    (
        "found unexpected end of stream",
        "A quotation mark or bracket opened here is never closed. Add the closing quote or bracket.",
    ),
    (
        "expected <block end>",
        "The indenting here does not line up with the lines around it. Line each field up under "
        "the one before, using spaces.",
    ),
    (
        "expected ',' or ']'",
        "A list in square brackets is not written properly. Separate the items with commas, end it "
        "with ], and put any item that contains a colon or comma in quotes.",
    ),
    (
        "expected ',' or '}'",
        "A set of values in curly brackets is not written properly. Separate them with commas, end "
        "it with }, and put any text that contains a colon or comma in quotes.",
    ),
    (
        "expected a single document",
        "There is a second --- line inside the fields. Only the opening and closing lines may be ---.",
    ),
    (
        "that cannot start any token",
        "A value here starts with a character YAML keeps for itself (such as @, ` or %). Put the "
        "whole value in double quotes.",
    ),
    (
        "did not find expected key",
        "The indenting here does not line up with the lines around it, or a line is missing its "
        "name: part. Line each field up under the one before, using spaces.",
    ),
    (
        "did not find expected '-' indicator",
        "A list item here is not lined up with the others. Start each item with - at the same indent.",
    ),
    (
        "found unknown escape character",
        'A backslash (\\) inside double quotes must be doubled (\\\\), or use single quotes instead.',
    ),
]

_OPENED_HERE = ("found unexpected end of stream", "expected ',' or ']'", "expected ',' or '}'")
"""Errors best shown where the quote or bracket was opened, not where the reader gave up."""

_FALLBACK = (
    "This line can't be read. Check that it is indented with spaces like the lines around it, "
    "and put any text containing : # [ ] { } or quotes inside double quotes."
)


def plain_syntax_error(error: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The line and a plain-English sentence for a PyYAML error."""
    said = f"{error.context or ''} {error.problem or ''}"
    for fragment, message in _TRANSLATIONS:
        if fragment in said:
            opened_here = fragment in _OPENED_HERE and error.context_mark
            mark = error.context_mark if opened_here else (error.problem_mark or error.context_mark)
            return (mark.line + 1 if mark else 1), message
    mark = error.problem_mark or error.context_mark
    return (mark.line + 1 if mark else 1), _FALLBACK


READER_MESSAGE = (
    "This line contains a character that is not allowed in text (an invisible control "
    "character, often pasted in from another program). Delete the line and type it again."
)
