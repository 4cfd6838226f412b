"""Reach against the local population: shares, the gap in words and the group-representation metric,
each figure worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import pytest

from yswd.analysis.annual_report import annual_reports
from yswd.analysis.commitments import track
from yswd.analysis.reach import group_shares, known_participants, percent, reach_in_words, representation
from yswd.content.records import EngagementFile, Source
from yswd.content.model import Engagement, Organisation, Population, Reach, Strategy
from yswd.dates import FinancialYear

ORG = Organisation(
    name="Testshire ICB",
    engagement_types={"survey": "Survey"},
    groups={"young-people": "Young people (16-25)", "carers": "Unpaid carers", "lgbtq": "LGBTQ+ people"},
)
POPULATION = Population(source="Census 2021", groups={"young-people": 11.5, "carers": 9})
TODAY = date(2026, 6, 1)


def record(id: str, participants: int | None, groups: dict[str, int], start: str = "2025-05-01") -> EngagementFile:
    engagement = Engagement(
        title=id, type="survey", status="published", start=start,
        reach={"participants": participants, "groups": groups},
        you_said=[{"id": "t", "theme": "A theme"}],
        we_did=[{"id": "a", "responds_to": ["t"], "action": "An action", "status": "planned"}],
    )
    return EngagementFile(id, engagement, "", 1, Source(f"{id}.md"), PurePosixPath("engagements"))


def test_an_engagements_groups_carry_their_share_and_the_populations() -> None:
    shares = group_shares(record("r", 200, {"young-people": 12, "carers": 3, "lgbtq": 10}).engagement, ORG, POPULATION)
    assert [(g.key, g.people, g.withheld, g.share, g.population) for g in shares] == [
        ("young-people", 12, False, 6.0, 11.5),
        ("carers", 3, True, None, 9),  # below the small number: no share, which would reveal the count
        ("lgbtq", 10, False, 5.0, None),  # no population figure for this group
    ]
    assert shares[0].representation == pytest.approx(6 / 11.5 * 100)
    assert shares[2].representation is None


def test_no_share_when_the_number_who_took_part_is_not_recorded() -> None:
    shares = group_shares(record("r", None, {"young-people": 12}).engagement, ORG, POPULATION)
    assert shares[0].share is None and not shares[0].withheld
    # Format 2 writes `participants: unknown`: anything but a whole number is "not recorded"
    for value in (None, "unknown", True, 2.5):
        assert known_participants(Reach.model_construct(participants=value, groups={}, methods=[])) is None
    assert known_participants(Reach(participants=0)) == 0
    assert group_shares(Engagement(title="t", type="survey", status="draft", start="2025-01-01"), ORG, POPULATION) == []


def test_the_gap_in_words() -> None:
    assert reach_in_words("Young people (16-25)", 38, 2, 6.0, 11.5, 5) == (
        "Young people (16-25) were 6% of those who took part, against 11.5% of local people: 5.5 percentage points below their share."
    )
    assert reach_in_words("Unpaid carers", 40, 1, 10.04, 9, 5).endswith("10% of those who took part, against 9% of local people: 1 percentage point above their share.")
    assert reach_in_words("Unpaid carers", 40, 1, 9.04, 9, 5).endswith("in proportion to their share.")
    assert reach_in_words("Unpaid carers", 3, 1, 1.0, 9, 5) == "Unpaid carers: fewer than 5 people took part, too few to give their share (against 9% of local people)."
    assert reach_in_words("Unpaid carers", 0, 0, None, 9, 5).startswith("Unpaid carers: no engagement counted them")
    assert "was not recorded" in reach_in_words("Unpaid carers", 10, 1, None, 9, 5)
    assert percent(11.5) == "11.5%" and percent(6.0) == "6%" and percent(5.96) == "6%"
    assert representation(6.0, 12.0) == 50 and representation(6.0, 0) is None and representation(None, 5) is None


def test_annual_report_compares_each_groups_reach_over_the_year() -> None:
    records = [record("a", 300, {"young-people": 10, "carers": 30}), record("b", 100, {"young-people": 14})]
    [report] = annual_reports(records, ORG, TODAY, POPULATION)
    assert report.year == FinancialYear(2025, 4)
    young, carers, lgbtq = report.groups
    assert (young.people, young.share, young.population) == (24, 6.0, 11.5)
    assert young.in_words == "Young people (16-25) were 6% of those who took part, against 11.5% of local people: 5.5 percentage points below their share."
    assert carers.share == 7.5 and carers.representation == pytest.approx(7.5 / 9 * 100)
    assert lgbtq.population is None and lgbtq.in_words == ""
    assert annual_reports(records, ORG, TODAY)[0].groups[0].in_words == ""


def test_group_representation_metric_is_the_share_against_the_population() -> None:
    commitment = {"id": "fair", "text": "Hear young people in proportion", "metric": "group-representation",
                  "group": "young-people", "target": 100, "due": "2027-03-31"}
    strategy = Strategy(title="S", period={"start": "2025-04-01", "end": "2027-03-31"}, vision="v", commitments=[commitment])
    records = [record("a", 300, {"young-people": 10}), record("b", 100, {"young-people": 14})]
    (item,) = track(strategy, records, TODAY, POPULATION)
    assert item.measured.value == pytest.approx(6 / 11.5 * 100)  # 52.17...
    assert (item.measured.shown, item.measured.baseline, item.measured.group_share) == ("52", 11.5, 6.0)
    assert not item.measured.is_share and item.label == "not yet met"
    in_proportion = [record("c", 200, {"young-people": 23})]
    (met,) = track(strategy, in_proportion, TODAY, POPULATION)
    assert met.measured.shown == "100" and met.label == "met"
    just_short = [record("d", 1000, {"young-people": 114})]  # 99.1: shown rounded down, never as 100
    (short,) = track(strategy, just_short, TODAY, POPULATION)
    assert short.measured.shown == "99" and short.label == "not yet met"
    (unknown,) = track(strategy, records, TODAY, None)
    assert unknown.measured.value is None and unknown.measured.shown == "not known yet"
