"""Numbers in words on the pages: one person, 2 people, about 1,000 people, not recorded.

Every generated sentence with a number goes through these, so that a count of 1 is never
"1 people", "fewer than 5" is never "fewer than 5 person", and a number staff marked as
rough ("about", "at least") says so wherever it is shown.
"""

from __future__ import annotations

from yswd.analysis.reach import qualified


def number(value: int | float) -> str:
    """1,234 for whole numbers; one decimal place otherwise."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def plural(count: int | float, one: str, many: str | None = None) -> str:
    """The word for `count` things, without the number: "person" for 1, "people" otherwise."""
    return one if count == 1 else (many or one + "s")


def counted(count: int | float, one: str, many: str | None = None) -> str:
    """"1 engagement", "2,000 engagements"."""
    return f"{number(count)} {plural(count, one, many)}"


def amount(count: int | float, precision: str = "exact") -> str:
    """A number as exact as it is known: "1,000", "about 1,000", "at least 1,000", "about 1,000 or more"."""
    return qualified(number(count), precision)


def people(count: int | float, precision: str = "exact") -> str:
    """"1 person", "about 1,000 people"."""
    return f"{amount(count, precision)} {plural(count, 'person', 'people')}"
