"""The kinds of value staff write, each checked with a message a non-programmer can act on.

Pydantic's own messages ("Input should be a valid integer") speak to programmers, so every
field type used in `model.py` is one of these, and each raises a `PydanticCustomError`
whose text is already plain English. Messages never repeat what was written: a wrong value
may be personal data, and error output ends up in build logs.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Annotated, Callable

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from yswd.problems import did_you_mean

PLAIN = "yswd"
"""The error type that carries a message ready to show as it is."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_UK_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_REVIEWER = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def fail(message: str) -> PydanticCustomError:
    return PydanticCustomError(PLAIN, message)


def _as_text(value: object) -> str:
    """Text as written, even where YAML read it as a number, date or true/false."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    source = getattr(value, "source", None)
    if source is not None:
        return source
    if isinstance(value, (int, float, date)):
        return str(value) if not isinstance(value, date) else value.isoformat()
    if isinstance(value, list):
        raise fail("should be a piece of text, not a list.")
    if isinstance(value, dict):
        raise fail("should be a piece of text, not a set of fields. Check the indenting.")
    raise fail("should be a piece of text.")


def _text(value: object) -> str:
    if value is None:
        raise fail("is empty. Write some text here, or remove the line.")
    text = _as_text(value).strip()
    if not text:
        raise fail("is empty. Write some text here, or remove the line.")
    return text


def _slug(value: object) -> str:
    if value is None:
        raise fail("is empty.")
    slug = _as_text(value)
    if not _SLUG.match(slug):
        raise fail(
            "should be a short name made of lower-case letters, digits and hyphens, with no spaces, "
            'like "maternity-scans-2025".'
        )
    return slug


def _day(value: object) -> date:
    if isinstance(value, datetime):
        raise fail("should be a date only, written YYYY-MM-DD, with no time.")
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        uk = _UK_DATE.match(value.strip())
        if uk:
            day, month, year = uk.groups()
            raise fail(f"should be written YYYY-MM-DD: for {value.strip()} write {year}-{int(month):02d}-{int(day):02d}.")
        if _ISO_DATE.match(value.strip()):
            year, month, day = (int(part) for part in value.strip().split("-"))
            try:
                return date(year, month, day)
            except ValueError:
                raise fail("is not a real date: check the day and the month (dates are written YYYY-MM-DD).") from None
    if value is None:
        raise fail("is empty. Write a date as YYYY-MM-DD, like 2025-03-01.")
    raise fail("should be a date written YYYY-MM-DD, like 2025-03-01.")


def _number(value: object) -> float:
    if isinstance(value, bool) or value is None:
        raise fail("should be a number.")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise fail("should be a number.")
        return value
    if isinstance(value, str):
        cleaned = value.strip()
        if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
            raise fail("should be written without commas, like 1200.")
        if re.fullmatch(r"[-+]?\d+(\.\d+)?\s*%", cleaned):
            raise fail("should be a number without the % sign.")
        if re.fullmatch(r"[-+]?\d{1,30}", cleaned):
            return int(cleaned)
        if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+)", cleaned):
            return float(cleaned)
    raise fail("should be a number.")


def _count(value: object) -> int:
    try:
        number = _number(value)
    except PydanticCustomError as error:
        if error.message() != "should be a number.":
            raise
        raise fail("should be a whole number, like 120.") from None
    if isinstance(number, float):
        if not number.is_integer():
            raise fail("should be a whole number, like 120.")
        number = int(number)
    if number < 0:
        raise fail("can't be less than 0.")
    return number


def within(low: float, high: float, kind: Callable[[object], float] = _number) -> Callable[[object], float]:
    """A number check that also keeps the value between `low` and `high`."""

    def check(value: object) -> float:
        number = kind(value)
        if not low <= number <= high:
            raise fail(f"should be between {low:g} and {high:g}.")
        return number

    return check


def choice(*options: str) -> Callable[[object], str]:
    """A check that the value is one of a fixed set of words, suggesting the nearest."""

    def check(value: object) -> str:
        word = _as_text(value) if value is not None else ""
        if word not in options:
            raise fail(f"should be one of: {', '.join(options)}.{did_you_mean(word, options)}")
        return word

    return check


def _reviewer(value: object) -> str:
    code = _text(value)
    if not _REVIEWER.match(code):
        raise fail(
            "should be a reader-panel code such as RP-07 (letters, digits and hyphens only). "
            "Never write a reviewer's name."
        )
    return code


def _colour(value: object) -> str:
    if value is None:
        raise fail('is empty. Colours start with #, which YAML reads as a comment: put the colour in quotes, like "#005eb8".')
    colour = _as_text(value).strip()
    colour = colour if colour.startswith("#") else "#" + colour
    if not _COLOUR.match(colour):
        raise fail('should be a colour written as # and six letters or digits, in quotes, like "#005eb8".')
    return colour.lower()


def _email(value: object) -> str:
    address = _text(value)
    if not _EMAIL.match(address):
        raise fail("should be an e-mail address, like engagement@example.nhs.uk.")
    return address


Text = Annotated[str, BeforeValidator(_text)]
"""Plain text: shown as written, HTML-escaped."""
Markdown = Annotated[str, BeforeValidator(_text)]
"""Text written in Markdown: rendered, then sanitised."""
Slug = Annotated[str, BeforeValidator(_slug)]
"""An id or taxonomy key: lower-case kebab-case."""
Day = Annotated[date, BeforeValidator(_day)]
Count = Annotated[int, BeforeValidator(_count)]
Number = Annotated[float, BeforeValidator(_number)]
Percent = Annotated[int, BeforeValidator(within(0, 100, _count))]
Share = Annotated[float, BeforeValidator(within(0, 100))]
"""A percentage that may have decimals, such as 11.5."""
Rating = Annotated[float, BeforeValidator(within(1, 5))]
Month = Annotated[int, BeforeValidator(within(1, 12, _count))]
ReviewerCode = Annotated[str, BeforeValidator(_reviewer)]
Email = Annotated[str, BeforeValidator(_email)]
Colour = Annotated[str, BeforeValidator(_colour)]
