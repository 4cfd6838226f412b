"""The open data standard: every object of engagements.json, field by field, from its JSON Schema.

The page made from this is meant for another organisation to publish (or read) the format
without our code, so it is generated from the schema the site publishes and can never say
something the schema does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from yswd.site.exports import schema

ORDER = (
    "ExportFile", "ExportFormat", "ExportPublisher", "ExportVocabulary", "ExportPopulation", "ExportRecord", "ExportAim", "Theme",
    "Action", "Update", "FeedbackGiven", "Evaluation", "ExportDocument", "ExportHistory", "ExportChange",
)
"""The objects in reading order: the file, then what a record holds. Others follow by name."""

NAMES = {"ExportFile": "The file", "ExportRecord": "A record"}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool
    nullable: bool
    meaning: str
    refers_to: str | None
    """The object this field holds (or holds a list of), by its anchor."""


@dataclass(frozen=True)
class Definition:
    anchor: str
    title: str
    description: str
    fields: tuple[Field, ...]


def definitions() -> list[Definition]:
    """Every object of the format, the file first, each with its fields."""
    document = schema()
    objects = {"ExportFile": {k: document[k] for k in ("properties", "required", "description") if k in document}}
    objects.update(document["$defs"])
    names = [n for n in ORDER if n in objects] + sorted(n for n in objects if n not in ORDER)
    return [_definition(name, objects[name]) for name in names]


def _definition(name: str, body: dict) -> Definition:
    required = set(body.get("required", ()))
    fields = []
    for field, prop in body.get("properties", {}).items():
        options = prop.get("anyOf", [prop])
        nullable = any(option.get("type") == "null" for option in options)
        refers = next((_ref(option) for option in options if _ref(option)), None)
        fields.append(Field(field, kind_of(prop), field in required, nullable, prop.get("description", ""), refers))
    return Definition(_anchor(name), NAMES.get(name, _title(name)), body.get("description", ""), tuple(fields))


def _ref(prop: dict) -> str | None:
    """The anchor of the object a field holds, itself, as a list or as a map's values."""
    for candidate in (prop, prop.get("items"), prop.get("additionalProperties")):
        if isinstance(candidate, dict) and "$ref" in candidate:
            return _anchor(candidate["$ref"].rsplit("/", 1)[-1])
    return None


def _anchor(name: str) -> str:
    return "object-" + _title(name).lower().replace(" ", "-")


def _title(name: str) -> str:
    words = name.removeprefix("Export")
    return "".join(" " + c.lower() if c.isupper() and i else c for i, c in enumerate(words)).strip().capitalize()


def data_dictionary() -> list[tuple[str, str, str]]:
    """(field, kind, meaning) for every field of a record in the downloads, from the schema."""
    properties = schema()["$defs"]["ExportRecord"]["properties"]
    return [(name, kind_of(prop), prop.get("description", "")) for name, prop in properties.items()]


_KINDS = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false", "array": "list", "object": "set of fields"}


def kind_of(prop: dict) -> str:
    if prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if any(option.get("format") == "date" for option in prop.get("anyOf", [])):
        return "date (YYYY-MM-DD, or YYYY-MM when only the month is known)"
    if "anyOf" in prop:
        kinds = [kind_of(option) for option in prop["anyOf"] if option.get("type") != "null"]
        return (kinds[0] if kinds else "text") + ", or empty"
    if "$ref" in prop:
        return "set of fields"
    return _KINDS.get(prop.get("type", ""), "text")
