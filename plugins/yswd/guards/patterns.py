"""What personal data looks like, in text read the way a reader reads it.

A reader does not see `jo&#64;gmail.com`, `０７７００ ９００１２３` or `943-476​-5919` (with a
zero-width space): a browser shows an e-mail address, a phone number and an NHS number. So
text is first put into the form a reader sees (`reading`), and only then matched against
the patterns. Every hit is given back in the offsets of the text as written, so problems
point at the right line.

Exceptions (`Allowed`) are matched against the text as read too, so an allowed phone number
written with a non-breaking space or an en dash is still the same allowed text.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from yswd.content.records import SettingsFiles

# --- reading text as a reader sees it ------------------------------------------------------

_AS_SHOWN_IN_ASCII = (
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"  # HTML entities
    r"|%[2-7][0-9A-Fa-f]"  # a percent-encoded character in a web address, such as %40 for @
    r"|\\[!-/:-@\[-`{-~]"  # a Markdown backslash escape, such as \@
    r"|</?[A-Za-z][A-Za-z0-9-]*|/>|>|<!--|-->"  # HTML tags and comments: their text is kept
    # Markdown emphasis or code marks inside a number (after a digit or @, or before one)
    r"|\*(?<=[0-9@]\*)[*`]*|`(?<=[0-9@]`)[*`]*|\*[*`]*(?=[0-9@])|`[*`]*(?=[0-9@])"
)
"""What a reader does not see as written in ASCII text. Each choice starts with a character of
its own, so the search skips straight to those characters instead of trying every position."""

_AS_SHOWN = re.compile(
    _AS_SHOWN_IN_ASCII
    + r"|[^\x00-\x7f]"  # anything outside ASCII: dashes, spaces, full-width digits, invisibles
)
"""What a reader does not see as written. Plain ASCII text with none of these is read as is."""


@lru_cache(maxsize=8192)
def _as_read(written: str) -> str:
    """How a reader sees one piece of `_AS_SHOWN`."""
    if written[0] == "&":
        shown = html.unescape(written)
        return "".join(_character(c) for c in shown) if shown != written else written
    if written[0] == "%":
        return chr(int(written[1:], 16))
    if not written.strip("*_`~\\"):
        return ""  # Markdown's inline punctuation: emphasis, code, strikethrough, an escaped mark
    if written[0] == "\\":
        return written[1]
    if written[0] in "<>/-*`_~\\" and written.isascii():
        return ""  # a tag's name and brackets, or a comment's, are not seen; what is between them is scanned
    return _character(written)


def _character(char: str) -> str:
    """One character as read: look-alike digits, dashes and spaces become ASCII; invisibles go."""
    if char.isascii():
        return char
    category = unicodedata.category(char)
    if category == "Cf":  # zero-width spaces and joiners, soft hyphens, direction marks
        return ""
    if category in ("Zs", "Zl", "Zp") or char == "\x85":
        return " "
    if category == "Pd" or char in "\u2212\u2043\ufe63\uff0d":
        return "-"
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return str(digit)
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded.isascii() else char


@dataclass(frozen=True)
class Reading:
    """A text as a reader sees it, and where each of its characters was written."""

    text: str
    _read_at: tuple[int, ...] = ()
    """Where each changed stretch starts in `text`..."""
    _written_at: tuple[tuple[int, int, int], ...] = ()
    """...and (its length as read, where it starts as written, its length as written)."""

    def written(self, offset: int, end: bool = False) -> int:
        """The offset in the text as written of an offset in the text as read."""
        index = bisect.bisect_right(self._read_at, offset - (1 if end else 0)) - 1
        if index < 0:
            return offset
        read_at = self._read_at[index]
        read_length, written_at, written_length = self._written_at[index]
        if offset < read_at + read_length or (end and offset == read_at + read_length):
            return written_at + (written_length if end else 0)
        return written_at + written_length + offset - read_at - read_length


_INLINE_MARKS = "|".join(re.escape(mark) + r"[*_`~\\]*" for mark in "*_`~\\")
_MARKUP = re.compile(_INLINE_MARKS + "|" + _AS_SHOWN.pattern)
"""What `_AS_SHOWN` finds, and every run of Markdown's inline punctuation: emphasis, code,
strikethrough and escapes (`jo@*gmail*.com` shows a reader jo@gmail.com)."""
_IN_ASCII = {False: re.compile(_AS_SHOWN_IN_ASCII), True: re.compile(_INLINE_MARKS + "|" + _AS_SHOWN_IN_ASCII)}
"""`_AS_SHOWN` and `_MARKUP` for ASCII text, where the choice for other characters can't match:
without it, every choice starts with a character of its own, which is several times faster."""
_INSIDE_A_WORD = re.compile(r"[^\s*_`~\\][*_`~\\]+[^\s*_`~\\]")
"""Inline punctuation between two characters of one word: only there can it split personal data
in a way `_AS_SHOWN` does not already read through."""


def reading(text: str, without_markup: bool = False) -> Reading:
    """`text` as a reader sees it: entities decoded, look-alike characters made plain; with
    `without_markup`, Markdown's inline punctuation (* _ ` ~ and backslashes) taken out too."""
    if text.isascii() and not _MAYBE_HIDDEN.search(text) and not without_markup:
        return Reading(text)
    pieces: list[str] = []
    read_at: list[int] = []
    written_at: list[tuple[int, int, int]] = []
    done = 0
    length = 0
    for match in (_IN_ASCII[without_markup] if text.isascii() else _MARKUP if without_markup else _AS_SHOWN).finditer(text):
        shown = _as_read(match[0])
        if shown == match[0]:
            continue
        start, end = match.span()
        pieces.append(text[done:start])
        length += start - done
        read_at.append(length)
        written_at.append((len(shown), start, end - start))
        pieces.append(shown)
        length += len(shown)
        done = end
    if not read_at:
        return Reading(text)
    pieces.append(text[done:])
    return Reading("".join(pieces), tuple(read_at), tuple(written_at))


_MAYBE_HIDDEN = re.compile(r"[&%\\<>*`]")


# --- what each kind of personal data looks like ------------------------------------------

_SPACE = "[ \\t]"
_WRAP = "[ \\t\\n-]"
"""One separator inside a phone number: a space, a hyphen, or a line break where the story wraps."""

_NHS_GAP = "[ \\t\\n./-]{0,3}"
"""Between the groups of an NHS number: nothing, or up to three spaces, dots, slashes or hyphens, mixed."""

# Each pattern below starts with the character it reads first, and only then looks behind
# (including that character) at what comes before: Python's regular expressions then skip
# straight to where that character occurs instead of trying the look-behind at every
# position, which makes the scan several times faster and finds exactly the same matches.

_NHS_NUMBER = re.compile(
    rf"(\d(?<!\d\d)(?<!\d[.,]\d)\d{{2}}){_NHS_GAP}(\d{{3}}){_NHS_GAP}(\d{{4}})(?!\d)(?![.,]\d)"
)

_PHONE_START = r"(?<![0-9A-Za-z+(].)(?<!\d[/.-].)"
"""Before a phone number's first character: not a letter, digit, + or (, nor a digit then / . or -."""

_PHONE = re.compile(
    rf"(?:\+{_PHONE_START}44{_SPACE}?(?:\(0\){_SPACE}?)?|0{_PHONE_START}044{_SPACE}?(?:\(0\){_SPACE}?)?"
    rf"|\({_PHONE_START}0|0{_PHONE_START})"
    r"(?:"
    # geographic (01, 02) and mobile (07) numbers: ten digits after the 0, the first two
    # together (so a date such as 01-02-2025 followed by a count is not a phone number)
    rf"[127]\d(?:\)?{_WRAP}?\d){{8}}"
    # a few areas have nine: always written with the area code apart, like 01204 12345
    rf"|1\d{{3}}\)?{_SPACE}\d{{5}}|1\d{{4}}\)?{_SPACE}\d{{4}}"
    r")(?!\d)"
)
"""UK landline (01, 02) and mobile (07) numbers, +44 or 0, spaced or not.

Numbers starting 03, 08 and 09 are organisations' numbers (non-geographic, freephone,
premium rate), never a person's, so they are left alone. A number must start with 0 or
+44, so years, dates, counts and money never match. A hyphen or slash before it counts as a
gap when a word comes before (`/call-07700900123` in a web address), not when a digit does.
"""

_EMAIL = re.compile(
    r"(?<![\w.+'-])[\w][\w.+'-]*"
    r"(?: ?@ ?| ?[\[(]at[\])] ?)"
    r"[A-Za-z0-9-]+(?:(?:\.| ?[\[(]dot[\])] ?)[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
"""An e-mail address, also written `jo [at] example [dot] com`."""

_INWARD_CODE = r"(\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])"

_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)"
    r"[ \t\n]?"
    + _INWARD_CODE,
    re.IGNORECASE,
)
"""A full postcode: outward code and inward code (SW1A 1AA, M1 1AE). 'SW1A' alone is not one."""

_HAS_INWARD_CODE = re.compile(_INWARD_CODE, re.IGNORECASE)
"""What every postcode ends with: a quick search, which starts at a digit, says whether the
slower pattern (which starts at a letter, so tries almost every position) is worth running."""

_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}-\d{1,2}-\d{1,2}(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+\d{{4}}(?!\d))?"
    rf"|{_MONTH}\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}(?!\d))?)"
)
_DATE_OF_BIRTH = re.compile(
    r"(?:(?<![\w.])d\.?o\.?b\b\.?|\bdate[\s_-]+of[\s_-]+birth\b|\bbirth[\s_-]?date\b|\bbirthday\b"
    r"|\bborn\b|(?<![\w.])b\.(?=\s*\d))"
    r"[\s:;,=(\-]*(?:(?:is|was|of|the|on|:)\s+){0,2}"
    rf"({_DATE})",
    re.IGNORECASE,
)
"""A date after 'DOB', 'D.O.B.', 'date of birth', 'birth date', 'birthday', 'born' or 'b.'."""

KINDS: dict[str, str] = {
    "nhs-number": "an NHS number",
    "email": "an e-mail address",
    "phone": "a UK phone number",
    "postcode": "a full postcode",
    "date-of-birth": "a date of birth",
    "name": "a person's name (a first name or a title, then a surname)",
}
"""Each kind of hit and how messages describe it."""


@dataclass(frozen=True, order=True)
class Hit:
    """Where in a text something looks like personal data, and what it looks like."""

    start: int
    end: int
    kind: str

    @property
    def looks_like(self) -> str:
        return KINDS[self.kind]


def nhs_check_digit_ok(digits: str) -> bool:
    """True when ten digits end with a valid modulus-11 NHS check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_WORTH_SCANNING = re.compile(r"[0-9@\[(]")
"""Every kind of personal data we look for has a digit, an @ or a bracketed (at) in it."""


def _candidates(text: str) -> Iterator[Hit]:
    if not _WORTH_SCANNING.search(text):
        return
    for match in _NHS_NUMBER.finditer(text):
        if nhs_check_digit_ok(match[1] + match[2] + match[3]):
            yield Hit(match.start(), match.end(), "nhs-number")
    for match in _PHONE.finditer(text):
        yield Hit(match.start(), match.end(), "phone")
    lowered = text.lower()
    if "@" in text or "at]" in lowered or "at)" in lowered:
        for match in _EMAIL.finditer(text):
            yield Hit(match.start(), match.end(), "email")
    for match in _POSTCODE.finditer(text) if _HAS_INWARD_CODE.search(text) else ():
        written = match[0]
        if written != written.upper() and _ORDINAL.fullmatch(match[1]):
            continue  # "h1 2nd" is a sentence, not a postcode
        yield Hit(match.start(), match.end(), "postcode")
    if any(word in lowered for word in _BIRTH_WORDS):
        for match in _DATE_OF_BIRTH.finditer(text):
            yield Hit(match.start(1), match.end(1), "date-of-birth")


_BIRTH_WORDS = ("dob", "d.o.b", "birth", "born", "b.")
"""A date of birth follows one of these. The full patterns for dates of birth and e-mail
addresses can start at any letter, so they run only on text that has their words or an @."""


@dataclass(frozen=True)
class Allowed:
    """The texts a person has checked and allowed: exact texts, and the public contact e-mail."""

    texts: tuple[str, ...] = ()
    contact_email: str | None = None
    settings_file: str = SettingsFiles().organisation
    """The file that holds the site-wide list (personal_data.allow), as messages name it."""

    def with_texts(self, more: Iterable[str]) -> "Allowed":
        extra = tuple(text for text in more if text and text not in self.texts)
        return Allowed(self.texts + extra, self.contact_email, self.settings_file) if extra else self

    def spans(self, text: str, without_markup: bool = False) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        for pattern in _allowed_patterns(self.texts, without_markup):
            found.extend(match.span() for match in pattern.finditer(text))
        return found

    def lets_through(self, hit: Hit, text: str, spans: list[tuple[int, int]], without_markup: bool = False) -> bool:
        if hit.kind == "email" and self.contact_email:
            if text[hit.start : hit.end].casefold() == reading(self.contact_email.strip(), without_markup).text.casefold():
                return True
        return any(start <= hit.start and hit.end <= end for start, end in spans)


@lru_cache(maxsize=256)
def _allowed_patterns(texts: tuple[str, ...], without_markup: bool = False) -> tuple[re.Pattern, ...]:
    """Each allowed text as read, as a pattern where any run of spaces or line breaks matches."""
    patterns = []
    for allowed in texts:
        parts = reading(allowed, without_markup).text.split()
        if parts:
            patterns.append(re.compile(r"\s+".join(re.escape(part) for part in parts)))
    return tuple(patterns)


def find_personal_data(text: str, allowed: Allowed = Allowed()) -> list[Hit]:
    """Everything in `text` that looks like personal data and is not allowed, in order.

    The text is read as a reader sees it; hits are given in the offsets of `text` as written.
    Where two kinds overlap (an NHS number inside an e-mail address), the first is kept.
    """
    found = _found(text, allowed, False)
    if not _INSIDE_A_WORD.search(text):
        return found
    merged: list[Hit] = []
    for hit in sorted(found + _found(text, allowed, True)):  # each hit once, where it was found first
        if not merged or hit.start >= merged[-1].end:
            merged.append(hit)
    return merged


def _found(text: str, allowed: Allowed, without_markup: bool) -> list[Hit]:
    read = reading(text, without_markup)
    hits = sorted(_candidates(read.text))
    if not hits:
        return []
    spans = allowed.spans(read.text, without_markup) if allowed.texts else []
    found: list[Hit] = []
    for hit in hits:
        if found and hit.start < found[-1].end:
            continue
        if not allowed.lets_through(hit, read.text, spans, without_markup):
            found.append(hit)
    if read.text is text:
        return found
    return [Hit(read.written(hit.start), read.written(hit.end, end=True), hit.kind) for hit in found]
