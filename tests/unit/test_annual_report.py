"""The annual report's figures against a small hand-made set of records, totals worked out by hand.

The records sit on financial-year boundaries: 31 March and 1 April, for years starting in
April, and 30 June and 1 July for an organisation whose year starts in July.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath

from yswd.analysis.annual_report import AnnualReport, annual_reports, change_in_words, changes_made, comparison
from yswd.site.charts import Bar, bar_chart
from yswd.dates import FinancialYear
from yswd.content.records import EngagementFile, Source
from yswd.content.model import Engagement, Organisation

ORG = Organisation(
    name="Testshire ICB",
    engagement_types={"survey": "Survey", "focus-group": "Focus group"},
    topics={"a": "Topic A", "b": "Topic B"},
    localities={"north": "North", "south": "South"},
    groups={"young": "Young people", "carers": "Carers"},
)
TODAY = date(2026, 11, 1)


def record(id: str, start: str, type: str, participants: int, *, topics=(), localities=(), groups=None, aims=(), actions=(), told=False, rating=None) -> EngagementFile:
    themes = sorted({t for _, responds, _, _ in actions for t in responds})
    engagement = Engagement(
        title=f"Engagement {id}", type=type, status="published", start=start,
        topics=list(topics), localities=list(localities),
        reach={"participants": participants, "groups": groups or {}},
        aims=[{"text": f"Aim {m}", "measure": m, "target": t} for m, t in aims],
        you_said=[{"id": t, "theme": f"Theme {t} of {id}"} for t in themes],
        we_did=[
            {"id": a, "responds_to": list(r), "action": f"Action {a} of {id}", "status": s,
             **({"completed": c} if c else {}), **({"reason": "why"} if s == "not-taken-forward" else {})}
            for a, r, s, c in actions
        ],
        feedback_given={"date": start, "how": "letter"} if told else None,
        evaluation={"responses": rating[0], "rating": rating[1]} if rating else None,
    )
    return EngagementFile(id, engagement, "", 1, Source(f"{id}.md"), PurePosixPath("engagements"))


MARCH = record(
    "march", "2025-03-31", "survey", 100, topics=["a"], localities=["north"], groups={"young": 20},
    aims=[("participants", 90), ("young", 30)], told=True, rating=(10, 4.0),
    actions=[("x", ["t1"], "done", "2025-04-01"), ("y", ["t2"], "planned", None)],
)
APRIL = record(
    "april", "2025-04-01", "focus-group", 50, topics=["a", "b"], groups={"young": 5, "carers": 3},
    aims=[("participants", 60), ("carers", 2)], rating=(30, 2.0),
    actions=[("p", ["t1"], "in-progress", None), ("q", ["t2"], "not-taken-forward", None), ("z", ["t3"], "done", "2026-04-01")],
)
MARCH_END = record(
    "march-end", "2026-03-31", "survey", 30, topics=["b"], localities=["north", "south"],
    aims=[("participants", 30), ("young", 5)], told=True,
    actions=[("d", ["t1"], "done", "2026-03-31")],
)
RECORDS = [MARCH, APRIL, MARCH_END]
Y2025 = FinancialYear(2025, 4)


def rows(breakdown):
    return [(row.key, row.engagements, row.participants) for row in breakdown]


def test_a_year_holds_the_records_that_start_in_it_from_1_april_to_31_march() -> None:
    report = annual_report(RECORDS, Y2025, ORG, TODAY)
    assert [r.id for r in report.records] == ["april", "march-end"]  # 31 March 2025 is the year before
    f = report.figures
    assert (f.engagements, f.participants, f.themes) == (2, 80, 4)  # 50 + 30 people; 3 + 1 themes
    assert (f.told, f.engagements) == (1, 2)  # only march-end told people
    assert f.mean_rating == 2.0 and f.rating_responses == 30  # march's rating is in 2024-25
    assert report.complete  # 31 March 2026 is before 1 November 2026


def test_breakdowns_by_type_topic_and_place() -> None:
    report = annual_report(RECORDS, Y2025, ORG, TODAY)
    assert rows(report.by_type) == [("focus-group", 1, 50), ("survey", 1, 30)]  # ties: more people first
    assert rows(report.by_topic) == [("b", 2, 80), ("a", 1, 50)]  # april has both topics
    assert rows(report.by_locality) == [("north", 1, 30), ("south", 1, 30)]  # march-end covers both
    assert (report.area_wide.engagements, report.area_wide.participants) == (1, 50)  # april: no localities


def test_reach_into_each_group_against_the_aims_set() -> None:
    report = annual_report(RECORDS, Y2025, ORG, TODAY)
    young, carers = report.groups
    assert (young.key, young.people, young.engagements, young.share) == ("young", 5, 1, 100 * 5 / 80)
    # march-end aimed for 5 young people but gave no count for the group
    assert (young.aims.set, young.aims.met, young.aims.not_met, young.aims.not_recorded) == (1, 0, 0, 1)
    assert (carers.people, carers.share) == (3, 100 * 3 / 80)
    assert (carers.aims.set, carers.aims.met) == (1, 1)  # april aimed for 2 carers and heard from 3
    # april aimed for 60 people and heard from 50; march-end aimed for 30 and heard from exactly 30
    everyone = report.everyone_aims
    assert (everyone.set, everyone.met, everyone.not_met) == (2, 1, 1)


def test_actions_by_status_and_the_changes_completed_in_the_year() -> None:
    report = annual_report(RECORDS, Y2025, ORG, TODAY)
    # april: in progress and not taken forward count here; its done action was completed 1 April 2026.
    # done: march's x (1 April 2025, though march started in 2024-25) and march-end's d (31 March 2026).
    assert report.figures.actions == {"planned": 0, "in-progress": 1, "done": 2, "not-taken-forward": 1}
    assert [(c.record.id, c.action.id, c.completed) for c in report.changes] == [
        ("march-end", "d", date(2026, 3, 31)),
        ("march", "x", date(2025, 4, 1)),
    ]
    assert [t.theme for t in report.changes[1].themes] == ["Theme t1 of march"]


def test_comparison_with_the_previous_year() -> None:
    report = annual_report(RECORDS, Y2025, ORG, TODAY)
    p = report.previous
    assert (p.engagements, p.participants, p.actions["done"], p.told, p.mean_rating) == (1, 100, 0, 1, 4.0)
    table = {label: (now, before, change_in_words(now, before, unit)) for label, now, before, unit in comparison(report)}
    assert table["Engagements"] == (2, 1, "up 1")
    assert table["People who took part"] == (80, 100, "down 20")
    assert table["Changes completed"] == (2, 0, "up 2")
    assert table["Engagements where we told participants the outcome"] == (50.0, 100.0, "down 50 percentage points")
    assert table["Participants' average rating (out of 5)"] == (2.0, 4.0, "down 2")


def test_change_in_words() -> None:
    assert change_in_words(5, 5) == "no change"
    assert change_in_words(None, 5) == "not known"
    assert change_in_words(4.25, 4.1) == "up 0.1"  # as the ratings read, to one decimal place
    assert change_in_words(51.0, 50.0, "%") == "up 1 percentage point"
    assert change_in_words(12.5, 12.4, "%") == "up 1 percentage point"  # shown as 13% and 12%: halves round up
    assert change_in_words(1234, 0) == "up 1,234"


def test_the_years_with_something_to_report() -> None:
    # starts in 2024-25 and 2025-26; april's change completed on 1 April 2026 makes 2026-27 a year too
    assert [y.label for y in report_years(RECORDS, 4)] == ["2026-27", "2025-26", "2024-25"]
    only_changes = annual_report(RECORDS, FinancialYear(2026, 4), ORG, TODAY)
    assert only_changes.figures.engagements == 0 and [c.action.id for c in only_changes.changes] == ["z"]
    assert not only_changes.complete and only_changes.started


def test_a_calendar_year() -> None:
    calendar = annual_report(RECORDS, FinancialYear(2025, 1), ORG, TODAY)
    assert calendar.year.label == "2025"
    assert [r.id for r in calendar.records] == ["march", "april"]
    assert (calendar.figures.participants, calendar.figures.actions["done"]) == (150, 1)  # x on 1 April 2025
    assert calendar.previous.engagements == 0
    next_year = annual_report(RECORDS, FinancialYear(2026, 1), ORG, TODAY)
    assert next_year.figures.actions["done"] == 2  # d on 31 March 2026, z on 1 April 2026


def test_a_year_starting_in_july_runs_from_1_july_to_30_june() -> None:
    june = record("june", "2025-06-30", "survey", 7, actions=[("j", ["t"], "done", "2025-07-01")])
    july = record("july", "2025-07-01", "survey", 11, actions=[("k", ["t"], "done", "2025-06-30")])
    year_2024 = annual_report([june, july], FinancialYear(2024, 7), ORG, TODAY)
    year_2025 = annual_report([june, july], FinancialYear(2025, 7), ORG, TODAY)
    assert year_2024.year.label == "2024-25" and year_2024.year.last_day == date(2025, 6, 30)
    assert ([r.id for r in year_2024.records], year_2024.figures.participants) == (["june"], 7)
    assert [c.action.id for c in year_2024.changes] == ["k"]  # completed 30 June 2025
    assert ([r.id for r in year_2025.records], year_2025.figures.participants) == (["july"], 11)
    assert [c.action.id for c in year_2025.changes] == ["j"]  # completed 1 July 2025
    assert [y.label for y in report_years([june, july], 7)] == ["2025-26", "2024-25"]


def test_a_year_not_over_yet() -> None:
    report = annual_report(RECORDS, Y2025, ORG, date(2026, 3, 31))
    assert report.started and not report.complete  # the last day itself is still within the year


def test_changes_made_lists_every_done_action_newest_first() -> None:
    assert [(c.record.id, c.action.id) for c in changes_made(RECORDS)] == [
        ("april", "z"), ("march-end", "d"), ("march", "x"),
    ]


def test_a_chart_is_an_image_with_a_title_a_description_and_every_figure_in_words() -> None:
    svg = str(bar_chart(
        "chart-x", "People <by> group",
        [Bar("Young & old", 12, "12 people"), Bar("Carers", None, "fewer than 5"), Bar("None", 0, "0 people")],
        summary="Out of 80.",
    ))
    assert re.search(r'<svg [^>]*role="img" [^>]*aria-labelledby="chart-x-title chart-x-desc"', svg)
    assert '<title id="chart-x-title">People &lt;by&gt; group</title>' in svg
    desc = re.search(r'<desc id="chart-x-desc">(.*?)</desc>', svg).group(1)
    assert desc == "Out of 80. Young &amp; old: 12 people; Carers: fewer than 5; None: 0 people. The same figures are in the table below."
    assert svg.count("<rect") == 1  # no bar for a withheld or zero figure
    assert "fewer than 5</text>" in svg and "Young &amp; old</text>" in svg


def annual_report(records, year: FinancialYear, organisation=None, today=None, population=None) -> AnnualReport:
    """The year's report, as the site makes it: one of `annual_reports` (in years that start in the year's month)."""
    organisation = (organisation or ORG).model_copy(update={"financial_year_start_month": year.start_month})
    reports = annual_reports(records, organisation, today or TODAY, population)
    return next(report for report in reports if report.year == year)


def report_years(records, start_month: int) -> list[FinancialYear]:
    """The years the site makes a report for, newest first."""
    org = ORG.model_copy(update={"financial_year_start_month": start_month})
    return [report.year for report in annual_reports(records, org, TODAY)]


def test_people_are_compared_only_when_both_years_counted_everyone_exactly() -> None:
    def reach(id: str, start: str, reached: dict) -> EngagementFile:
        file = record(id, start, "survey", 1)
        engagement = file.engagement.model_copy(update={"reach": file.engagement.reach.model_copy(update=reached)})
        return EngagementFile(id, engagement, "", 1, Source(f"{id}.md"), PurePosixPath("engagements"))

    unrecorded = reach("unrecorded", "2023-06-01", {"participants": None, "participants_note": "not counted"})
    about = reach("about", "2024-06-01", {"participants": 2000, "participants_precision": "about"})
    exact = reach("exact", "2025-06-01", {"participants": 300})
    for records, year in (([unrecorded, about], FinancialYear(2024, 4)), ([about, exact], FinancialYear(2025, 4))):
        report = annual_report(records, year, ORG, TODAY)
        table = {label: (now, before, change_in_words(now, before, unit)) for label, now, before, unit in comparison(report)}
        assert table["People who took part"][2] == "not known"
        assert table["Engagements"] == (1, 1, "no change")  # the other rows are still compared


def test_a_change_done_on_a_date_not_recorded_is_listed_in_the_year_it_was_reported_done_and_counted_in_none() -> None:
    """Reported done as at its latest update (8 May 2027, so 2027-28), long after its engagement started."""
    engagement = Engagement(
        title="Undated", type="survey", status="published", start="2025-06-01", reach={"participants": 10},
        you_said=[{"id": "t1", "theme": "One"}, {"id": "t2", "theme": "Two"}],
        we_did=[
            {"id": "u", "responds_to": ["t1"], "action": "U", "status": "done", "completed": "unknown",
             "updates": [{"date": "2025-09", "text": "Going"}, {"date": "2027-05-08", "text": "Done"}]},
            {"id": "v", "responds_to": ["t2"], "action": "V", "status": "done", "completed": "2025-07-01"},
        ],
    )
    undated = EngagementFile("undated", engagement, "", 1, Source("undated.md"), PurePosixPath("engagements"))
    reports = {r.year.label: r for r in annual_reports([undated], ORG, TODAY)}
    assert sorted(reports) == ["2025-26", "2027-28"]
    [listed] = reports["2027-28"].undated
    assert (listed.action.id, listed.reported) == ("u", date(2027, 5, 8))
    assert reports["2027-28"].changes == () and reports["2027-28"].figures.actions["done"] == 0
    assert reports["2025-26"].undated == () and [c.action.id for c in reports["2025-26"].changes] == ["v"]
    assert reports["2025-26"].figures.actions["done"] == 1
