"""Reading another organisation's engagements.json: where a message points, and what it never repeats."""

from __future__ import annotations

import json

import pytest

from yswd.site.exports import FORMAT_NAME, FORMAT_VERSION
from yswd.site.open_data import OpenDataError, read_source, split_spec


def _file(**changes: object) -> bytes:
    """A valid format file with no records, changed by `changes`."""
    data = {
        "format": {"name": FORMAT_NAME, "version": FORMAT_VERSION, "schema_url": "s", "documentation": "d", "licence": "l"},
        "publisher": {"name": "Northvale ICB", "ods_code": "QE1", "site_url": "https://example.org/"},
        "licence": "l", "licence_url": "u", "small_number": 5, "population": None, "records": [],
    }
    return json.dumps({**data, **changes}).encode()


def _record(**changes: object) -> dict:
    """A record with every field the format requires, changed by `changes`."""
    record = {
        "id": "scan-times", "url": "/engagements/scan-times/", "title": "Scan times", "type": "survey", "type_label": "Survey",
        "summary": None, "topics": [], "localities": [], "area_wide": True, "led_by": "Northvale ICB", "partners": [],
        "involvement": None, "ways": [], "start": "2025-03-01", "end": None, "phases": [], "financial_year": "2024-25",
        "aims": [], "participants": None, "participants_precision": None, "participants_note": None, "groups": {},
        "group_shares": {}, "methods": [], "method_counts": {}, "you_said": [], "we_did": [], "decisions": [],
        "impact": None, "feedback_given": None, "evaluation": None, "commitments": [], "documents": [],
        "updated": "2025-03", "history": None,
    }
    return {**record, **changes}


def _refusal(raw: bytes) -> str:
    with pytest.raises(OpenDataError) as refused:
        read_source("QE1.json", raw)
    return str(refused.value)


def test_a_valid_file_is_read_with_its_publishers_code() -> None:
    assert read_source("QE1.json", _file()).ods_code == "QE1"


def test_a_key_written_like_a_field_name_is_named_in_the_message() -> None:
    raw = _file(population={"source": "Census", "groups": {"young_people": "many"}})
    assert _refusal(raw) == "QE1.json: population.groups.young_people: should be a number."


def test_a_key_that_may_be_a_name_is_never_repeated() -> None:
    raw = _file(population={"source": "Census", "groups": {"Jane Smith": "many"}})
    assert _refusal(raw) == "QE1.json: population.groups.(a field): should be a number."


def test_a_problem_with_the_whole_file_says_so() -> None:
    raw = json.dumps({"format": json.loads(_file())["format"]}).encode()
    assert _refusal(raw).startswith("QE1.json: (the whole file): is missing ")


def test_a_record_is_read_as_published() -> None:
    assert read_source("QE1.json", _file(records=[_record()])).records == [_record()]


@pytest.mark.parametrize("written", ["Jane Smith", "scan--times", "-scan", "scan-"])
def test_a_record_id_that_is_not_a_slug_is_refused_without_repeating_it(written: str) -> None:
    assert _refusal(_file(records=[_record(id=written)])) == (
        "QE1.json: records[1].id: should be lower-case letters, digits and hyphens: it becomes part of a web address."
    )


def test_a_problem_in_a_record_names_the_record_by_its_id() -> None:
    raw = _file(records=[_record(), _record(id="late-clinic", participants="many")])
    assert _refusal(raw) == "QE1.json: records[late-clinic].participants: should be a whole number or empty (null)."


@pytest.mark.parametrize(
    ("spec", "split"),
    [
        ("qe1=exports/a.json", ("QE1", "exports/a.json")),
        ("RX1=b", ("RX1", "b")),
        ("exports/c.json", (None, "exports/c.json")),
        ("QE1234567=d", (None, "QE1234567=d")),
        ("\u00df12=e", (None, "\u00df12=e")),  # ß upper-cases to SS: still not a code
        ("QE1=", (None, "QE1=")),
    ],
)
def test_a_source_is_named_with_an_ods_code_only_when_it_is_one(spec: str, split: tuple) -> None:
    assert split_spec(spec) == split
