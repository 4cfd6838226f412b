"""What the personal-data guard says about a hit, and the scan of plain text shared by every file kind."""

from __future__ import annotations

from typing import Iterator

from yswd.guards.patterns import Allowed, Hit, find_personal_data
from yswd.problems import Problem

RECORD_HINT = (
    "copy the exact text into this record's allow_personal_data (or personal_data.allow in "
    "{settings_file}) with a reason."
)
SITE_HINT = "copy the exact text into personal_data.allow in {settings_file} with a reason."
"""Hints name the organisation's settings file where the allow-list is: see `hint`."""

IN_A_RECORD = "personal data must never be in a record, even a draft, because drafts go to reviewers and git keeps every version."
PUBLISHED = "this file is published with the site, and git keeps every version."


def hint(template: str, allowed: Allowed) -> str:
    """RECORD_HINT or SITE_HINT, naming the file that holds `allowed`'s site-wide list."""
    return template.format(settings_file=allowed.settings_file)


def message(hit: Hit, allow_hint: str, why: str = IN_A_RECORD) -> str:
    """What a hit looks like and what to do, never what it is."""
    return (
        f"looks like {hit.looks_like}. Remove it: {why} If it is safe to publish, such as a public "
        f"venue or switchboard, {allow_hint} If it was already committed, ask whoever looks after "
        "the repository to remove it from the history too."
    )


def scan_text(text: str, first_line: int, shown: str, label: str, allowed: Allowed, template: str, why: str = IN_A_RECORD) -> Iterator[Problem]:
    """Free text (a story, a page, a file we can't read as fields), each hit on its own line."""
    for hit in find_personal_data(text, allowed):
        yield Problem(shown, first_line + text.count("\n", 0, hit.start), label, message(hit, hint(template, allowed), why))


def in_a_comment(yaml_text: str, offset: int) -> bool:
    """Whether `offset` is inside a YAML comment: after a # that starts its line or follows a space."""
    start = yaml_text.rfind("\n", 0, offset) + 1
    before = yaml_text[start:offset]
    return before.lstrip().startswith("#") or " #" in before


def texts_in(value: object, path: tuple = (), keys: bool = False) -> list[tuple[tuple, str]]:
    """(path, text) for every text or number in YAML data; dates and true/false can't hold any.

    With `keys`, each text key too, at the path of the mapping it is in (a menu's titles are keys).
    """
    found: list[tuple[tuple, str]] = []
    _add_texts(value, path, keys, found)
    return found


def _add_texts(value: object, path: tuple, keys: bool, found: list[tuple[tuple, str]]) -> None:
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if keys and isinstance(key, str):
                found.append((path, key))
            _add_texts(item, (*path, key), keys, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _add_texts(item, (*path, index), keys, found)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, int) and -10**8 < value < 10**8 and getattr(value, "source", None) is None:
            return  # a count: too short to be a phone or NHS number
        source = getattr(value, "source", None)
        if source is None:
            try:
                source = str(value)
            except ValueError:  # a whole number too long to write out: not a person's details
                return
        found.append((path, source))
