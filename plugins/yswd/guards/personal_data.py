"""The personal-data guard: no NHS number, e-mail, phone, postcode or date of birth in content.

Drafts go to lay reviewers and every version goes into git history, which is permanent,
so every record of every status is scanned, and so is `content/strategy.yml`: each text
value in the front matter (nested ones too), the front matter as written (so comments,
duplicate keys and unknown fields are covered) and the Markdown story.

A hit becomes a `Problem` naming the file, line and field and saying what the text looks
like. It never repeats the text: problems end up in build logs and CI annotations.

Exceptions are exact texts a person has checked: `personal_data.allow` in
organisation.yml (site-wide) and a record's own `allow_personal_data`. The organisation's
`contact_email` is always allowed. A hit is let through when an allowed text covers it
(whitespace may differ, so a text that wraps onto a new line in the story still matches).

A record whose fields have mistakes, or whose YAML can't be read at all, is still scanned:
from its values as written, or failing that from its lines, so fixing one error never
reveals a personal-data problem that was there all along.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from yswd.content.files import parse_yaml, read_text, split_front_matter
from yswd.content.messages import field_label
from yswd.content.records import Content, Layout, Source
from yswd.problems import Problem

# --- what each kind of personal data looks like ------------------------------------------

_SPACE = "[ \\t\\u00a0]"
_WRAP = "[ \\t\\u00a0\\n-]"
"""One separator inside a number: a space, a hyphen, or a line break where the story wraps."""

_NHS_NUMBER = re.compile(
    rf"(?<!\d)(?<!\d[.,])(\d{{3}})({_WRAP}?)(\d{{3}})({_WRAP}?)(\d{{4}})(?!\d)(?![.,]\d)"
)

_PHONE = re.compile(
    r"(?<![\w.,/+(-])"
    rf"(?:(?:\+|00)44{_SPACE}?(?:\(0\){_SPACE}?)?|\(?0)"
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
+44, so years, dates, counts and money never match.
"""

_EMAIL = re.compile(r"(?<![\w.+'-])[\w][\w.+'-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)"
    r"[ \t\u00a0\n]?"
    r"(\d[ABD-HJLNP-UW-Z]{2})"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
"""A full postcode: outward code and inward code (SW1A 1AA, M1 1AE). 'SW1A' alone is not one."""

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
    r"(?:(?<![\w.])d\.?o\.?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bborn\s+on\b)"
    r"[\s:;,=(\-\u2013\u2014]*(?:(?:is|was|of|the|:)\s+){0,2}"
    rf"({_DATE})",
    re.IGNORECASE,
)
"""A date after 'DOB', 'D.O.B.', 'date of birth', 'birth date' or 'born on'."""

KINDS: dict[str, str] = {
    "nhs-number": "an NHS number",
    "email": "an e-mail address",
    "phone": "a UK phone number",
    "postcode": "a full postcode",
    "date-of-birth": "a date of birth",
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


def _separators_agree(first: str, second: str) -> bool:
    """3-3-4 written all together, or with the same kind of gap twice."""
    if not first and not second:
        return True
    if first == "-" or second == "-":
        return first == second
    return bool(first) and bool(second)


_WORTH_SCANNING = re.compile(r"[0-9@]")
"""Every kind of personal data we look for has a digit or an @ in it: most text has neither."""


def _candidates(text: str) -> Iterator[Hit]:
    if not _WORTH_SCANNING.search(text):
        return
    for match in _NHS_NUMBER.finditer(text):
        if _separators_agree(match[2], match[4]) and nhs_check_digit_ok(match[1] + match[3] + match[5]):
            yield Hit(match.start(), match.end(), "nhs-number")
    for match in _PHONE.finditer(text):
        yield Hit(match.start(), match.end(), "phone")
    for match in _EMAIL.finditer(text):
        yield Hit(match.start(), match.end(), "email")
    for match in _POSTCODE.finditer(text):
        written = match[0]
        if written != written.upper() and _ORDINAL.fullmatch(match[1]):
            continue  # "h1 2nd" is a sentence, not a postcode
        yield Hit(match.start(), match.end(), "postcode")
    for match in _DATE_OF_BIRTH.finditer(text):
        yield Hit(match.start(1), match.end(1), "date-of-birth")


@dataclass(frozen=True)
class Allowed:
    """The texts a person has checked and allowed: exact texts, and the public contact e-mail."""

    texts: tuple[str, ...] = ()
    contact_email: str | None = None

    def with_texts(self, more: Iterable[str]) -> "Allowed":
        extra = tuple(text for text in more if text and text not in self.texts)
        return Allowed(self.texts + extra, self.contact_email) if extra else self

    def spans(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        for allowed in self.texts:
            pattern = r"\s+".join(re.escape(part) for part in allowed.split())
            if pattern:
                found.extend(match.span() for match in re.finditer(pattern, text))
        return found

    def lets_through(self, hit: Hit, text: str, spans: list[tuple[int, int]]) -> bool:
        if hit.kind == "email" and self.contact_email and text[hit.start : hit.end].casefold() == self.contact_email.strip().casefold():
            return True
        return any(start <= hit.start and hit.end <= end for start, end in spans)


def find_personal_data(text: str, allowed: Allowed = Allowed()) -> list[Hit]:
    """Everything in `text` that looks like personal data and is not allowed, in order.

    Where two kinds overlap (an NHS number inside an e-mail address), the first is kept.
    """
    hits = sorted(_candidates(text))
    if not hits:
        return []
    spans = allowed.spans(text) if allowed.texts else []
    found: list[Hit] = []
    for hit in hits:
        if found and hit.start < found[-1].end:
            continue
        if not allowed.lets_through(hit, text, spans):
            found.append(hit)
    return found


# --- where to look -------------------------------------------------------------------------

STORY = "body"
"""The field label of a record's Markdown story, below the front matter."""


def check_personal_data(content: Content, layout: Layout, cache: dict | None = None) -> list[Problem]:
    """A problem for every piece of personal data in any record (any status) or the strategy.

    `cache` (kept between `mkdocs serve` rebuilds) holds each record's findings with the
    hash of its bytes and the allow-list they were made with, so unchanged records are not
    scanned again.
    """
    site_allowed = _site_allowed(content, layout)
    loaded = {record.source.path: record for record in content.engagements}
    problems: set[Problem] = set()
    for path in layout.engagement_paths():
        shown = layout.shown(path)
        if cache is None:
            problems.update(_scan_record(path, shown, loaded.get(shown), site_allowed))
            continue
        key = (hashlib.sha256(path.read_bytes()).hexdigest(), site_allowed)
        cached = cache.get(shown)
        if cached is None or cached[0] != key:
            cached = (key, list(_scan_record(path, shown, loaded.get(shown), site_allowed)))
            cache[shown] = cached
        problems.update(cached[1])
    if layout.strategy_path.is_file():
        problems.update(_scan_strategy(content, layout, site_allowed))
    return sorted(problems)


def _message(hit: Hit, allow_hint: str) -> str:
    return (
        f"looks like {hit.looks_like}. Remove it: personal data must never be in a record, even a "
        "draft, because drafts go to reviewers and git keeps every version. If it is safe to "
        f"publish, such as a public venue or switchboard, {allow_hint} If it was already committed, "
        "ask whoever looks after the repository to remove it from the history too."
    )


RECORD_HINT = (
    "copy the exact text into this record's allow_personal_data (or personal_data.allow in "
    "site_config/organisation.yml) with a reason."
)
SITE_HINT = "copy the exact text into personal_data.allow in site_config/organisation.yml with a reason."


def _scan_record(path: Path, shown: str, record, site_allowed: Allowed) -> Iterator[Problem]:
    text = read_text(path, shown, [])
    if text is None:
        return
    split = split_front_matter(text)
    if isinstance(split, str):  # no front matter we can find: scan the file as written
        yield from _scan_text(text, 1, shown, "", site_allowed, RECORD_HINT)
        return
    front, body, body_line = split
    if record is not None:
        data = record.engagement.model_dump()
        source = record.source
    else:
        parsed = parse_yaml(front, shown, [], first_line=2)
        if parsed is None:  # the YAML can't be read: scan its lines, honouring its allow-list as written
            allowed = site_allowed.with_texts(_allow_texts_in_lines(front))
            yield from _scan_text(front, 2, shown, "", allowed, RECORD_HINT)
            yield from _scan_text(body, body_line, shown, STORY, allowed, RECORD_HINT)
            return
        data, source = parsed
    allowed = site_allowed.with_texts(_allow_texts(data, "allow_personal_data"))
    yield from _scan_yaml(data, source, front, 2, allowed, RECORD_HINT)
    yield from _scan_text(body, body_line, shown, STORY, allowed, RECORD_HINT)


def _scan_strategy(content: Content, layout: Layout, site_allowed: Allowed) -> Iterator[Problem]:
    path = layout.strategy_path
    shown = layout.shown(path)
    text = read_text(path, shown, [])
    if text is None:
        return
    if content.strategy is not None and content.strategy_source is not None:
        data, source = content.strategy.model_dump(), content.strategy_source
    else:
        parsed = parse_yaml(text, shown, [])
        if parsed is None:
            yield from _scan_text(text, 1, shown, "", site_allowed, SITE_HINT)
            return
        data, source = parsed
    yield from _scan_yaml(data, source, text, 1, site_allowed, SITE_HINT)


def _scan_yaml(data: object, source: Source, written: str, first_line: int, allowed: Allowed, hint: str) -> Iterator[Problem]:
    """Every text value in YAML data, then the YAML as written, whose first line is `first_line`.

    The values give the field of each hit. The text as written catches what the values
    can't show: comments, the second of two duplicate keys, fields that failed their checks.
    Each hit is reported once: a hit the values found on a line is not repeated.
    """
    lines = written.split("\n")
    found: set[tuple[int, str]] = set()
    for kind, problem in _scan_values(data, source, lines, first_line, allowed, hint):
        found.add((problem.line, kind))
        yield problem
    as_written = None
    for hit in find_personal_data(written, allowed):
        line = first_line + written.count("\n", 0, hit.start)
        if (line, hit.kind) not in found:
            found.add((line, hit.kind))
            if as_written is None:  # fields that failed their checks are only in the YAML as written
                parsed = parse_yaml(written, source.path, [], first_line=first_line)
                as_written = parsed[0] if parsed else data
            yield Problem(source.path, line, _label_at(line, lines, first_line, source, as_written), _message(hit, hint))


def _scan_values(data: object, source: Source, lines: list[str], first_line: int, allowed: Allowed, hint: str) -> Iterator[tuple[str, Problem]]:
    """(kind, problem) for every text value in YAML data; `lines` is the YAML as written."""
    starts = sorted(set(source.marks.lines.values()))
    last_line = first_line + len(lines) - 1
    for path, value in _texts(data, ()):
        for hit in find_personal_data(value, allowed):
            line = source.line(*path)
            line = _line_of(value[hit.start : hit.end], line, _next_start(starts, line, last_line), lines, first_line)
            yield hit.kind, Problem(source.path, line, field_label(path, data), _message(hit, hint))


def _label_at(line: int, lines: list[str], first_line: int, source: Source, data: object) -> str:
    """The field written on (or running onto) `line`; "" for a comment line."""
    index = line - first_line
    if 0 <= index < len(lines) and lines[index].lstrip().startswith("#"):
        return ""
    best: tuple[int, int, tuple] | None = None
    for path, at in source.marks.lines.items():
        if path and at <= line and (best is None or (at, len(path)) > best[:2]):
            best = (at, len(path), path)
    return field_label(best[2], data) if best else ""


def _scan_text(text: str, first_line: int, shown: str, label: str, allowed: Allowed, hint: str) -> Iterator[Problem]:
    """Free text (the story, or a file we can't read as fields), each hit on its own line."""
    for hit in find_personal_data(text, allowed):
        yield Problem(shown, first_line + text.count("\n", 0, hit.start), label, _message(hit, hint))


def _texts(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    """(path, text) for every text or number in YAML data; dates and true/false can't hold any."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, int) and -10**8 < value < 10**8 and getattr(value, "source", None) is None:
            return  # a count: too short to be a phone or NHS number
        source = getattr(value, "source", None)
        if source is None:
            try:
                source = str(value)
            except ValueError:  # a whole number too long to write out: not a person's details
                return
        yield path, source
    elif isinstance(value, date) or value is None:
        return


def _next_start(starts: list[int], line: int, last_line: int) -> int:
    """The line where the next field starts after `line` (so a value's own lines are before it)."""
    index = bisect.bisect_right(starts, line)
    return starts[index] if index < len(starts) else last_line + 1


def _line_of(matched: str, line: int, stop: int, lines: list[str], first_line: int) -> int:
    """The line of a value (from `line` up to `stop`) where the matched text begins."""
    words = matched.split()
    if not words:
        return line
    for number in range(line, max(stop, line + 1)):
        index = number - first_line
        if 0 <= index < len(lines) and words[0] in lines[index]:
            return number
    return line


def _allow_texts(data: object, key: str) -> list[str]:
    """The `text` of each allowance under `key`, read leniently (the record may have mistakes)."""
    items = data.get(key) if isinstance(data, dict) else None
    texts = []
    for item in items if isinstance(items, list) else []:
        text = item.get("text") if isinstance(item, dict) else None
        if text is not None and not isinstance(text, (dict, list, bool)):
            texts.append(str(getattr(text, "source", text)).strip())
    return texts


_ALLOWANCE_TEXT = re.compile(r"^\s*(?:-\s+)?text:\s*(.+?)\s*$")


def _allow_texts_in_lines(front: str) -> list[str]:
    """The `text` of each allowance under allow_personal_data, read line by line from front
    matter whose YAML can't be read, so the allow-list itself is not reported as personal data."""
    texts: list[str] = []
    inside = False
    for line in front.split("\n"):
        if line and not line[0].isspace() and not line.startswith("-"):
            inside = line.startswith("allow_personal_data:")
            continue
        match = _ALLOWANCE_TEXT.match(line) if inside else None
        if match:
            value = match.group(1)
            texts.append(value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value)
    return texts


def _site_allowed(content: Content, layout: Layout) -> Allowed:
    organisation = content.organisation
    if organisation is not None:
        return Allowed(
            tuple(allowance.text for allowance in organisation.personal_data.allow),
            organisation.contact_email,
        )
    # The settings have mistakes: still honour what they allow, read leniently.
    path = layout.organisation_path
    if not path.is_file():
        return Allowed()
    text = read_text(path, layout.shown(path), [])
    parsed = parse_yaml(text, layout.shown(path), []) if text else None
    data = parsed[0] if parsed else None
    if not isinstance(data, dict):
        return Allowed()
    email = data.get("contact_email")
    return Allowed(
        tuple(_allow_texts(data.get("personal_data"), "allow")),
        email.strip() if isinstance(email, str) else None,
    )
