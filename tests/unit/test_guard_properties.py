"""Property tests: personal data written any way a reader would still read it, in any field, is found.

Hypothesis makes an NHS number, phone number, e-mail address, postcode or date of birth,
disguises it (HTML entities and numeric references, Unicode dashes and spaces, full-width
digits, zero-width characters, double or mixed gaps), and puts it in one field of a record,
written plainly or as an escaped YAML string. `yswd check`'s checks must report it in that
record, and never repeat it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, SiteFolder

DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"]
SPACES = [" ", "\u00a0", "\u2002", "\u2009", "\u202f", "\u3000"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def nhs_number(first_nine: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1)))
    check = (11 - total % 11) % 11
    return None if check == 10 else first_nine + str(check)


NHS_NUMBERS = st.text("0123456789", min_size=9, max_size=9).map(nhs_number).filter(bool)
GAPS = st.lists(st.sampled_from([*DASHES, *SPACES, "", "--", " - ", ".", "/"]), min_size=2, max_size=2)


@st.composite
def personal_data(draw) -> tuple[str, str]:
    """(kind, the value as plain text, with gaps a reader skips over)."""
    kind = draw(st.sampled_from(["nhs", "phone", "email", "postcode", "dob"]))
    if kind == "nhs":
        number, (first, second) = draw(NHS_NUMBERS), draw(GAPS)
        return kind, f"{number[:3]}{first}{number[3:6]}{second}{number[6:]}"
    if kind == "phone":
        gap = draw(st.sampled_from([*SPACES, *DASHES, ""]))
        return kind, f"07700{gap}900{draw(st.integers(100, 999))}"
    if kind == "email":
        user = draw(st.sampled_from(["jo.bloggs", "pat_smith99", "sam+clinic"]))
        return kind, f"{user}@{draw(st.sampled_from(['example.com', 'nhs.net', 'mail.example.co.uk']))}"
    if kind == "postcode":
        return kind, draw(st.sampled_from(["SW1A 1AA", "M1 1AE", "LS1 4AP", "B33 8TH"]))
    wording = draw(st.sampled_from(["born ", "b. ", "DOB ", "date of birth: ", "born on "]))
    day = draw(st.dates(date(1930, 1, 1), date(2005, 12, 31)))
    return kind, wording + draw(st.sampled_from([day.strftime("%d/%m/%Y"), f"{day.day} {day:%B %Y}", day.isoformat()]))


def _entity(char: str, style: int) -> str:
    return (f"&#{ord(char)};", f"&#x{ord(char):x};", {"@": "&commat;", ".": "&period;"}.get(char, char))[style]


@st.composite
def disguised(draw) -> str:
    """A value, disguised the ways a browser still shows as the same text."""
    kind, value = draw(personal_data())
    out = []
    for char in value:
        how = draw(st.sampled_from(["plain", "plain", "entity", "wide", "invisible"]))
        if how == "entity" and (char.isdigit() or char in "@."):
            out.append(_entity(char, draw(st.integers(0, 2))))
        elif how == "wide" and (char.isdigit() or char in "@."):
            out.append(chr(ord(char) + 0xFEE0))
        elif how == "invisible" and out and char.isalnum():
            out.append(draw(st.sampled_from(INVISIBLE)) + char)
        else:
            out.append(char)
    return "".join(out)


RECORD = """---
title: {title}
type: survey
status: draft
summary: {summary}
start: 2025-03-01
take_part: {take_part}
reach:
  participants: 10
  methods: [{method}]
you_said:
  - id: waits
    theme: {theme}
    quote: {quote}
we_did:
  - id: clinic
    responds_to: [waits]
    action: {action}
    status: in-progress
    updates:
      - date: 2025-04-01
        text: {update}
impact: {impact}
# {comment}
---
{body}
"""
FIELDS = ["title", "summary", "take_part", "method", "theme", "quote", "action", "update", "impact", "comment", "body"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(disguised(), st.sampled_from(FIELDS), st.sampled_from(["plain", "json", "json-ascii"]))
def test_disguised_personal_data_in_any_field_is_found_and_never_repeated(value: str, field: str, quoting: str) -> None:
    written = value
    if quoting != "plain" and field not in ("comment", "body"):
        written = json.dumps(f"Ask about {value} today", ensure_ascii=quoting == "json-ascii")
    else:
        written = f'"Ask about {value} today"' if field not in ("comment", "body") and "#" in value else f"Ask about {value} today"
    values = {name: "Nothing personal." for name in FIELDS} | {field: written}
    with tempfile.TemporaryDirectory() as folder:
        site = SiteFolder(Path(folder) / "site")
        shutil.copytree(MINIMAL, site.root)
        site.record("probe.md", RECORD.format(**values))
        problems = [p for p in site.check().problems if p.path == "content/engagements/probe.md"]
    assert [p for p in problems if p.message.startswith("looks like ")], (field, value, problems)
    said = "\n".join(f"{p.field} {p.message}" for p in problems)
    assert value not in said
