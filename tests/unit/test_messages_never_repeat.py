"""No message repeats a value that may be personal data: not as text, JSON or a GitHub annotation.

Each case writes a value where an id or key belongs (an unknown topic, a duplicate theme id,
a misspelt field name...). The problem must name the field and say what is wrong, and its
"did you mean" may only offer a key the site defines. The value, and any piece of it, is
never in what `yswd check` prints, in any format.
"""

from __future__ import annotations

import pytest

from conftest import SiteFolder
from yswd.problems import FORMATS, format_problems

PHONE = "07700900123"
NAME = "jane-smith"
RECORD = "content/engagements/scan-times.md"

# case -> (the value, a change that puts it where an id or key belongs)
CASES = {
    "topic": (NAME, lambda t, v: t.replace("topics: [maternity]", f"topics: [maternity, {v}]")),
    "locality": (PHONE, lambda t, v: t.replace("localities: [southbrook]", f"localities: [{v}]")),
    "type": (NAME, lambda t, v: t.replace("type: survey", f"type: {v}")),
    "commitment": (NAME, lambda t, v: t.replace("commitments: [seldom-heard]", f"commitments: [{v}]")),
    "aim-measure": (NAME, lambda t, v: t.replace("measure: participants", f"measure: {v}")),
    "group-key": (NAME, lambda t, v: t.replace("groups: {young-people: 30, carers: 3}", f"groups: {{young-people: 30, {v}: 3}}")),
    "unknown-field": (NAME, lambda t, v: t.replace("type: survey\n", f"type: survey\n{v}: yes\n")),
    "duplicate-unknown-field": (NAME, lambda t, v: t.replace("type: survey\n", f"type: survey\n{v}: a\n{v}: b\n")),
    "responds-to": (NAME, lambda t, v: t.replace("responds_to: [waits]", f"responds_to: [waits, {v}]")),
    "theme-id-with-a-phone": (f"call-{PHONE}", lambda t, v: t.replace("- id: waits", f"- id: {v}")),
    "action-id-not-a-slug": (f"Call Jane on {PHONE}", lambda t, v: t.replace("- id: saturday-clinic", f"- id: {v}")),
}


def _problems_in_every_format(site: SiteFolder) -> str:
    problems = site.check().problems
    assert problems, "the value in the wrong place was not reported"
    return "\n".join(format_problems(problems, fmt) for fmt in FORMATS)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_value_written_as_an_id_or_key_is_never_repeated(site: SiteFolder, case: str) -> None:
    value, change = CASES[case]
    site.write(RECORD, change(site.read(RECORD), value))
    said = _problems_in_every_format(site)
    for piece in {value, PHONE[-6:], "jane", "smith"} & {value, *value.replace("-", " ").split()}:
        assert piece not in said, f"{piece!r} repeated in:\n{said}"
    assert PHONE[-6:] not in said and "smith" not in said


def test_the_suggestion_is_a_key_the_site_defines(site: SiteFolder) -> None:
    site.write(RECORD, site.read(RECORD).replace("localities: [southbrook]", "localities: [southbrok]"))
    [problem] = site.check().problems
    assert (problem.field, problem.message) == (
        "localities[1]",
        'is not one of the localities in site_config/organisation.yml. Did you mean "southbrook"? '
        "The ones we know are: northvale, southbrook.",
    )


def test_a_duplicate_id_names_the_other_file_not_the_id(site: SiteFolder) -> None:
    site.record("other.md", site.read(RECORD).replace("title: Scan appointment times", f"id: scan-times\ntitle: Call {PHONE}"))
    messages = sorted((p.path, p.line, p.field, p.message) for p in site.check().problems if "also used" in p.message)
    assert messages == [
        ("content/engagements/other.md", 2, "id", f"is also used as an id or alias by {RECORD}. Every id and alias must be different."),
        (RECORD, 1, "id", "is also used as an id or alias by content/engagements/other.md (the id comes from the file name). Every id and alias must be different."),
    ]
