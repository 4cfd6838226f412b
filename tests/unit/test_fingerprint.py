"""A page drawn from its context is fingerprinted by that context, or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from yswd.analysis.annual_report import change_in_words
from yswd.site.fingerprint import context_text


@dataclass(frozen=True)
class Row:
    label: str
    count: int


def test_the_same_context_gives_the_same_text_and_any_change_another() -> None:
    context = {"rows": (Row("Surveys", 3),), "chart": Markup("<svg></svg>"), "day": date(2025, 4, 1), "words": change_in_words}
    assert context_text(context, {}) == context_text(dict(context), {})
    for changed in ({**context, "rows": (Row("Surveys", 4),)}, {**context, "chart": Markup("<svg/>")}, {**context, "day": date(2025, 4, 2)}):
        assert context_text(changed, {}) != context_text(context, {})


def test_text_and_markup_of_the_same_words_differ() -> None:
    assert context_text({"a": "<b>", "b": ""}, {}) != context_text({"a": "", "b": "<b>"}, {})
    assert context_text(["<b>"], {}) != context_text([Markup("<b>")], {})


def test_a_value_that_cannot_be_written_out_leaves_the_page_without_a_fingerprint() -> None:
    seen = {"x"}
    assert context_text({"values": {1, 2}}, {}) is None
    assert context_text({"rows": lambda: 1}, {}) is None
    assert context_text({"filter": lambda row: row in seen}, {}) is None
    assert context_text({"object": object()}, {}) is None
