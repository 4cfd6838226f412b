"""A page drawn from its context is fingerprinted by that context, or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from yswd.analysis.annual_report import change_in_words
from yswd.site.fingerprint import ModelJson, context_text


@dataclass(frozen=True)
class Row:
    label: str
    count: int


def test_the_same_context_gives_the_same_text_and_any_change_another() -> None:
    context = {"rows": (Row("Surveys", 3),), "chart": Markup("<svg></svg>"), "day": date(2025, 4, 1), "words": change_in_words}
    assert context_text(context, ModelJson()) == context_text(dict(context), ModelJson())
    for changed in ({**context, "rows": (Row("Surveys", 4),)}, {**context, "chart": Markup("<svg/>")}, {**context, "day": date(2025, 4, 2)}):
        assert context_text(changed, ModelJson()) != context_text(context, ModelJson())


def test_text_and_markup_of_the_same_words_differ() -> None:
    assert context_text({"a": "<b>", "b": ""}, ModelJson()) != context_text({"a": "", "b": "<b>"}, ModelJson())
    assert context_text(["<b>"], ModelJson()) != context_text([Markup("<b>")], ModelJson())


def test_a_value_that_cannot_be_written_out_leaves_the_page_without_a_fingerprint() -> None:
    seen = {"x"}
    assert context_text({"values": {1, 2}}, ModelJson()) is None
    assert context_text({"rows": lambda: 1}, ModelJson()) is None
    assert context_text({"filter": lambda row: row in seen}, ModelJson()) is None
    assert context_text({"object": object()}, ModelJson()) is None
