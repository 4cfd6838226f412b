"""The open data's models and JSON Schema: fields that mean what a content model's field means are
that field (type and description), and a published format version's schema never changes."""

from __future__ import annotations

import json
import typing

import jsonschema
from pydantic import BaseModel

from yswd.content.model import DOCUMENT_KINDS, INVOLVEMENT_LEVELS, Aim, Document, Engagement, Organisation, Population
from yswd.site.format_versions import STANDARDS
from yswd.site.exports import (
    FORMAT_VERSION, ExportAim, ExportDocument, ExportPopulation, ExportPublisher, ExportRecord, _schema_text, described, schema,
)

FROZEN = STANDARDS

EXPORTED_DIFFERENTLY = {
    "id": "always given in the export (the file name when the record gives none)",
    "led_by": "filled in with the publishing organisation when the record leaves it out",
    "updated": "always a date in the export (the latest date in the record when it gives none)",
    "aims": "the export adds what each aim reached",
    "documents": "the export gives every document a full address",
}
"""Fields of a record that the export writes otherwise, so that they keep a type and description of their own."""

PAIRS: list[tuple[type[BaseModel], type[BaseModel], set[str]]] = [
    (ExportRecord, Engagement, set(EXPORTED_DIFFERENTLY)),
    (ExportAim, Aim, set()),
    (ExportDocument, Document, {"url"}),
    (ExportPopulation, Population, set()),
    (ExportPublisher, Organisation, set()),
]


def _shared(exported: type[BaseModel], model: type[BaseModel], different: set[str]) -> list[str]:
    assert different <= set(exported.model_fields) & set(model.model_fields)
    return sorted(set(exported.model_fields) & set(model.model_fields) - different)


def test_exported_fields_take_their_description_from_the_content_model() -> None:
    assert {"title", "summary", "localities", "we_did", "evaluation"} <= set(_shared(*PAIRS[0]))
    for exported, model, different in PAIRS:
        for name in _shared(exported, model, different):
            description = exported.model_fields[name].description
            assert description == model.model_fields[name].description or description.startswith(model.model_fields[name].description + " "), name


def test_exported_fields_have_the_content_models_type_with_its_checks() -> None:
    """Written by hand as `str`, a field would lose the model's closed list, or say text where the model says a date."""
    for exported, model, different in PAIRS:
        hints, model_hints = typing.get_type_hints(exported, include_extras=True), typing.get_type_hints(model, include_extras=True)
        for name in _shared(exported, model, different):
            assert hints[name] == model_hints[name], f"{exported.__name__}.{name}"
            assert exported.model_fields[name].is_required(), f"{exported.__name__}.{name} is always written, null when empty"


def test_the_schema_gives_the_models_closed_lists_and_checks() -> None:
    record = schema()["$defs"]["ExportRecord"]["properties"]
    assert record["involvement"]["anyOf"][0]["enum"] == list(INVOLVEMENT_LEVELS)
    assert schema()["$defs"]["ExportDocument"]["properties"]["kind"]["enum"] == list(DOCUMENT_KINDS)
    assert schema()["$defs"]["ExportPublisher"]["properties"]["ods_code"]["anyOf"][0] == {"pattern": "^[A-Z0-9]{3,6}$", "type": "string"}
    validator = jsonschema.Draft202012Validator(schema()["$defs"]["ExportDocument"])
    assert not validator.is_valid({"title": "Plan", "url": "plan.pdf", "kind": "leaflet"})
    assert validator.is_valid({"title": "Plan", "url": "plan.pdf", "kind": "board-paper"})


def test_the_published_schema_of_this_format_version_never_changes() -> None:
    """Readers validate files against the schema published for their version, so it is kept as
    published. A change of format is a new version: a new minor version when it only adds fields."""
    frozen = FROZEN / f"engagements-{FORMAT_VERSION}.schema.json"
    assert frozen.is_file(), f"Format {FORMAT_VERSION} is new: save its schema (site/data/schema/{FORMAT_VERSION}.json of a build) as {frozen}."
    assert _schema_text() == frozen.read_text(encoding="utf-8"), (
        f"The schema of format {FORMAT_VERSION} changed. Give the change a new FORMAT_VERSION, with what it changed, in site/format_versions.py, and save its schema as a new file in {FROZEN}."
    )
    assert json.loads(_schema_text())["title"] == f"yswd engagements, format {FORMAT_VERSION}"


def test_an_exported_field_adds_to_the_models_description() -> None:
    field = described(Engagement, "end", "Null when it is still open.")
    assert field.description == Engagement.model_fields["end"].description + " Null when it is still open."
    assert described(Engagement, "end").description == Engagement.model_fields["end"].description
