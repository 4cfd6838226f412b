"""Reading another organisation's engagements.json: where a message points, and what it never repeats."""

from __future__ import annotations

import json

import pytest

from yswd.site.format_versions import FORMAT_NAME, FORMAT_VERSION
from yswd.site.open_data import OpenDataError, read_source, split_spec


def _file(**changes: object) -> bytes:
    """A valid format file with no records, changed by `changes`."""
    data = {
        "format": {"name": FORMAT_NAME, "version": FORMAT_VERSION, "schema_url": "s", "documentation": "d", "licence": "l"},
        "publisher": {"name": "Northvale ICB", "ods_code": "QE1", "site_url": "https://example.org/"},
        "licence": "l", "licence_url": "u", "small_number": 5, "population": None, "records": [],
        "vocabulary": {"topics": {}, "localities": {}, "groups": {}},
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


def _version(version: str, **changes: object) -> bytes:
    """A valid file that says it follows `version`, changed by `changes`; None removes a field."""
    data = json.loads(_file(**{k: v for k, v in changes.items() if v is not None}))
    data["format"]["version"] = version
    return json.dumps({k: v for k, v in data.items() if changes.get(k, "") is not None}).encode()


LABELLED = {"topics": {"maternity": "Maternity and neonatal care"}, "localities": {"ashby": "Ashby Cross"}, "groups": {"carers": "Carers"}}


def test_a_2_1_file_gives_every_key_its_label() -> None:
    record = _record(topics=["maternity"], localities=["ashby"], area_wide=False, groups={"carers": 6}, participants=10)
    source = read_source("QE1.json", _version("2.1", vocabulary=LABELLED, records=[record]))
    assert source.vocabulary == LABELLED


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"vocabulary": None}, '(the whole file): is missing "vocabulary", which format 2.1 requires.'),
        ({"vocabulary": {"topics": {}, "localities": {}}}, 'vocabulary: is missing "groups", which format 2.1 requires.'),
        ({"vocabulary": {**LABELLED, "topics": {"maternity": "  "}}}, "vocabulary.topics.maternity: should be words: it is blank."),
        ({"vocabulary": {**LABELLED, "topics": {"maternity": 7}}}, "vocabulary.topics.maternity: should be text."),
        ({"vocabulary": {**LABELLED, "topics": {}}}, "records[scan-times].topics[1]: has no label in vocabulary.topics, which format 2.1 requires for every topic the file uses. Add its label there."),
        ({"vocabulary": {**LABELLED, "localities": {}}}, "records[scan-times].localities[1]: has no label in vocabulary.localities, which format 2.1 requires for every locality the file uses. Add its label there."),
        ({"vocabulary": {**LABELLED, "groups": {}}}, "records[scan-times].groups: has a key with no label in vocabulary.groups, which format 2.1 requires for every group the file uses. Add its label there."),
    ],
)
def test_a_file_that_claims_2_1_without_its_labels_is_refused(changes: dict, message: str) -> None:
    record = _record(topics=["maternity"], localities=["ashby"], area_wide=False, groups={"carers": 6}, participants=10)
    assert _refusal(_version("2.1", records=[record], **changes)) == f"QE1.json: {message}"


def test_the_population_s_groups_need_labels_too_and_newer_minor_versions_keep_the_rule() -> None:
    raw = _version("2.4", vocabulary={**LABELLED, "groups": {}}, population={"source": "Census 2021", "groups": {"carers": 9.5}})
    assert _refusal(raw) == (
        "QE1.json: population.groups: has a key with no label in vocabulary.groups, which format 2.4 requires for every group the file uses. Add its label there."
    )


def test_a_2_0_file_gives_keys_only_and_is_checked_against_2_0_as_published() -> None:
    source = read_source("QE1.json", _version("2.0", vocabulary=None, records=[_record(topics=["maternity"])]))
    assert source.version == "2.0" and source.vocabulary == {}
    assert _refusal(_version("2.0", vocabulary=LABELLED)) == 'QE1.json: (the whole file): has a field that format 2.0 does not have: "vocabulary".'


@pytest.mark.parametrize("version", ["2", "2.one", "v2.1", "2.1.0"])
def test_a_version_not_written_as_a_version_is_refused(version: str) -> None:
    assert _refusal(_version(version)) == "QE1.json: format.version: should be a version number such as 2.1."
