"""The open data as a standard: engagements.json says its format, version and publisher, validates
against the versioned schema it names, and the standard's page describes every object."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from conftest import ROOT, SiteFolder


def test_the_file_names_its_format_publisher_and_schema(example_public: Path) -> None:
    data = json.loads((example_public / "data/engagements.json").read_text(encoding="utf-8"))
    site = "https://engage.harrowdale-wenmouth.example.nhs.uk/"
    assert data["format"] == {
        "name": "yswd-engagements",
        "version": "2.2",
        "schema_url": site + "data/schema/2.2.json",
        "documentation": site + "data/standard/",
        "licence": "Open Government Licence v3.0",
    }
    assert data["publisher"] == {"name": "Harrowdale and Wenmouth Integrated Care Board", "ods_code": "QHW", "site_url": site}
    versioned = json.loads((example_public / "data/schema/2.2.json").read_text(encoding="utf-8"))
    assert versioned == json.loads((example_public / "data/schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, versioned)
    older = json.loads((example_public / "data/schema/1.0.json").read_text(encoding="utf-8"))
    assert older["properties"]["publisher"] == {"description": "The organisation that published the data.", "title": "Publisher", "type": "string"}
    assert not jsonschema.Draft202012Validator(older).is_valid(data), "format 2.2 is not format 1.0"


def test_format_2_1_labels_every_key_and_only_adds_to_2_0(example_public: Path) -> None:
    """The vocabulary is the organisation's own words; take it away and the file is a valid 2.0 file,
    checked against 2.0's schema as it was published."""
    data = json.loads((example_public / "data/engagements.json").read_text(encoding="utf-8"))
    organisation = yaml.safe_load((ROOT / "site_config/organisation.yml").read_text(encoding="utf-8"))
    assert data["vocabulary"] == {kind: organisation.get(kind, {}) for kind in ("topics", "localities", "groups")}
    assert data["vocabulary"]["topics"] and data["vocabulary"]["localities"] and data["vocabulary"]["groups"]
    used = {t for r in data["records"] for t in r["topics"]}
    assert used and used <= set(data["vocabulary"]["topics"])
    frozen = json.loads((example_public / "data/schema/2.0.json").read_text(encoding="utf-8"))
    assert frozen["title"] == "yswd engagements, format 2.0"
    assert "vocabulary" not in frozen["properties"]
    as_2_0 = {k: v for k, v in data.items() if k != "vocabulary"}
    jsonschema.validate({**as_2_0, "format": {**data["format"], "version": "2.0"}}, frozen)
    assert not jsonschema.Draft202012Validator(frozen).is_valid(data), "2.0 has no vocabulary"
    current = json.loads((example_public / "data/schema/2.1.json").read_text(encoding="utf-8"))
    assert set(current["required"]) == set(frozen["required"]) | {"vocabulary"}


def test_format_2_2_only_lets_due_dates_and_updates_be_months(example_public: Path) -> None:
    """A file whose actions' due dates and updates are all days is a valid 2.1 file, checked against
    2.1's schema as it was published; a month there is valid only in 2.2."""
    data = json.loads((example_public / "data/engagements.json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    frozen = jsonschema.Draft202012Validator(json.loads((example_public / "data/schema/2.1.json").read_text(encoding="utf-8")), format_checker=checker)
    current = jsonschema.Draft202012Validator(json.loads((example_public / "data/schema/2.2.json").read_text(encoding="utf-8")), format_checker=checker)
    as_2_1 = {**data, "format": {**data["format"], "version": "2.1"}}
    assert frozen.is_valid(as_2_1) and current.is_valid(data)
    action = next(a for r in data["records"] for a in r["we_did"] if a["updates"])
    action["due"], action["updates"][0]["date"] = "2021-03", "2021-02"
    assert current.is_valid(data) and not frozen.is_valid(as_2_1)


def test_the_standard_page_describes_every_object_of_the_schema(example_public: Path) -> None:
    page = (example_public / "data/standard/index.html").read_text(encoding="utf-8")
    schema = json.loads((example_public / "data/schema.json").read_text(encoding="utf-8"))
    for definition in schema["$defs"].values():
        for name in definition["properties"]:
            assert f"<code>{name}</code>" in page, name
    for name in schema["properties"]:
        assert f"<code>{name}</code>" in page, name
    assert 'href="#object-record"' in page and 'id="object-record"' in page
    for version in ("2.2", "2.1", "2.0", "1.0"):
        assert f'<a href="../schema/{version}.json">data/schema/{version}.json</a>' in page, version
    assert "2.2 (current)" in page and "the dates of its updates may be a month (2021-03)" in page
    assert "Adds vocabulary: each topic, locality and group key" in page
    assert 'href="standard/"' in (example_public / "data/index.html").read_text(encoding="utf-8")


def test_a_site_without_ods_code_or_address_says_so_with_nulls(site: SiteFolder) -> None:
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    data = json.loads((site.root / "site/data/engagements.json").read_text(encoding="utf-8"))
    assert data["publisher"] == {"name": "Testshire Integrated Care Board", "ods_code": None, "site_url": None}
    assert data["format"]["schema_url"] == "data/schema/2.2.json"
    jsonschema.validate(data, json.loads((site.root / "site/data/schema/2.2.json").read_text(encoding="utf-8")))
