"""Dates known only to the month ("by March 2021") sort by their first day, and a month has passed
only after its last day, wherever a due date, an "as at" or the order of updates and decisions is judged."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import pytest

from yswd.analysis.commitments import label
from yswd.content.model import Commitment, Engagement, status_as_at
from yswd.content.records import EngagementFile, Source
from yswd.content.rules import dates_in_order, reversals_follow_a_decision
from yswd.dates import MonthDate
from yswd.guards.freshness import stale_statuses


def survey(*updates: tuple[str, str], start: str = "2025-03-10", due: str | None = "2026-03") -> EngagementFile:
    action = {"id": "a", "responds_to": ["t"], "action": "An action", "status": "in-progress", "due": due,
              "updates": [{"date": day, "text": text} for day, text in updates]}
    engagement = Engagement(
        title="Survey", type="survey", status="published", start=start, reach={"participants": 10},
        you_said=[{"id": "t", "theme": "A theme"}], we_did=[action],
    )
    return EngagementFile("survey", engagement, "", 1, Source("survey.md"), PurePosixPath("engagements"))


def test_a_due_date_and_an_update_may_be_a_month_and_stay_one() -> None:
    action = survey(("2025-06", "Started")).engagement.we_did[0]
    assert (action.due, action.updates[0].date) == (MonthDate(2026, 3, 1), MonthDate(2025, 6, 1))
    assert action.model_dump(mode="json")["due"] == "2026-03"
    assert action.model_dump(mode="json")["updates"][0]["date"] == "2025-06"
    assert Commitment(id="c", text="Promise", due="2021-03").due == MonthDate(2021, 3, 1)


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 3, 1), "not yet met"),
        (date(2026, 3, 31), "not yet met"),  # "by March 2026" has not passed on its last day
        (date(2026, 4, 1), "not met"),
    ],
)
def test_a_commitment_due_in_a_month_is_missed_only_after_the_months_last_day(today: date, expected: str) -> None:
    assert label(10.0, 25.0, MonthDate(2026, 3, 1), today) == expected


def test_status_as_at_a_month_update_is_the_month_and_stale_only_after_its_last_day_is_six_months_old() -> None:
    record = survey(("2025-04-02", "Planned"), ("2025-05", "Started"))
    assert status_as_at(record.engagement, record.engagement.we_did[0]) == MonthDate(2025, 5, 1)
    assert stale_statuses([record], date(2025, 11, 30)) == []  # 31 May is within six months of 30 November
    [advice] = stale_statuses([record], date(2025, 12, 1))
    assert "it says in-progress as at May 2025, more than 6 months ago." in advice.message


def test_updates_in_order_by_first_day_and_a_month_update_may_be_in_the_starts_month() -> None:
    assert list(dates_in_order(survey(("2025-03", "Began"), ("2025-03-20", "Went on")), None)) == []
    [problem] = dates_in_order(survey(("2025-03-20", "Began"), ("2025-03", "Went on")), None)
    assert problem.field == "we_did[a].updates[2].date"
    assert problem.message == "is earlier than the update above it (a month counts from its first day). List updates oldest first."
    [problem] = dates_in_order(survey(("2025-02", "Before")), None)
    assert (problem.field, problem.message) == ("we_did[a].updates[1].date", "is before the engagement's start date.")


def decided(*decisions: tuple[str, str]) -> EngagementFile:
    engagement = Engagement(
        title="Consultation", type="survey", status="published", start="2025-01-06", reach={"participants": 10},
        you_said=[{"id": "t", "theme": "A theme"}], we_did=[{"id": "a", "responds_to": ["t"], "action": "An action", "status": "planned"}],
        decisions=[{"date": day, "by": "The board", "decision": "Something", "outcome": outcome} for day, outcome in decisions],
    )
    return EngagementFile("consultation", engagement, "", 1, Source("consultation.md"), PurePosixPath("engagements"))


@pytest.mark.parametrize(
    "decisions, refused",
    [
        ([("2025-03-01", "agreed"), ("2025-05-01", "reversed")], []),
        ([("2025-03-01", "agreed"), ("2025-03-01", "reversed")], []),  # the same day, listed after it
        ([("2025-03-01", "reversed"), ("2025-03-01", "agreed")], ["decisions[1].outcome"]),
        ([("2025-05-01", "reversed"), ("2025-03", "deferred")], []),  # listed first, but decided after the one it reverses
        ([("2025-03", "reversed"), ("2025-03-10", "agreed")], ["decisions[1].outcome"]),  # a month comes first in its month
        ([("2025-03", "reversed")], ["decisions[1].outcome"]),
    ],
)
def test_a_reversal_needs_an_earlier_decision_to_reverse(decisions, refused) -> None:
    assert [p.field for p in reversals_follow_a_decision(decided(*decisions), None)] == refused
