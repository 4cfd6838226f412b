"""A person's name where none belongs: in ids and in the names of files and folders.

The guard can't find a name in free text: a story rightly names staff ("Dr Jane Smith, clinical
lead"), public figures and places, and no list tells those apart from the people who took part.
Ids and file names are different. They are words about the subject (`waits`,
`saturday-clinic`); they become web addresses, page anchors, the sitemap, the feed and the data
files' columns; and they never need to name anyone. So there a name is a mistake: a common
first name followed by a common surname (`john-smith`), or a title followed by a surname
(`mrs-patel`, `dr-khan`). A name followed by a word for a place (`william-harvey-hospital`,
`mary-seacole-ward`) is the place's name: hospitals, wards and streets are often named after
people, and their ids are about the place.

The names are Faker's lists for Great Britain (en_GB: about 360 first names and 500 surnames),
so they come from a maintained package, not from us. A name that is on neither list is not
found: the documented limit (README, "Personal data").
"""

from __future__ import annotations

import re
from functools import lru_cache

from yswd.guards.patterns import Allowed, Hit

NAME = "name"
"""The kind of a hit that looks like a person's name (see `patterns.KINDS`)."""
TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr")
_WORD = re.compile(r"[a-z]+")
_GAP = frozenset("-_. ")
"""What separates the words of an id or a file name."""
PLACES = frozenset(
    "hospital hospice surgery practice centre center clinic ward unit wing house building road street lane "
    "avenue drive close park hall school college library court institute".split()
)
"""Words that, straight after a name, make it the name of a place."""


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names with the titles, surnames), in small letters."""
    from faker.providers.person.en_GB import Provider

    first = {name.lower() for name in (*Provider.first_names_male, *Provider.first_names_female)}
    return frozenset(first | set(TITLES)), frozenset(name.lower() for name in Provider.last_names)


def name_in(text: str, allowed: Allowed = Allowed()) -> Hit | None:
    """The first place where `text` (an id, a file name) holds a first name or a title and then a
    surname, one gap apart, and no allowed text covers it; else None."""
    first, surnames = _names()
    words = list(_WORD.finditer(text.lower()))
    spans = None
    for index, (before, after) in enumerate(zip(words, words[1:])):
        named = before[0] in first and after[0] in surnames and _joined(text, before, after)
        if named and not _place(text, words, index + 2):
            hit = Hit(before.start(), after.end(), NAME)
            spans = allowed.spans(text) if spans is None else spans
            if not allowed.lets_through(hit, text, spans):
                return hit
    return None


def _joined(text: str, before: re.Match[str], after: re.Match[str]) -> bool:
    """Whether two words of `text` are one gap apart."""
    gap = text[before.end() : after.start()]
    return len(gap) == 1 and gap in _GAP


def _place(text: str, words: list[re.Match[str]], index: int) -> bool:
    """Whether the word at `index` is a word for a place, straight after the word before it."""
    return index < len(words) and words[index][0] in PLACES and _joined(text, words[index - 1], words[index])


def hide_names(text: str, hidden: str) -> str:
    """`text` with each name `name_in` finds replaced by `hidden`: for the ids that name fields in problems."""
    while (hit := name_in(text)) is not None:
        text = text[: hit.start] + hidden + text[hit.end :]
    return text
