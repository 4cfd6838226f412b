"""The open data as a standard: engagements.json says its format, version and publisher, validates
against the versioned schema it names, and the standard's page describes every object."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from conftest import SiteFolder


def test_the_file_names_its_format_publisher_and_schema(example_public: Path) -> None:
    data = json.loads((example_public / "data/engagements.json").read_text(encoding="utf-8"))
    site = "https://engage.harrowdale-wenmouth.example.nhs.uk/"
    assert data["format"] == {
        "name": "yswd-engagements",
        "version": "2.0",
        "schema_url": site + "data/schema/2.0.json",
        "documentation": site + "data/standard/",
        "licence": "Open Government Licence v3.0",
    }
    assert data["publisher"] == {"name": "Harrowdale and Wenmouth Integrated Care Board", "ods_code": "QHW", "site_url": site}
    versioned = json.loads((example_public / "data/schema/2.0.json").read_text(encoding="utf-8"))
    assert versioned == json.loads((example_public / "data/schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, versioned)
    older = json.loads((example_public / "data/schema/1.0.json").read_text(encoding="utf-8"))
    assert older["properties"]["publisher"] == {"description": "The organisation that published the data.", "title": "Publisher", "type": "string"}
    assert not jsonschema.Draft202012Validator(older).is_valid(data), "format 2.0 is not format 1.0"


def test_the_standard_page_describes_every_object_of_the_schema(example_public: Path) -> None:
    page = (example_public / "data/standard/index.html").read_text(encoding="utf-8")
    schema = json.loads((example_public / "data/schema.json").read_text(encoding="utf-8"))
    for definition in schema["$defs"].values():
        for name in definition["properties"]:
            assert f"<code>{name}</code>" in page, name
    for name in schema["properties"]:
        assert f"<code>{name}</code>" in page, name
    assert 'href="#object-record"' in page and 'id="object-record"' in page
    assert 'href="../schema/2.0.json"' in page and 'href="../schema/1.0.json"' in page
    assert 'href="standard/"' in (example_public / "data/index.html").read_text(encoding="utf-8")


def test_a_site_without_ods_code_or_address_says_so_with_nulls(site: SiteFolder) -> None:
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    data = json.loads((site.root / "site/data/engagements.json").read_text(encoding="utf-8"))
    assert data["publisher"] == {"name": "Testshire Integrated Care Board", "ods_code": None, "site_url": None}
    assert data["format"]["schema_url"] == "data/schema/2.0.json"
    jsonschema.validate(data, json.loads((site.root / "site/data/schema/2.0.json").read_text(encoding="utf-8")))
