"""One rule for how exact a total of rough and exact numbers is, and the words it is shown with
("about 2,000" + "at least 300" + 571 is "about 2,871 or more"); and one rounding for every percentage shown."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import pytest

from yswd.analysis.commitments import Measured, label
from yswd.analysis.figures import combined_precision, count
from yswd.analysis.reach import percent, qualified, reach_in_words, rounded, share_precision
from yswd.content.model import Engagement
from yswd.content.records import EngagementFile, Source
from yswd.site.regional import RegionalRecord, tally
from yswd.site.words import people


def record(id: str, participants: int | str, precision: str | None = None) -> EngagementFile:
    engagement = Engagement(
        title=id, type="survey", status="published", start="2025-05-01",
        reach={"participants": participants, "participants_precision": precision,
               **({"participants_note": "Not counted."} if participants == "unknown" else {})},
        you_said=[{"id": "t", "theme": "A theme"}],
        we_did=[{"id": "a", "responds_to": ["t"], "action": "An action", "status": "planned"}],
    )
    return EngagementFile(id, engagement, "", 1, Source(f"{id}.md"), PurePosixPath("engagements"))


@pytest.mark.parametrize(
    "precisions, expected",
    [
        ([], "exact"),
        (["exact", "exact"], "exact"),
        (["exact", None], "exact"),  # a number not recorded is not in the sum
        (["exact", "about"], "about"),
        (["about", "about"], "about"),
        (["exact", "at-least"], "at-least"),
        (["at-least", "at-least"], "at-least"),
        (["about", "at-least", "exact"], "about-or-more"),
        (["about-or-more", "exact"], "about-or-more"),  # a total of totals keeps both
        (["about-or-more", "about"], "about-or-more"),
    ],
)
def test_combining_precisions(precisions: list[str | None], expected: str) -> None:
    assert combined_precision(precisions) == expected


def test_about_and_at_least_together_total_to_about_so_many_or_more_everywhere() -> None:
    records = [record("a", 2000, "about"), record("b", 300, "at-least"), record("c", 571), record("d", "unknown")]
    figures = count(records)
    assert (figures.participants, figures.participants_precision, figures.participants_unrecorded) == (2871, "about-or-more", 1)
    assert people(figures.participants, figures.participants_precision) == "about 2,871 or more people"
    open_data = [RegionalRecord("QE1", "Org", "", {"id": r.id, "participants": r.engagement.participants,
                 "participants_precision": r.engagement.participants_precision}) for r in records]
    assert (tally(open_data).participants, tally(open_data).participants_precision) == (2871, "about-or-more")


@pytest.mark.parametrize(
    "precision, total, share",
    [
        ("exact", "2,871", "10%"),
        ("about", "about 2,871", "about 10%"),
        ("at-least", "at least 2,871", "at most 10%"),
        ("about-or-more", "about 2,871 or more", "about 10% or less"),
    ],
)
def test_each_precision_in_words(precision: str, total: str, share: str) -> None:
    assert qualified("2,871", precision) == total
    assert percent(10.0, share_precision(precision)) == share


def test_a_rough_lower_bound_decides_a_target_only_when_it_reaches_it() -> None:
    total = Measured(2871.0, records=3, precision="about-or-more")
    assert (total.shown, total.bound) == ("about 2,871 or more", "lower")
    assert label(total.value, 2000, None, date(2025, 12, 1), total.bound) == "met"
    assert label(total.value, 3000, None, date(2025, 12, 1), total.bound) == "not known"
    group = Measured(10.0, 287, 2871, 3, precision="about-or-more")
    assert (group.shown, group.bound) == ("about 10% or less", "upper")


def test_a_share_of_about_so_many_or_more_is_about_its_gap_or_less() -> None:
    above = reach_in_words("Carers", 300, 2, 20.0, 15.0, 5, "about-or-less")
    assert above == "Carers were about 20% or less of those who took part, against 15% of local people: at most about 5 percentage points above their share."
    below = reach_in_words("Carers", 300, 2, 10.0, 15.0, 5, "about-or-less")
    assert below.endswith("at least about 5 percentage points below their share.")


@pytest.mark.parametrize(
    "value, places, precision, short_of, expected",
    [
        (12.25, 1, "exact", None, 12.3),  # halves up, never to even
        (12.5, 0, "exact", None, 13.0),
        (0.125, 2, "exact", None, 0.13),
        (13.333, 1, "about", None, 13.3),
        (13.333, 1, "at-most", None, 13.4),  # at most 13.333 is at most 13.4, never 13.3
        (13.333, 0, "about-or-less", None, 14.0),
        (24.96, 1, "exact", 25.0, 24.9),  # short of a 25% target: never reads as reaching it
        (24.96, 1, "exact", 20.0, 25.0),
        (24.96, 1, "at-most", 25.0, 25.0),  # the bound's direction first: "at most 24.9%" would be false
    ],
)
def test_one_rounding_for_every_percentage_shown(value: float, places: int, precision: str, short_of: float | None, expected: float) -> None:
    assert rounded(value, places, precision, short_of) == expected
    assert percent(value, precision, places, short_of).endswith(f"{expected:.{places}f}".removesuffix(".0") + "%" + (" or less" if precision == "about-or-less" else ""))
