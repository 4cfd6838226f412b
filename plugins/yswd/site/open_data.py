"""Reading other organisations' published open data (engagements.json) for a regional view.

A file is checked against the JSON Schema of the format version it says it follows (format
1.0 files say none), and refused with a message that names the file and the field, in plain
words. Messages never repeat a value from the file: it is someone else's data, and might hold
something that should not be in a log. Nothing in a record is changed: the regional site
republishes each file byte for byte and shows each record as its publisher wrote it.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from yswd.content.messages import field_label as content_field_label
from yswd.content.values import ODS_PATTERN, is_slug
from yswd.site import routes
from yswd.site.routes import page_url
from yswd.site.format_versions import FORMAT_NAME, NOT_BLANK, known, parse

DATA_FILE = routes.JSON
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
_KINDS = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a set of fields", "null": "empty (null)",
}


_ONE = {"topics": "topic", "localities": "locality", "groups": "group"}


class OpenDataError(Exception):
    """A source that can't be used: the message names it and says what is wrong."""


@dataclass(frozen=True)
class Source:
    """One organisation's published data, checked, as it was published."""

    label: str
    """The source as it was named (a folder or a file), for messages."""
    raw: bytes
    data: dict
    version: str
    ods_code: str

    @property
    def name(self) -> str:
        publisher = self.data["publisher"]
        return publisher if isinstance(publisher, str) else publisher["name"]

    @property
    def site_url(self) -> str | None:
        publisher = self.data["publisher"]
        return None if isinstance(publisher, str) else publisher.get("site_url")

    @property
    def records(self) -> list[dict]:
        return self.data["records"]

    @property
    def standard_url(self) -> str | None:
        """Its own page of the open data standard: the format block's documentation when that is a
        full address, else the standard's page on its site; None when it names no site (format 1.0)."""
        documentation = (self.data.get("format") or {}).get("documentation")
        if isinstance(documentation, str) and re.match(r"^https?://", documentation):
            return documentation
        return self.site_url + page_url(routes.STANDARD) if self.site_url else None

    @property
    def data_url(self) -> str | None:
        """Where it publishes this file, on its own site."""
        return self.site_url + DATA_FILE if self.site_url else None

    @property
    def vocabulary(self) -> dict[str, dict[str, str]]:
        """The publisher's labels of its keys (format 2.1); empty for older files, which give keys only."""
        return self.data.get("vocabulary") or {}


def split_spec(spec: str) -> tuple[str | None, str]:
    """`CODE=PATH` gives a source its ODS code (format 1.0 files have none); else just a path."""
    code, sep, path = spec.partition("=")
    if sep and code.isascii() and re.match(ODS_PATTERN, code.upper()) and path:
        return code.upper(), path
    return None, spec


def data_file(path: Path) -> Path:
    """The engagements.json of a source: the file itself, or in a built site (or its data folder)."""
    if path.is_dir():
        for candidate in (path / DATA_FILE, path / "engagements.json"):
            if candidate.is_file():
                return candidate
        raise OpenDataError(f"{path}: there is no {DATA_FILE} (or engagements.json) in this folder. Name a built site's folder, or its engagements.json.")
    if not path.is_file():
        raise OpenDataError(f"{path}: there is no such file or folder.")
    return path


def read_source(label: str, raw: bytes, ods_code: str | None = None) -> Source:
    """Check one file of published data; raises OpenDataError naming the source and the field."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise OpenDataError(f"{label}: is not UTF-8 text, so it is not published open data in this format.") from None
    except json.JSONDecodeError as error:
        raise OpenDataError(f"{label}: is not valid JSON (line {error.lineno}), so it can't be read.") from None
    if not isinstance(data, dict):
        raise OpenDataError(f"{label}: should hold a set of fields (a JSON object) with the records under \"records\".")
    version = _version(label, data)
    errors = list(_validator(version).iter_errors(data))
    if errors:
        error = best_match(errors)
        more = f" ({len(errors) - 1} more problem{'s' if len(errors) != 2 else ''} after this one)" if len(errors) > 1 else ""
        raise OpenDataError(f"{label}: {field_label(error.absolute_path, data)}: {explain(error, version)}{more}")
    published = None if isinstance(data["publisher"], str) else data["publisher"].get("ods_code")
    if published and ods_code and published.upper() != ods_code:
        raise OpenDataError(f"{label}: publisher.ods_code is {published}, but it was named as {ods_code}. Use the code the file gives, or leave the CODE= off.")
    code = (published or ods_code or "").upper()
    if not code:
        raise OpenDataError(
            f"{label}: publisher.ods_code is missing. A regional view tells organisations' records apart by their ODS code: "
            f"add ods_code to that site's site_config/organisation.yml and build it again, or name the code with the source, like RX1={label}."
        )
    source = Source(label, raw, data, version, code)
    _check_records(source)
    if parse(version) >= (2, 1):
        _check_vocabulary(source)
    return source


def _version(label: str, data: dict) -> str:
    found = data.get("format")
    if found is None:
        return "1.0"  # format 1.0 had no format block
    if not isinstance(found, dict) or found.get("name") != FORMAT_NAME or not isinstance(found.get("version"), str):
        raise OpenDataError(f"{label}: format: is not the {FORMAT_NAME} format, so it can't be read as one.")
    version = parse(found["version"])
    if version is None:
        raise OpenDataError(f"{label}: format.version: should be a version number such as 2.1.")
    if known(version) is None:
        raise OpenDataError(f"{label}: format.version: this file follows a format this yswd does not know. Update yswd to read it.")
    return found["version"]


@cache
def _validator(version: str) -> jsonschema.Draft202012Validator:
    """The schema of the newest version we know that `version` includes. A newer minor version
    only adds fields, so fields we don't know are allowed then; everything we know must still be
    as we know it."""
    parts = parse(version)
    assert parts is not None
    nearest = known(parts)
    assert nearest is not None
    document = json.loads(nearest.kept.read_text(encoding="utf-8"))
    if parts > nearest.parts:
        document = _open(copy.deepcopy(document))
    return jsonschema.Draft202012Validator(document)


def _open(node: object) -> object:
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            node["additionalProperties"] = True
        for value in node.values():
            _open(value)
    elif isinstance(node, list):
        for value in node:
            _open(value)
    return node


def field_label(path: Iterable[str | int], data: object) -> str:
    """Where in the file: `records[scan-times].participants`, list items by id, else by number from 1.
    Only keys written like the format's own field names are repeated: the file is someone else's."""
    return content_field_label(path, data, named=_FIELD_NAME.match, unnamed="(a field)") or "(the whole file)"


def explain(error: ValidationError, version: str) -> str:
    """What is wrong, in words, without the value itself."""
    rule, expected = error.validator, error.validator_value
    if rule == "type":
        kinds = [expected] if isinstance(expected, str) else list(expected)
        return f"should be {' or '.join(_KINDS.get(k, k) for k in kinds)}."
    if rule == "required":
        missing = [name for name in expected if isinstance(error.instance, dict) and name not in error.instance]
        return f'is missing {", ".join(chr(34) + m + chr(34) for m in missing)}, which format {version} requires.'
    if rule == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in known) if isinstance(error.instance, dict) else []
        named = [f'"{k}"' for k in extra if _FIELD_NAME.match(k)]
        return f"has {'fields' if len(extra) > 1 else 'a field'} that format {version} does not have{': ' + ', '.join(named) if named else ''}."
    if rule in ("enum", "const"):
        options = expected if rule == "enum" else [expected]
        return f"should be one of: {', '.join(str(o) for o in options)}."
    if rule in ("anyOf", "oneOf"):
        kinds = [_KINDS.get(o.get("type", "")) or ("a set of fields" if "$ref" in o else None) for o in expected]
        if all(kinds):
            return f"should be {' or '.join(dict.fromkeys(kinds))}."
    if rule == "pattern" and expected == NOT_BLANK:
        return "should be words: it is blank."
    if rule == "pattern":
        return f"is not written the way format {version} requires (it must match {expected})."
    if rule in ("minimum", "maximum"):
        return f"should be {'at least' if rule == 'minimum' else 'at most'} {expected}."
    return f"is not written the way format {version} requires ({rule})."


def _check_records(source: Source) -> None:
    """What the schema can't say: ids unique in the file, and a full address for each record's page."""
    seen: set[str] = set()
    for index, record in enumerate(source.records):
        where = f"records[{index + 1}]"
        if not is_slug(record["id"]) or len(record["id"]) > 200:
            raise OpenDataError(f"{source.label}: {where}.id: should be lower-case letters, digits and hyphens: it becomes part of a web address.")
        if record["id"] in seen:
            raise OpenDataError(f"{source.label}: {where}.id: is used by another record in this file. Each record needs its own id.")
        seen.add(record["id"])
        if not re.match(r"^https?://", record["url"]) and not source.site_url:
            raise OpenDataError(
                f"{source.label}: {where}.url: is not a full web address, and the file gives no publisher.site_url, so a regional "
                "view can't link back to the record. Set site_url in that site's mkdocs.yml and build it again."
            )


def _check_vocabulary(source: Source) -> None:
    """Since 2.1 every key a record uses has its label in vocabulary: readers show the publisher's
    words, so a key without them is refused, not shown as made-up words."""
    vocabulary, data = source.data["vocabulary"], source.data

    def refuse(where: str, kind: str, what: str) -> None:
        raise OpenDataError(
            f"{source.label}: {where}: {what} no label in vocabulary.{kind}, which format {source.version} "
            f"requires for every {_ONE[kind]} the file uses. Add its label there."
        )

    for index, record in enumerate(source.records):
        for kind in ("topics", "localities"):
            for position, key in enumerate(record[kind]):
                if key not in vocabulary[kind]:
                    refuse(field_label(("records", index, kind, position), data), kind, "has")
        for counted in ("groups", "group_shares"):
            if any(key not in vocabulary["groups"] for key in record.get(counted) or {}):
                refuse(field_label(("records", index, counted), data), "groups", "has a key with")
    population = data.get("population") or {}
    if any(key not in vocabulary["groups"] for key in population.get("groups") or {}):
        refuse("population.groups", "groups", "has a key with")


def original_url(source: Source, record: dict) -> str:
    """The address of a record's page on its publisher's own site."""
    url = record["url"]
    return url if re.match(r"^https?://", url) else (source.site_url or "") + url.lstrip("/")
