"""Pydantic's validation errors as plain-English problems naming the field and its line."""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Callable, Iterable, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from yswd.content import model as models
from yswd.content.model import METHOD_TAGS
from yswd.content.records import Source
from yswd.content.values import PLAIN, is_slug
from yswd.content.yamlread import looks_like_a_name
from yswd.problems import Problem, did_you_mean

ModelT = TypeVar("ModelT", bound=BaseModel)


UNKNOWN_FIELD = "(unknown field)"
"""How a label names a field we don't know: never by what was written, which may be personal data."""


def validate(model: type[ModelT] | object, data: object, source: Source, problems: list[Problem]):
    """The validated model, or None with a plain-English problem for each mistake."""
    adapter = model if isinstance(model, TypeAdapter) else _adapter(model)
    if data is None:
        data = {}
    try:
        return adapter.validate_python(data)
    except ValidationError as error:
        for item in error.errors():
            problems.append(_problem_from_error(item, model, data, source))
        return None


@cache
def _adapter(model: object) -> TypeAdapter:
    """One validator for each model: building one takes longer than validating a record."""
    return TypeAdapter(model)


def _problem_from_error(item: dict, model: object, data: object, source: Source) -> Problem:
    loc = tuple(part for part in item["loc"] if part != "[key]" and part not in METHOD_TAGS)
    kind = item["type"]
    unnamed_key = "[key]" in item["loc"] and not looks_like_a_name(str(loc[-1]))
    label = field_label(loc[:-1] if unnamed_key else loc, data)
    if kind == PLAIN:
        message = item["msg"]
    elif kind == "missing":
        message = "is required but missing."
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        known = _field_names(model, loc[:-1])
        label = ".".join(part for part in (field_label(loc[:-1], data), UNKNOWN_FIELD) if part)
        if looks_like_a_name(name):
            message = f"is not a field we know.{did_you_mean(name, known)}"
        else:
            message = (
                "This line is not a field we know. If it belongs to the story, move it below the "
                "closing --- line; if it is text, indent it under its field or put it in quotes."
            )
        if not did_you_mean(name, known) and known:
            message += f" The fields allowed here are: {', '.join(known)}."
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = "should be a set of fields, each on its own line as name: value, indented under this one."
    elif kind == "list_type":
        message = 'should be a list: one "- item" per line, or [first, second] on one line.'
    else:
        message = "is not written in a way we can read."
    if kind == "missing":
        return Problem(source.path, source.line(*loc[:-1]), label, message)
    return Problem(source.path, source.line(*loc), label, message)


FIELD_NAMES = frozenset(
    name for kind in vars(models).values() if isinstance(kind, type) and issubclass(kind, BaseModel) for name in kind.model_fields
)
"""Every field name of the content format: the only keys a label repeats when they may be a mistake."""


def written_key_label(loc: tuple[str | int, ...], data: object) -> str:
    """The label of a key as written (one given twice, say): by name only when it is a field we know."""
    if loc and isinstance(loc[-1], str) and loc[-1] not in FIELD_NAMES:
        return ".".join(part for part in (field_label(loc[:-1], data), UNKNOWN_FIELD) if part)
    return field_label(loc, data)


def field_label(
    loc: Iterable[str | int], data: object, named: Callable[[str], object] = looks_like_a_name, unnamed: str = UNKNOWN_FIELD
) -> str:
    """A path such as `we_did[saturday-clinic].status`: list items by id, else by number from 1.
    A key is shown when `named` says it is safe to repeat, else as `unnamed`."""
    label = ""
    current = data
    for part in loc:
        if isinstance(part, int):
            item = current[part] if isinstance(current, list) and part < len(current) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            label += f"[{item_id}]" if isinstance(item_id, str) and is_slug(item_id) else f"[{part + 1}]"
            current = item
        else:
            shown = part if named(str(part)) else unnamed
            label += f".{shown}" if label else shown
            current = current.get(part) if isinstance(current, dict) else None
    return label


def _field_names(model: object, loc: tuple[str | int, ...]) -> list[str]:
    """The field names allowed at `loc` inside `model`, for 'did you mean' suggestions."""
    current = model
    for part in loc:
        current = _inner(current, part)
    current = _strip(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _strip(annotation: object) -> object:
    """Remove Optional and Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _inner(annotation: object, part: str | int) -> object:
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    if origin in (list, dict):
        return typing.get_args(annotation)[-1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        found = annotation.model_fields.get(part)
        return found.annotation if found else None
    return None
