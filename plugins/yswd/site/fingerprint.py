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
from types import FunctionType
from typing import Iterator

from markupsafe import Markup
from pydantic import BaseModel

from yswd.content.records import EngagementFile


class Unknown(Exception):
    """A value in a page's context that can't be written out faithfully."""


Models = dict[int, tuple[BaseModel, str]]
"""Each model's JSON by the model's id, with the model (kept alive, so no id is reused)."""


def context_text(context: object, models: Models) -> str | None:
    """The context as text that changes whenever anything the page can show changes; None if unknown.

    `models` is shared by the pages of one build: the strategy and the records' actions are
    written out once, however many pages show them. Models are never changed once loaded.
    """
    try:
        return "\x1f".join(_parts(context, models))
    except Unknown:
        return None


def _parts(value: object, models: Models) -> Iterator[str]:
    if value is None or isinstance(value, (bool, int, float, date, enum.Enum)):
        yield repr(value)
    elif isinstance(value, str):  # Markup (a chart) too: its text is what is shown
        yield ("m" if isinstance(value, Markup) else "s") + str(len(value))
        yield value
    elif isinstance(value, EngagementFile):
        yield f"record {value.id} {value.folder} {value.digest}"
    elif isinstance(value, BaseModel):
        yield _model_json(value, models)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield type(value).__qualname__ + "("
        for item in dataclasses.fields(value):
            yield item.name
            yield from _parts(getattr(value, item.name), models)
        yield ")"
    elif isinstance(value, dict):
        yield "{"
        for key, item in value.items():
            yield from _parts(key, models)
            yield from _parts(item, models)
        yield "}"
    elif isinstance(value, (list, tuple)):
        yield f"[{len(value)}"
        for item in value:
            yield from _parts(item, models)
        yield "]"
    elif isinstance(value, FunctionType) and value.__closure__ is None and "<" not in value.__qualname__:
        yield f"{value.__module__}.{value.__qualname__}"  # a module's function: yswd's code is in every cache key
    else:
        raise Unknown(type(value).__qualname__)


def _model_json(model: BaseModel, models: Models) -> str:
    """A model's JSON, written once a build however often it appears."""
    known = models.get(id(model))
    if known is None:
        known = models[id(model)] = (model, f"{type(model).__qualname__}{model.model_dump_json()}")
    return known[1]
