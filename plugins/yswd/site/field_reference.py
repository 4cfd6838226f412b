"""The staff guide's field reference, generated from the content models' own descriptions."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from pydantic import BaseModel

from yswd.content.model import Engagement, Organisation, Population, Strategy

REQUIRED_BY_STATUS = {"summary", "reach", "you_said", "we_did"}
"""Optional in a draft, required once a record is in review or published."""


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    fields: list[tuple[str, str, str]]
    """(dotted name, required, description)"""


def field_reference() -> list[Section]:
    return [
        Section("An engagement record", "engagement", _fields(Engagement, "")),
        Section("The strategy (content/strategy.yml)", "strategy", _fields(Strategy, "")),
        Section("The organisation's settings (site_config/organisation.yml)", "organisation", _fields(Organisation, "")),
        Section("The local population (site_config/population.yml, optional)", "population", _fields(Population, "")),
    ]


def _fields(model: type[BaseModel], prefix: str) -> list[tuple[str, str, str]]:
    rows = []
    for name, info in model.model_fields.items():
        dotted = prefix + name
        if info.is_required():
            required = "Yes"
        elif not prefix and model is Engagement and name in REQUIRED_BY_STATUS:
            required = "For review and published"
        else:
            required = "No"
        rows.append((dotted, required, info.description or ""))
        inner = _model_inside(info.annotation)
        if inner is not None:
            rows.extend(_fields(inner, dotted + "[]." if _is_list(info.annotation) else dotted + "."))
    return rows


def _model_inside(annotation: object) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in typing.get_args(candidate):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _is_list(annotation: object) -> bool:
    return typing.get_origin(annotation) is list or any(typing.get_origin(a) is list for a in typing.get_args(annotation))
