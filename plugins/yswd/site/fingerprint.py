"""What a page made from its context alone shows, as text to hash: so an unchanged page is not drawn again.

The annual reports, the strategy and its commitments and the ways to take part are drawn from
figures worked out from many records. Their context (dataclasses of figures, rows and changes,
the records they list, the strategy) is written out here value by value: a record by its id,
folder and the hash of its file (all it can show), a settings model by its JSON, figures by
their fields. A value of a type not known here makes the page's fingerprint unknown, and the
page is then drawn every time: never reused when it might be stale.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import date
from functools import cache
from types import FunctionType
from typing import Callable

from markupsafe import Markup
from pydantic import BaseModel

from yswd.content.records import EngagementFile


class Unknown(Exception):
    """A value in a page's context that can't be written out faithfully."""


class ModelJson:
    """Each model's JSON, by the model's identity, written once however many pages show it.

    Kept from one build to the next (`next_build`) for the models the last build used: a record
    unchanged between `mkdocs serve` rebuilds keeps its models, so only an edited record's
    actions and themes are written out again. Models are never changed once loaded; each entry
    holds its model, so no other object can take its id while the entry is kept.
    """

    def __init__(self) -> None:
        self._now: dict[int, tuple[BaseModel, str]] = {}
        self._before: dict[int, tuple[BaseModel, str]] = {}

    def next_build(self) -> "ModelJson":
        self._before, self._now = self._now, {}
        return self

    def __call__(self, model: BaseModel) -> str:
        known = self._now.get(id(model)) or self._before.get(id(model))
        if known is None or known[0] is not model:
            known = (model, f"{type(model).__qualname__}{model.model_dump_json()}")
        self._now[id(model)] = known
        return known[1]


def context_text(context: object, models: ModelJson) -> str | None:
    """The context as text that changes whenever anything the page can show changes; None if unknown."""
    parts: list[str] = []
    try:
        _write(context, models, parts.append)
    except Unknown:
        return None
    return "\x1f".join(parts)


def _write(value: object, models: ModelJson, add: Callable[[str], None]) -> None:
    """Each part of `value` to `add`, depth first (a list, not nested generators: an annual
    report is six levels deep, and each part would pass up through every level)."""
    if value is None or isinstance(value, (bool, int, float, date, enum.Enum)):
        add(repr(value))
    elif isinstance(value, str):  # Markup (a chart) too: its text is what is shown
        add(("m" if isinstance(value, Markup) else "s") + str(len(value)))
        add(value)
    elif isinstance(value, EngagementFile):
        add(f"record {value.id} {value.folder} {value.digest}")
    elif isinstance(value, BaseModel):
        add(models(value))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        add(type(value).__qualname__ + "(")
        for name in _field_names(type(value)):
            add(name)
            _write(getattr(value, name), models, add)
        add(")")
    elif isinstance(value, dict):
        add("{")
        for key, item in value.items():
            _write(key, models, add)
            _write(item, models, add)
        add("}")
    elif isinstance(value, (list, tuple)):
        add(f"[{len(value)}")
        for item in value:
            _write(item, models, add)
        add("]")
    elif isinstance(value, FunctionType) and value.__closure__ is None and "<" not in value.__qualname__:
        add(f"{value.__module__}.{value.__qualname__}")  # a module's function: yswd's code is in every cache key
    else:
        raise Unknown(type(value).__qualname__)


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(kind))
