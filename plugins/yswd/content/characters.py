"""Characters nobody can see that still change a site: what each one is, and what to do.

YAML's escapes put any character into quoted text ("\\x1b", "\\0", "\\u0000"): control
characters break the Atom feed and the CSV, and right-to-left overrides make text read
differently from what it holds. Zero-width characters are kept out of titles, which name
pages, tabs and feed entries, where they hide what a title really is. And YAML takes NEL,
LS and PS as line breaks where editors do not: they are set aside while YAML reads a file.
"""

from __future__ import annotations

import re

_CONTROL = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_DIRECTION = r"\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{_CONTROL}]")
"""Control characters other than tab and newline (C0, DEL and C1)."""
DIRECTION = re.compile(f"[{_DIRECTION}]")
"""Bidirectional embeddings, overrides and isolates."""
HIDDEN = re.compile(f"[{_CONTROL}{_DIRECTION}]")
"""Either: one search says whether `hidden_character` has anything to find."""
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


_BREAKS = {"\x85": "\U000f0085", "\u2028": "\U000f2028", "\u2029": "\U000f2029"}
"""Characters YAML takes as line breaks that editors show inside a line, and stand-ins for
them from Unicode's private use area, which YAML reads as ordinary characters."""
_SET_ASIDE = str.maketrans(_BREAKS)
_RESTORE = str.maketrans({stand_in: kept for kept, stand_in in _BREAKS.items()})


def set_aside_breaks(text: str) -> tuple[str, bool]:
    """The text with NEL, LS and PS replaced by stand-ins, so that lines are counted as editors
    count them and the characters stay as written; and whether any were replaced."""
    if not any(kept in text for kept in _BREAKS) or any(stand_in in text for stand_in in _BREAKS.values()):
        return text, False
    return text.translate(_SET_ASIDE), True


def restore_breaks(text: str) -> str:
    """Text read from YAML with the stand-ins turned back into the characters they replaced."""
    return text.translate(_RESTORE)
