"""`yswd schema`: a JSON Schema generated from the model, that the example records' front matter meets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from pydantic import Field, create_model

from yswd.content.files import split_front_matter
from yswd.content.model import ACTION_STATUSES, STATUSES, VERDICTS, Engagement
from yswd.tools.schema import json_schema, json_schema_text
from yswd.content.yamlread import read_yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "content" / "engagements").rglob("*.md")) + sorted(
    (ROOT / "tests" / "fixtures" / "minimal" / "content" / "engagements").rglob("*.md")
)


def front_matter(text: str) -> dict:
    """A record's front matter as JSON data (dates as YYYY-MM-DD), the way an editor sees it."""
    front, _, _ = split_front_matter(text)
    data, _, problems = read_yaml(front, first_line=2)
    assert not problems
    return json.loads(json.dumps(data, default=lambda value: value.isoformat() if isinstance(value, date) else str(value)))


def validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_record_meets_the_schema(path: Path) -> None:
    errors = sorted(validator().iter_errors(front_matter(path.read_text(encoding="utf-8"))), key=str)
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_the_examples_cover_every_status() -> None:
    statuses = {front_matter(path.read_text(encoding="utf-8"))["status"] for path in EXAMPLES}
    assert statuses == set(STATUSES)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(status="publish"), "status"),
        (lambda d: d.update(colour="blue"), ""),
        (lambda d: d.update(start="1 March 2025"), "start"),
        (lambda d: d.update(topics=["Mental Health"]), "topics/0"),
        (lambda d: d["we_did"][0].update(progress=120), "we_did/0/progress"),
        (lambda d: d["we_did"][0].update(due="2026-3"), "we_did/0/due"),
        (lambda d: d["we_did"][0].update(status="finished"), "we_did/0/status"),
        (lambda d: d["reviews"][0].update(reviewer="Jane Smith"), "reviews/0/reviewer"),
        (lambda d: d["reach"].update(participants=-1), "reach/participants"),
        (lambda d: d.pop("title"), ""),
    ],
)
def test_mistakes_break_the_schema(change, where: str) -> None:
    data = front_matter((ROOT / "tests/fixtures/minimal/content/engagements/scan-times.md").read_text(encoding="utf-8"))
    assert not list(validator().iter_errors(data))
    change(data)
    errors = list(validator().iter_errors(data))
    assert errors and where in _paths(errors)


def test_a_due_date_and_an_update_may_be_a_month() -> None:
    data = front_matter((ROOT / "tests/fixtures/minimal/content/engagements/scan-times.md").read_text(encoding="utf-8"))
    data["we_did"][0].update(due="2026-03", updates=[{"date": "2026-02", "text": "Rooms booked."}])
    assert not list(validator().iter_errors(data))


def _paths(errors) -> set[str]:
    """Where each error is, including the errors inside anyOf (an optional field that is wrong)."""
    found = set()
    for error in errors:
        found.add("/".join(map(str, error.absolute_path)))
        found |= _paths(error.context or [])
    return found


def test_the_schema_comes_from_the_model() -> None:
    schema = json_schema()
    assert schema["properties"]["status"]["enum"] == list(STATUSES)
    assert schema["$defs"]["Action"]["properties"]["status"]["enum"] == list(ACTION_STATUSES)
    assert schema["$defs"]["Review"]["properties"]["verdict"]["enum"] == list(VERDICTS)
    assert set(schema["properties"]) == set(Engagement.model_fields)
    assert schema["additionalProperties"] is False
    for name, info in Engagement.model_fields.items():
        assert schema["properties"][name]["description"] == info.description
    assert schema["description"] == Engagement.__doc__
    assert sorted(schema["required"]) == sorted(n for n, f in Engagement.model_fields.items() if f.is_required())


def test_the_schema_changes_when_the_model_does() -> None:
    changed = create_model(
        "Engagement",
        __base__=Engagement,
        consent_recorded=(bool, Field(False, description="Whether consent forms were kept.")),
    )
    schema = json_schema(changed)
    assert schema["properties"]["consent_recorded"] == {
        "default": False, "description": "Whether consent forms were kept.", "title": "Consent Recorded", "type": "boolean",
    }
    assert "consent_recorded" not in json_schema()["properties"]


def test_yswd_schema_prints_and_writes_the_generated_schema(site) -> None:
    printed = site.yswd("schema")
    assert printed.returncode == 0
    assert printed.stdout == json_schema_text()
    written = site.yswd("schema", "--out", "schema/engagement.schema.json")
    assert written.returncode == 0 and "Wrote the JSON Schema" in written.stdout
    assert json.loads(site.read("schema/engagement.schema.json")) == json_schema()
