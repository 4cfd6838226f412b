"""A JSON Schema of an engagement record's front matter, generated from `model.Engagement`.

Editors use it to complete field names and underline mistakes as staff type (VS Code's
YAML extension, for example, with a `# yaml-language-server: $schema=...` line). It is
generated each time from the pydantic model, field descriptions included, so it can never
drift from what `yswd check` accepts; nothing hand-kept.

Pydantic describes each value type by what it becomes (text, a whole number, a date). The
checks in `values.py` that make a value valid are added here from the validators
themselves: the pattern of ids and keys, counts of 0 or more, ranges such as 0-100.
Cross-field and cross-record rules (known taxonomy keys, responds_to, approvals) need the
whole site and stay with `yswd check`.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from yswd.content import values
from yswd.content.model import Engagement

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_REVIEWER_PATTERN = values._REVIEWER.pattern


def _constraints(function: Any) -> dict[str, Any]:
    """What a value validator from values.py requires, as JSON Schema keywords."""
    if function in (values._slug, values._key):
        return {"pattern": values.SLUG_PATTERN}
    if function is values._reviewer:
        return {"pattern": _REVIEWER_PATTERN}
    if function is values._email:
        return {"format": "email"}
    if function is values._text:
        return {"minLength": 1}
    if function in (values._count, values._theme_count):
        return {"minimum": 0}
    closure = _closure(function)
    if "low" in closure and "high" in closure:  # values.within(low, high)
        return {"minimum": closure["low"], "maximum": closure["high"]}
    if "options" in closure:  # values.choice(*options)
        return {"enum": list(closure["options"])}
    return {}


def _closure(function: Any) -> dict[str, Any]:
    cells = getattr(function, "__closure__", None) or ()
    names = getattr(getattr(function, "__code__", None), "co_freevars", ())
    found = {}
    for name, cell in zip(names, cells):
        try:
            found[name] = cell.cell_contents
        except ValueError:  # an empty cell
            continue
    return found


class _WithValueChecks(GenerateJsonSchema):
    """Pydantic's generator, plus what each values.py validator checks."""

    def function_before_schema(self, schema):  # noqa: D102 - pydantic hook
        result = super().function_before_schema(schema)
        extra = _constraints(schema.get("function", {}).get("function"))
        if extra and "$ref" not in result:
            for key, value in extra.items():
                result.setdefault(key, value)
        return result


def json_schema(model: type[BaseModel] = Engagement) -> dict[str, Any]:
    """The JSON Schema of `model` (by default, an engagement's front matter)."""
    schema = model.model_json_schema(mode="validation", schema_generator=_WithValueChecks)
    title = "yswd engagement record front matter" if model is Engagement else model.__name__
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in schema.items() if k != "title"}}


def json_schema_text(model: type[BaseModel] = Engagement) -> str:
    """The schema as formatted JSON, ending with a newline."""
    return json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n"
