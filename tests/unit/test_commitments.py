"""Commitment metrics and evidence against hand-made records, with every figure worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import pytest

from yswd.analysis.commitments import Measured, label, track
from yswd.content.records import EngagementFile, Source
from yswd.content.model import Engagement, Strategy
from yswd.guards.easy_read import easy_read_advice


def record(
    id: str,
    start: str,
    participants: int | str,
    groups: dict | None = None,
    commitments: tuple[str, ...] = ("young",),
    status: str = "published",
    told: bool = False,
    updated: str | None = None,
    precision: str | None = None,
) -> EngagementFile:
    engagement = Engagement(
        title=id, type="survey", status=status, start=start,
        reach={"participants": participants, "groups": groups or {}, "participants_precision": precision},
        you_said=[{"id": "t", "theme": "A theme"}],
        we_did=[{"id": "a", "responds_to": ["t"], "action": "An action", "status": "planned"}],
        commitments=list(commitments),
        feedback_given={"date": start, "how": "letter"} if told else None,
        updated=updated,
    )
    return EngagementFile(id, engagement, "", 1, Source(f"{id}.md"), PurePosixPath("engagements"))


def strategy(*commitments: dict, easy_read: list | None = None) -> Strategy:
    return Strategy(
        title="Strategy",
        period={"start": "2024-04-01", "end": "2026-03-31"},
        vision="We listen.",
        commitments=list(commitments),
        easy_read=easy_read or [],
    )


YOUNG = {"id": "young", "text": "Hear from young people", "metric": "group-share", "group": "young-people", "target": 25, "due": "2026-03-31"}
TOLD = {"id": "told", "text": "Tell people", "metric": "feedback-given-share", "target": 75, "due": "2025-03-31"}
COUNT = {"id": "count", "text": "Engage often", "metric": "engagement-count", "target": 3, "due": "2026-03-31"}
PEOPLE = {"id": "people", "text": "Reach people", "metric": "participants", "target": 400, "due": "2026-03-31"}
PPGS = {"id": "ppgs", "text": "Patient groups everywhere", "measure": "Networks with a group", "target": 9, "due": "2026-03-31"}

RECORDS = [
    # In the period: its first day and its last day
    record("first-day", "2024-04-01", 100, {"young-people": 20}, told=True, updated="2024-06-01"),
    record("last-day", "2026-03-31", 200, {"young-people": 40, "carers": 7}, told=True, updated="2026-04-10"),
    # In the period, no group counts, not told
    record("middle", "2025-01-15", 100, commitments=("young", "ppgs")),
    # Outside the period, one day either side: listed as evidence, but not counted in the metric
    record("before", "2024-03-31", 1000, {"young-people": 1000}, told=True),
    record("after", "2026-04-01", 1000, {"young-people": 1000}, told=True),
    # Not published: neither evidence nor counted, in any build
    record("draft", "2025-01-01", 5000, {"young-people": 5000}, status="draft"),
    record("in-review", "2025-01-01", 5000, {"young-people": 5000}, status="review"),
    record("withdrawn", "2025-01-01", 5000, {"young-people": 5000}, status="withdrawn"),
]

TODAY = date(2025, 12, 1)


def by_id(progress):
    return {item.commitment.id: item for item in progress}


def test_group_share_counts_published_records_starting_within_the_period() -> None:
    item = by_id(track(strategy(YOUNG), RECORDS, TODAY))["young"]
    # first-day 20 + last-day 40 young people, out of 100 + 200 + 100 participants
    assert (item.measured.part, item.measured.whole) == (60, 400)
    assert item.measured.value == 15.0
    assert item.measured.records == 3
    assert item.label == "not yet met"  # 15% < 25%, due 31 March 2026 is after today


def test_feedback_given_share_engagement_count_and_participants() -> None:
    progress = by_id(track(strategy(TOLD, COUNT, PEOPLE), RECORDS, TODAY))
    told = progress["told"].measured
    assert (told.part, told.whole) == (2, 3)  # first-day and last-day told people; middle did not
    assert told.value == pytest.approx(200 / 3)
    assert progress["told"].label == "not met"  # 66.7% < 75% and due 31 March 2025 has passed
    assert progress["count"].measured.value == 3 and progress["count"].label == "met"  # 3 reaches 3
    assert progress["people"].measured.value == 400 and progress["people"].label == "met"  # 400 reaches 400


def test_evidence_is_every_published_record_listing_the_commitment_newest_first() -> None:
    progress = by_id(track(strategy(YOUNG, PPGS), RECORDS, TODAY))
    evidence = progress["young"].evidence
    assert [r.id for r in evidence.records] == ["after", "last-day", "middle", "first-day", "before"]
    assert evidence.participants == 1000 + 200 + 100 + 100 + 1000
    # last-day was updated on 10 April 2026 and after told people on 1 April 2026, both after
    # today: plans, not changes. The latest day that has come is middle's start.
    assert evidence.latest == date(2025, 1, 15)
    assert by_id(track(strategy(YOUNG), RECORDS, date(2026, 4, 10)))["young"].evidence.latest == date(2026, 4, 10)
    ppgs = progress["ppgs"].evidence
    assert [r.id for r in ppgs.records] == ["middle"] and ppgs.participants == 100


def test_evidence_dated_only_in_the_future_has_no_latest_update() -> None:
    planned = record("planned", "2026-05-01", 10, updated="2026-06-01")
    assert by_id(track(strategy(YOUNG), [planned], TODAY))["young"].evidence.latest is None


def test_a_commitment_without_a_metric_has_evidence_and_no_label() -> None:
    item = by_id(track(strategy(PPGS), RECORDS, TODAY))["ppgs"]
    assert item.measured is None and item.label is None
    assert len(item.evidence.records) == 1


@pytest.mark.parametrize(
    "value, due, today, expected",
    [
        (25.0, date(2026, 3, 31), date(2025, 12, 1), "met"),  # reaches the target exactly
        (25.0, date(2020, 1, 1), date(2025, 12, 1), "met"),  # met stays met after the due date
        (24.99, date(2026, 3, 31), date(2026, 3, 31), "not yet met"),  # due today: not passed yet
        (24.99, date(2026, 3, 31), date(2026, 4, 1), "not met"),  # the day after it was due
        (None, date(2026, 3, 31), date(2026, 4, 1), "not met"),  # nothing counted, and past due
        (None, None, date(2099, 1, 1), "not yet met"),  # no due date: never "not met"
    ],
)
def test_labels_as_the_contract_defines_them(value, due, today, expected) -> None:
    assert label(value, 25.0, due, today) == expected


@pytest.mark.parametrize(
    "value, bound, due, today, expected",
    [
        (30.0, "upper", date(2026, 3, 31), date(2025, 12, 1), "not known"),  # at most 30%: may be under 25
        (20.0, "upper", date(2026, 3, 31), date(2025, 12, 1), "not yet met"),  # at most 20%: short for certain
        (20.0, "upper", date(2020, 1, 1), date(2025, 12, 1), "not met"),
        (30.0, "lower", date(2020, 1, 1), date(2025, 12, 1), "met"),  # at least 30: reached for certain
        (20.0, "lower", date(2020, 1, 1), date(2025, 12, 1), "not known"),  # at least 20: may be over 25
    ],
)
def test_a_bound_gets_a_result_only_where_it_decides(value, bound, due, today, expected) -> None:
    assert label(value, 25.0, due, today, bound) == expected


def test_shares_of_at_least_people_and_totals_missing_numbers_are_bounds() -> None:
    at_least = [record("a", "2025-01-01", 100, {"young-people": 30}, precision="at-least")]
    missing = [record("b", "2025-01-01", 300), record("c", "2025-02-01", "unknown")]
    young = by_id(track(strategy(YOUNG), at_least, TODAY))["young"]
    assert (young.measured.shown, young.measured.bound, young.label) == ("at most 30%", "upper", "not known")
    people = by_id(track(strategy(PEOPLE), at_least, TODAY))["people"]
    assert (people.measured.bound, people.label) == ("lower", "not known")
    short = by_id(track(strategy(PEOPLE), missing, TODAY))["people"]
    assert (short.measured.value, short.measured.unrecorded, short.label) == (300.0, 1, "not known")
    exact = by_id(track(strategy(PEOPLE), missing[:1], TODAY))["people"]
    assert (exact.measured.bound, exact.label) == (None, "not yet met")
    reached = by_id(track(strategy(PEOPLE), missing + [record("d", "2025-03-01", 200)], TODAY))["people"]
    assert (reached.measured.bound, reached.label) == ("lower", "met")


def test_a_share_with_nothing_to_divide_by_is_not_known() -> None:
    item = by_id(track(strategy(YOUNG), [record("draft", "2025-01-01", 10, status="draft")], TODAY))["young"]
    assert item.measured.value is None and item.measured.shown == "not known yet"
    assert item.label == "not yet met"


def test_shares_are_shown_rounded_down_so_they_never_read_as_reaching_a_target_they_miss() -> None:
    assert Measured(24.99, 2499, 10000, target=25.0).shown == "24.9%"
    assert Measured(24.99, 2499, 10000).shown == "25%"  # no target to misread: rounded as everywhere
    assert Measured(24.96, 2496, 10000, target=20.0).shown == "25%"
    assert Measured(25.0, 1, 4, target=25.0).shown == "25%"
    assert Measured(12345.0).shown == "12,345"


def test_easy_read_advice_on_long_sentences_and_reading_age() -> None:
    fifteen_words = "We want to hear what you think about all the services we plan for you."
    plain = strategy(easy_read=[{"text": fifteen_words}, {"text": "We will tell you what we did."}])
    assert easy_read_advice(plain, Source("content/strategy.yml")) == []
    long_line = "We will always make sure that we tell everyone who takes part exactly what we did with their views."
    hard = (
        "Commissioners evaluate multidisciplinary pathway reconfiguration proposals. "
        "Organisational interdependencies necessitate comprehensive consultation."
    )
    advice = easy_read_advice(
        strategy(easy_read=[{"text": long_line}, {"text": hard}]), Source("content/strategy.yml")
    )
    messages = [str(item) for item in advice]
    assert any("easy_read[1].text: has a sentence of 19 words" in m for m in messages), messages
    assert any("easy_read[2].text: has more than one sentence" in m for m in messages), messages
    assert any("easy_read: has a reading age of" in m and "above 9" in m for m in messages), messages
    assert all(m.startswith("content/strategy.yml:") for m in messages)
