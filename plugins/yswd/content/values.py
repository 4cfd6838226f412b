"""The kinds of value staff write, each checked with a message a non-programmer can act on.

Pydantic's own messages ("Input should be a valid integer") speak to programmers, so every
field type used in `model.py` is one of these, and each raises a `PydanticCustomError`
whose text is already plain English. Messages never repeat what was written: a wrong value
may be personal data, and error output ends up in build logs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Callable, Literal, Mapping, Union

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from yswd.dates import MONTHS, MonthDate
from yswd.problems import did_you_mean

PLAIN = "yswd"
"""The error type that carries a message ready to show as it is."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_UK_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_UK_MONTH = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_MONTH_WORDS = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")
MONTH_PATTERN = r"^\d{4}-\d{2}$"
UNKNOWN = "unknown"
"""What staff write where a fact was never recorded: shown as "not recorded", never guessed."""
_REVIEWER = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ODS_PATTERN = r"^[A-Z0-9]{3,6}$"
_ODS = re.compile(ODS_PATTERN)


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


def _term(value: object) -> str:
    """A glossary term: the words marked on every page, so never empty or only spaces."""
    if value is None or not _as_text(value).strip():
        raise fail("A glossary term is empty or only spaces: write the term (such as PCN), or delete its entry.")
    return _text(value)


def is_slug(text: str) -> bool:
    """Whether `text` is a short name (an id or key): lower-case letters and digits, joined by single hyphens."""
    return _SLUG.fullmatch(text) is not None


def slugify(text: str, limit: int | None = None) -> str:
    """A short name from words, for a file or a key: 'Children's A&E: what next?' -> 'childrens-a-and-e-what-next'.
    Cut at a hyphen to at most `limit` characters; empty only when `text` has no letters or digits."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("&", " and ").replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if limit is not None and len(slug) > limit:
        slug = slug[:limit]
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug
    return slug.strip("-")


def _slug(value: object) -> str:
    if value is None:
        raise fail("is empty.")
    slug = _as_text(value)
    if not is_slug(slug):
        raise fail(
            "should be a short name made of lower-case letters, digits and hyphens, with no spaces, "
            'like "maternity-scans-2025".'
        )
    return slug


def _key(value: object) -> str:
    """A taxonomy key as written: whether it is a known key (and which one was meant) is for the
    rules, which know the organisation's keys and can suggest one even for "Northvale"."""
    return _text(value)


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
        if _ISO_MONTH.match(value.strip()):
            raise fail("needs the day as well, written YYYY-MM-DD. Only some dates (such as start and end) can be just a month.")
        if _ISO_DATE.match(value.strip()):
            year, month, day = (int(part) for part in value.strip().split("-"))
            try:
                return date(year, month, day)
            except ValueError:
                raise fail("is not a real date: check the day and the month (dates are written YYYY-MM-DD).") from None
    if value is None:
        raise fail("is empty. Write a date as YYYY-MM-DD, like 2025-03-01.")
    raise fail("should be a date written YYYY-MM-DD, like 2025-03-01.")


def _month_or_day(value: object) -> date:
    """A date, or a month (YYYY-MM) when only the month is known."""
    if isinstance(value, MonthDate):
        return value
    if isinstance(value, str):
        text = value.strip()
        iso = _ISO_MONTH.match(text)
        uk = _UK_MONTH.match(text)
        words = _MONTH_WORDS.match(text)
        if iso:
            year, month = int(iso.group(1)), int(iso.group(2))
            if not 1 <= month <= 12:
                raise fail("is not a real month: months are written YYYY-MM, like 2017-06 for June 2017.")
            return MonthDate(year, month, 1)
        if uk and 1 <= int(uk.group(1)) <= 12:
            raise fail(f"should be written YYYY-MM: for {text} write {uk.group(2)}-{int(uk.group(1)):02d}.")
        if words:
            number = _month_number(words.group(1))
            if number:
                raise fail(f"should be written YYYY-MM: for {text} write {words.group(2)}-{number:02d}.")
    try:
        return _day(value)
    except PydanticCustomError as error:
        if error.message().startswith(("should be a date written", "is empty. Write a date")):
            raise fail(error.message().replace("like 2025-03-01.", "like 2025-03-01, or YYYY-MM (like 2025-03) when only the month is known.")) from None
        raise


def _month_number(word: str) -> int | None:
    word = word.lower()
    for number, name in enumerate(MONTHS, start=1):
        if len(word) >= 3 and name.lower().startswith(word):
            return number
    return None


def _or_unknown(check: Callable[[object], object], what: str) -> Callable[[object], object]:
    """A check that also accepts the word `unknown`, for a fact that was never recorded."""

    def either(value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in (UNKNOWN, "not known", "not recorded", "n/a"):
            return UNKNOWN
        try:
            return check(value)
        except PydanticCustomError as error:
            message = error.message()
            if not message.startswith(("should be a ", "is empty")):
                raise
            raise fail(f"{message.rstrip('.')}, or unknown if {what} was not recorded.") from None

    return either


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


_ROUGH = re.compile(
    r"(?i)\s*(?P<before>~|about|around|approx\.?|approximately|roughly|circa|c\.|ca\.|almost|nearly|just under"
    r"|over|just over|more than|at least|>=?)?\s*(?P<number>\d{1,3}(?:,\d{3})+|\d+)\s*"
    r"(?P<after>\+|or more|plus)?\s*(?:people|participants|responses|replies)?\s*"
)
_LOWER_BOUNDS = ("over", "just over", "more than", "at least", ">", ">=")


def _participants(value: object) -> int:
    """A number of participants; "about 2,000" or "over 300" gets the way to write it."""
    rough = _ROUGH.fullmatch(value) if isinstance(value, str) else None
    if rough and (rough["before"] or rough["after"]):
        word = "at-least" if rough["after"] or rough["before"].lower() in _LOWER_BOUNDS else "about"
        number = rough["number"].replace(",", "")
        raise fail(
            f"needs the number alone: write participants: {number} and, on the next line, "
            f"participants_precision: {word}. That shows on the site as \"{word.replace('-', ' ')} {int(number):,}\"."
        )
    return _count(value)


def _theme_count(value: object) -> int:
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*%\s*", value):
        raise fail("is a percentage. Write it as share: with the number alone (like share: 77), instead of count:.")
    return _count(value)


def within(low: float, high: float, kind: Callable[[object], float] = _number) -> Callable[[object], float]:
    """A number check that also keeps the value between `low` and `high`."""

    def check(value: object) -> float:
        number = kind(value)
        if not low <= number <= high:
            raise fail(f"should be between {low:g} and {high:g}.")
        return number

    return check


def choice(*options: str, meanings: Mapping[str, str] | None = None) -> Callable[[object], str]:
    """A check that the value is one of a fixed set of words, suggesting the one meant: a word
    that means it (`meanings`, such as approved for agreed), a close spelling, or the option
    inside a longer word (minutes in minutes-of-meeting)."""

    def check(value: object) -> str:
        word = _as_text(value) if value is not None else ""
        if word not in options:
            raise fail(f"should be one of: {', '.join(options)}.{_meant(word, options, meanings or {})}")
        return word

    return check


def _meant(word: str, options: tuple[str, ...], meanings: Mapping[str, str]) -> str:
    written = re.sub(r"[\s_]+", "-", word.strip().lower())
    if written in meanings:
        return f' Did you mean "{meanings[written]}"?'
    suggestion = did_you_mean(written, options)
    if suggestion:
        return suggestion
    inside = [option for option in options if option in written.split("-")]
    return f' Did you mean "{inside[0]}"?' if len(inside) == 1 else ""


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


def _ods_code(value: object) -> str:
    code = _text(value).upper()
    if not _ODS.match(code):
        raise fail(
            "should be the organisation's ODS code: 3 to 6 letters and digits, like QE1 or 15N "
            "(the NHS Organisation Data Service lists every code)."
        )
    return code


Text = Annotated[str, BeforeValidator(_text)]
"""Plain text: shown as written, HTML-escaped."""
GlossaryTerm = Annotated[str, BeforeValidator(_term)]
Markdown = Annotated[str, BeforeValidator(_text)]
"""Text written in Markdown: rendered, then sanitised."""
Slug = Annotated[str, BeforeValidator(_slug)]
"""An id or taxonomy key: lower-case kebab-case."""
Key = Annotated[str, BeforeValidator(_key)]
"""A key of one of the organisation's lists (topics, localities...), checked against the list by the rules."""
Day = Annotated[date, BeforeValidator(_day)]
_MONTH_OR_DAY_SCHEMA = {
    "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": MONTH_PATTERN}],
    "description": "A date written YYYY-MM-DD, or YYYY-MM when only the month is known.",
}
_AS_WRITTEN = PlainSerializer(lambda day: day.isoformat(), return_type=str, when_used="json")
MonthOrDay = Annotated[date, BeforeValidator(_month_or_day), _AS_WRITTEN, WithJsonSchema(_MONTH_OR_DAY_SCHEMA)]
"""A date, or a month: written out as it was written (2017-06 stays 2017-06)."""
_UNKNOWN_SCHEMA = {"type": "string", "const": UNKNOWN}
MonthOrDayOrUnknown = Annotated[
    Union[date, Literal["unknown"]],
    BeforeValidator(_or_unknown(_month_or_day, "the date")),
    PlainSerializer(lambda day: day if day == UNKNOWN else day.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema({"anyOf": [*_MONTH_OR_DAY_SCHEMA["anyOf"], _UNKNOWN_SCHEMA]}),
]
CountOrUnknown = Annotated[
    Union[int, Literal["unknown"]],
    BeforeValidator(_or_unknown(_participants, "the number")),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, _UNKNOWN_SCHEMA]}),
]
ThemeCount = Annotated[int, BeforeValidator(_theme_count)]
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
OdsCode = Annotated[str, BeforeValidator(_ods_code), WithJsonSchema({"type": "string", "pattern": ODS_PATTERN})]
"""An NHS Organisation Data Service code, in capitals (and a schema says so)."""
