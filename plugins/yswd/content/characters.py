"""Characters nobody can see that still change a site: what each one is, and what to do.

YAML's escapes put any character into quoted text ("\\x1b", "\\0", "\\u0000"): control
characters break the Atom feed and the CSV, and right-to-left overrides make text read
differently from what it holds. Zero-width characters are kept out of titles, which name
pages, tabs and feed entries, where they hide what a title really is.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and newline (C0, DEL and C1)."""
DIRECTION = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates."""
ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u180e]")
"""Zero-width spaces, joiners and marks, word joiners, invisible operators, byte-order marks."""

CONTROL_MESSAGE = (
    "contains an invisible control character (written with a backslash in quotes, such as \\x1b "
    "or \\0, or pasted from another program). Remove it."
)
DIRECTION_MESSAGE = (
    "contains an invisible character that reverses the direction of the text (a right-to-left "
    "override or isolate), which can disguise what it says. Delete it and type the text again."
)
ZERO_WIDTH_MESSAGE = (
    "contains an invisible zero-width character (often pasted from a web page or a document). "
    "Delete it and type the text again."
)


def hidden_character(text: str) -> str | None:
    """What is wrong with text that holds a control or direction character, or None."""
    if CONTROL.search(text):
        return CONTROL_MESSAGE
    if DIRECTION.search(text):
        return DIRECTION_MESSAGE
    return None
