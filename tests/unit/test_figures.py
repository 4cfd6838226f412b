"""Figures against a small hand-made set of records, with totals worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

from yswd.dates import FinancialYear
from yswd.analysis.figures import count
from yswd.content.records import EngagementFile, Source
from yswd.content.model import Engagement


def record(id: str, start: str, participants: int, themes: list[str], actions: list[tuple[str, list[str], str, str | None]], told: bool = False, rating: tuple[int, float] | None = None, groups: dict | None = None) -> EngagementFile:
    engagement = Engagement(
        title=id, type="survey", status="published", start=start,
        reach={"participants": participants, "groups": groups or {}},
        you_said=[{"id": t, "theme": t} for t in themes],
        we_did=[
            {"id": a, "responds_to": r, "action": a, "status": s, **({"completed": c} if c else {}), **({"reason": "r"} if s == "not-taken-forward" else {})}
            for a, r, s, c in actions
        ],
        feedback_given={"date": start, "how": "letter"} if told else None,
        evaluation={"responses": rating[0], "rating": rating[1]} if rating else None,
    )
    return EngagementFile(id, engagement, "", 1, Source(f"{id}.md"), PurePosixPath("engagements"))


RECORDS = [
    # 2024-25: starts 31 March 2025, the last day of the year
    record("a", "2025-03-31", 100, ["t1", "t2"], [("x", ["t1"], "done", "2025-04-01"), ("y", ["t2"], "planned", None)], told=True, rating=(10, 4.0), groups={"young": 20}),
    # 2025-26: starts 1 April 2025, the first day of the next year
    record("b", "2025-04-01", 50, ["t1", "t2", "t3"], [("x", ["t1", "t2"], "in-progress", None), ("y", ["t3"], "not-taken-forward", None), ("z", ["t3"], "done", "2026-04-01")], rating=(30, 2.0), groups={"young": 5}),
]


def test_all_time() -> None:
    f = count(RECORDS)
    assert (f.engagements, f.participants, f.themes) == (2, 150, 5)
    assert f.actions == {"planned": 1, "in-progress": 1, "done": 2, "not-taken-forward": 1}
    # a: t1 done -> acted on; t2 planned -> not. b: t1, t2 in progress; t3 done -> all three.
    assert f.themes_acted_on == 4 and f.themes_acted_on_share == 80.0
    assert f.told == 1 and f.told_share == 50.0
    assert f.mean_rating == (10 * 4.0 + 30 * 2.0) / 40  # 2.5, weighted by responses
    assert f.group_share("young") == 100 * 25 / 150
    assert (f.first_day, f.last_day) == (date(2025, 3, 31), date(2025, 4, 1))


def test_a_year_counts_records_by_start_and_done_actions_by_completion() -> None:
    f2024 = count(RECORDS, FinancialYear(2024, 4))
    assert (f2024.engagements, f2024.participants, f2024.themes) == (1, 100, 2)
    # a's done action was completed on 1 April 2025, so it counts in 2025-26, not here
    assert f2024.actions == {"planned": 1, "in-progress": 0, "done": 0, "not-taken-forward": 0}
    f2025 = count(RECORDS, FinancialYear(2025, 4))
    assert (f2025.engagements, f2025.participants, f2025.themes) == (1, 50, 3)
    # done: a.x (completed 1 April 2025); b.z was completed 1 April 2026, in 2026-27
    assert f2025.actions == {"planned": 0, "in-progress": 1, "done": 1, "not-taken-forward": 1}
    assert count(RECORDS, FinancialYear(2026, 4)).actions["done"] == 1


def test_a_calendar_year_start_month() -> None:
    f = count(RECORDS, FinancialYear(2025, 1))
    assert (f.engagements, f.participants) == (2, 150)
    assert f.actions["done"] == 1  # a.x in 2025; b.z in 2026


def test_nothing_to_count() -> None:
    f = count([], FinancialYear(2025, 4))
    assert f.engagements == 0 and f.themes_acted_on_share is None and f.told_share is None and f.mean_rating is None
