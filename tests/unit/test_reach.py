"""Reach against the local population: shares, the gap in words and the group-representation metric,
each figure worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import pytest

from yswd.analysis.annual_report import annual_reports
from yswd.analysis.commitments import track
from yswd.analysis.reach import group_shares, percent, reach_in_words, representation, representation_shown, share_precision
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


def record(id: str, participants: int | None, groups: dict[str, int], start: str = "2025-05-01", precision: str | None = None) -> EngagementFile:
    engagement = Engagement(
        title=id, type="survey", status="published", start=start,
        reach={"participants": participants, "groups": groups, "participants_precision": precision},
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
        unrecorded = Engagement.model_construct(reach=Reach.model_construct(participants=value, groups={}, methods=[]))
        assert unrecorded.participants is None and unrecorded.participants_precision is None
    assert Engagement.model_construct(reach=Reach(participants=0)).participants == 0
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


def test_a_share_of_at_least_so_many_people_is_at_most_the_figure_and_of_about_so_many_about() -> None:
    # 60 carers of at least 450 people: the whole may be larger, never smaller, so the share is at
    # most 13.33...%, shown rounded up so that "at most" stays true
    assert [share_precision(p) for p in ("exact", "about", "at-least")] == ["exact", "about", "at-most"]
    [carers] = group_shares(record("r", 450, {"carers": 60}, precision="at-least").engagement, ORG, POPULATION)
    assert (round(carers.share, 1), carers.precision) == (13.3, "at-most")
    assert percent(carers.share, carers.precision) == "at most 13.4%"
    assert representation_shown(carers.representation, carers.precision) == "at most 149"
    [rough] = group_shares(record("r", 2400, {"carers": 310}, precision="about").engagement, ORG, POPULATION)
    assert percent(rough.share, rough.precision) == "about 12.9%"
    [exact] = group_shares(record("r", 200, {"carers": 20}).engagement, ORG, POPULATION)
    assert percent(exact.share, exact.precision) == "10%"
    # above the population's share, an upper bound is at most so far above; below it, at least so far below
    assert reach_in_words("Unpaid carers", 60, 1, 13.33, 9, 5, "at-most") == (
        "Unpaid carers were at most 13.4% of those who took part, against 9% of local people: at most 4.4 percentage points above their share."
    )
    assert reach_in_words("Young people (16-25)", 27, 1, 6.0, 11.5, 5, "at-most").endswith(
        "at most 6% of those who took part, against 11.5% of local people: at least 5.5 percentage points below their share."
    )
    assert reach_in_words("Unpaid carers", 90, 1, 9.0, 9, 5, "at-most").endswith("no more than their share.")
    assert reach_in_words("Unpaid carers", 310, 1, 12.9, 9, 5, "about").endswith(
        "about 12.9% of those who took part, against 9% of local people: about 3.9 percentage points above their share."
    )


def test_a_years_shares_are_at_most_when_any_total_is_at_least_and_the_metric_says_so() -> None:
    records = [record("a", 300, {"young-people": 30}), record("b", 100, {"young-people": 10}, precision="at-least")]
    [report] = annual_reports(records, ORG, TODAY, POPULATION)
    young = report.groups[0]
    assert (young.share, young.precision) == (10.0, "at-most")
    assert young.in_words.startswith("Young people (16-25) were at most 10% of those who took part")
    commitment = {"id": "young", "text": "Hear young people", "metric": "group-share", "group": "young-people", "target": 15, "due": "2027-03-31"}
    fair = {**commitment, "id": "fair", "metric": "group-representation", "target": 100}
    strategy = Strategy(title="S", period={"start": "2025-04-01", "end": "2027-03-31"}, vision="v", commitments=[commitment, fair])
    share, representation_ = track(strategy, records, TODAY, POPULATION)
    assert share.measured.shown == "at most 10%" and share.measured.share_precision == "at-most"
    assert representation_.measured.shown == "at most 87"  # 86.96 at most: rounded up
    rough = track(strategy, [record("c", 400, {"young-people": 40}, precision="about")], TODAY, POPULATION)
    assert [item.measured.shown for item in rough] == ["about 10%", "about 86"]  # short of 100: rounded down


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
