"""The annual engagement report's figures, one financial year at a time.

Counting follows the contract's "Dates, years and today": a record belongs to the
financial year of its `start` (engagements, participants, reach, aims and ratings count
there), and a completed action counts in the year of its `completed` date, whichever year
its engagement started in. The totals come from `figures.count`; this module adds the
breakdowns, the reach into each counted group against the aims set, the list of changes
completed and the comparison with the year before. A change done whose completion date was
not recorded is in no year's count; it is listed apart in the report for the year it was
reported done, so that it is seen without a date being invented for it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator

from yswd.analysis.figures import Figures, count, count_by_year, precision_of, unrecorded
from yswd.analysis.reach import reach_in_words, representation, rounded, share_precision
from yswd.content.records import EngagementFile
from yswd.content.model import INVOLVEMENT_LABELS, Action, Organisation, Population, Theme, status_as_at
from yswd.dates import FinancialYear


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: a type, topic or place, and what it adds up to."""

    key: str
    label: str
    engagements: int
    participants: int
    precision: str = "exact"
    """How exact `participants` is: exact, about or at-least."""
    unrecorded: int = 0
    """Engagements in the row that recorded no number of participants."""


@dataclass(frozen=True)
class AimsTally:
    """The aims set at the outset for one measure (everyone, or one group), and how many were met."""

    set: int = 0
    met: int = 0
    not_met: int = 0
    not_recorded: int = 0
    """Aims for a group whose count the record does not give."""
    not_known: int = 0
    """Aims short of their target on a number given as "at least": they may have been reached."""


@dataclass(frozen=True)
class GroupReach:
    """How many people from one counted group took part, and the aims set for that group."""

    key: str
    label: str
    people: int
    engagements: int
    """Engagements that recorded a count for this group."""
    share: float | None
    """People in the group as a percentage of all participants in the year."""
    aims: AimsTally
    population: float | None = None
    """The group's share of local people (population.yml), when given."""
    in_words: str = ""
    """Reach against the population in a sentence, when the population share is given."""
    precision: str = "exact"
    """How exact `share` is: exact, about or at-most (a share of "at least" people)."""

    @property
    def representation(self) -> float | None:
        return representation(self.share, self.population)


@dataclass(frozen=True)
class Change:
    """A change made: an action with status done, the themes it answered and where it came from."""

    record: EngagementFile
    action: Action
    themes: tuple[Theme, ...]

    @property
    def completed(self) -> date:
        assert self.action.completed is not None
        return self.action.completed

    @property
    def reported(self) -> date:
        """When it was last said to be done (its latest update, else its record's latest date):
        the only date a change whose completion was not recorded has."""
        return status_as_at(self.record.engagement, self.action)


@dataclass(frozen=True)
class Rated:
    """One engagement's participants' own rating of taking part."""

    record: EngagementFile
    responses: int
    rating: float


@dataclass(frozen=True)
class AnnualReport:
    """Everything the annual report for one year shows."""

    year: FinancialYear
    today: date
    figures: Figures
    previous: Figures
    records: tuple[EngagementFile, ...]
    """The engagements that started in the year, in date order."""
    by_type: tuple[Row, ...]
    by_topic: tuple[Row, ...]
    by_locality: tuple[Row, ...]
    area_wide: Row
    """Engagements that covered the whole area rather than named places."""
    everyone_aims: AimsTally
    """Aims on the number of participants."""
    groups: tuple[GroupReach, ...]
    changes: tuple[Change, ...]
    """Actions completed in the year, newest first."""
    rated: tuple[Rated, ...]
    undated: tuple[Change, ...] = ()
    """Actions reported done in the year (`Change.reported`) whose completion date was not
    recorded: listed apart, never counted as completed in this or any year."""
    by_way: tuple[Row, ...] = ()
    """Engagements by the strategy's ways to take part that they used."""
    by_involvement: tuple[Row, ...] = ()
    """Engagements by how far people were involved, from inform to co-produce."""

    @property
    def complete(self) -> bool:
        """Whether the year is over; until then the report is the year so far."""
        return self.year.last_day < self.today

    @property
    def started(self) -> bool:
        return self.year.first_day <= self.today

    @property
    def rated_engagements(self) -> int:
        return len(self.rated)


def changes_made(records: Iterable[EngagementFile]) -> list[Change]:
    """Every action with status done, newest completed first, with the themes it answered."""
    changes = [change for change in _done(records) if change.action.done_on is not None]
    return sorted(changes, key=lambda c: (c.completed, c.record.engagement.start, c.record.id, c.action.id), reverse=True)


def undated_changes(records: Iterable[EngagementFile]) -> list[Change]:
    """Actions done whose completion date was not recorded: in no year's count, still listed."""
    changes = [change for change in _done(records) if change.action.done_on is None]
    return sorted(changes, key=lambda c: (c.record.engagement.start, c.record.id, c.action.id), reverse=True)


def _done(records: Iterable[EngagementFile]) -> Iterator[Change]:
    """Each action with status done, with the themes it answered."""
    for record in records:
        themes = {theme.id: theme for theme in record.engagement.you_said}
        for action in record.engagement.we_did:
            if action.status == "done":
                yield Change(record, action, tuple(themes[t] for t in action.responds_to if t in themes))


def annual_reports(
    records: Iterable[EngagementFile],
    organisation: Organisation,
    today: date,
    population: Population | None = None,
    ways: dict[str, str] | None = None,
) -> list[AnnualReport]:
    """The report for every year with something to report (an engagement started, or a change
    completed), newest first, with each record visited once rather than once a year, so that
    sites with many years build quickly.
    """
    records = list(records)
    start_month = organisation.financial_year_start_month
    by_start: dict[FinancialYear, list[EngagementFile]] = {}
    for record in records:
        by_start.setdefault(FinancialYear.of(record.engagement.start, start_month), []).append(record)
    changes: dict[FinancialYear, list[Change]] = {}
    for change in changes_made(records):
        changes.setdefault(FinancialYear.of(change.completed, start_month), []).append(change)
    undated: dict[FinancialYear, list[Change]] = {}
    for change in undated_changes(records):
        undated.setdefault(FinancialYear.of(change.reported, start_month), []).append(change)
    figures = count_by_year(records, start_month)
    years = sorted(set(by_start) | set(changes) | set(undated), reverse=True)
    return [
        _report(
            year,
            by_start.get(year, []),
            figures.get(year) or count([], year),
            figures.get(year.previous) or count([], year.previous),
            changes.get(year, []),
            undated.get(year, []),
            organisation,
            today,
            population,
            ways or {},
        )
        for year in years
    ]


def _report(
    year: FinancialYear,
    in_year: list[EngagementFile],
    figures: Figures,
    previous: Figures,
    changes: list[Change],
    undated: list[Change],
    organisation: Organisation,
    today: date,
    population: Population | None = None,
    ways: dict[str, str] | None = None,
) -> AnnualReport:
    """A year's report from its records (those that started in it) and its changes: those done in
    it, and those reported done in it whose date was not recorded.

    `ways` are the strategy's methods (id to name), for the count of engagements by way.
    """
    in_year = sorted(in_year, key=lambda r: (r.engagement.start, r.id))
    by_type = _rows(organisation.engagement_types, in_year, lambda r: (r.engagement.type,), keep_empty=False)
    by_topic = _rows(organisation.topics, in_year, lambda r: tuple(r.engagement.topics), keep_empty=True)
    by_locality = _rows(organisation.localities, in_year, lambda r: tuple(r.engagement.localities), keep_empty=True)
    wide = [r for r in in_year if not r.engagement.localities]
    area_wide = _row("", "The whole area", wide)
    return AnnualReport(
        year=year,
        today=today,
        figures=figures,
        previous=previous,
        records=tuple(in_year),
        by_type=by_type,
        by_topic=by_topic,
        by_locality=by_locality,
        area_wide=area_wide,
        everyone_aims=_tally(in_year, "participants"),
        groups=tuple(_group_reach(key, label, in_year, figures, organisation, population) for key, label in organisation.groups.items()),
        changes=tuple(changes),
        undated=tuple(undated),
        rated=tuple(
            Rated(r, r.engagement.evaluation.responses, r.engagement.evaluation.rating)
            for r in in_year
            if r.engagement.evaluation is not None
        ),
        by_way=_rows(ways or {}, in_year, lambda r: tuple(r.engagement.ways), keep_empty=True),
        by_involvement=_rows(
            INVOLVEMENT_LABELS,
            in_year, lambda r: (r.engagement.involvement,) if r.engagement.involvement else (), keep_empty=True, by_count=False,
        ),
    )


def _group_reach(
    key: str, label: str, in_year: list[EngagementFile], figures: Figures, organisation: Organisation, population: Population | None
) -> GroupReach:
    """One group's reach over the year, with the aims set for it and, when known, its share of local people."""
    people = figures.groups.get(key, 0)
    counted = sum(1 for r in in_year if r.engagement.reach and key in r.engagement.reach.groups)
    baseline = population.groups.get(key) if population else None
    precision = share_precision(figures.participants_precision)
    words = ""
    if baseline is not None:
        small = organisation.personal_data.small_number
        words = reach_in_words(label, people, counted, figures.group_share(key), baseline, small, precision)
    return GroupReach(key, label, people, counted, figures.group_share(key), _tally(in_year, key), baseline, words, precision)


def _row(key: str, label: str, records: list[EngagementFile]) -> Row:
    engagements = [r.engagement for r in records]
    known_total = sum(e.participants or 0 for e in engagements)
    return Row(key, label, len(records), known_total, precision_of(engagements), unrecorded(engagements))


def _rows(labels: dict[str, str], records: list[EngagementFile], keys_of, keep_empty: bool, by_count: bool = True) -> tuple[Row, ...]:
    """One row per value, most engagements first (then the order of `labels`), or in that order."""
    members: dict[str, list[EngagementFile]] = {key: [] for key in labels}
    for record in records:
        for key in dict.fromkeys(keys_of(record)):
            if key in members:
                members[key].append(record)
    order = {key: index for index, key in enumerate(labels)}
    rows = [_row(key, label, members[key]) for key, label in labels.items() if keep_empty or members[key]]
    if not by_count:
        return tuple(rows)
    return tuple(sorted(rows, key=lambda row: (-row.engagements, -row.participants, order[row.key])))


def _tally(records: list[EngagementFile], measure: str) -> AimsTally:
    """The aims on `measure` (participants or a group key) in `records`, and how they turned out."""
    results = Counter(
        record.engagement.aim_result(aim) for record in records for aim in record.engagement.aims if aim.measure == measure
    )
    return AimsTally(
        results.total(), results["met"], results["not met"], results["not recorded"], results["not known"]
    )


def comparison(report: AnnualReport) -> list[tuple[str, float | None, float | None, str]]:
    """(measure, this year, the year before, unit) for the comparison with the previous year.

    People who took part are compared only as exact, complete totals: None for a year with an
    estimate, a lower bound or an engagement that recorded no number, so no change is worked out.
    """
    now, before = report.figures, report.previous
    return [
        ("Engagements", now.engagements, before.engagements, ""),
        ("People who took part", exact_people(now), exact_people(before), "people"),
        ("Things people told us (themes)", now.themes, before.themes, ""),
        ("Themes with an action done or in progress", now.themes_acted_on_share, before.themes_acted_on_share, "%"),
        ("Changes completed", now.actions["done"], before.actions["done"], ""),
        ("Engagements where we told participants the outcome", now.told_share, before.told_share, "%"),
        ("Participants' average rating (out of 5)", now.mean_rating, before.mean_rating, " out of 5"),
    ]


def exact_people(figures: Figures) -> int | None:
    """The year's people who took part when every engagement recorded an exact number, else None."""
    if figures.participants_unrecorded or figures.participants_precision != "exact":
        return None
    return figures.participants


def change_in_words(now: float | None, before: float | None, unit: str = "") -> str:
    """"up 12", "down 3 percentage points", "up 0.2" or "no change"; "not known" when either is missing.

    Shares are compared as rounded on the page (whole per cent), ratings to one decimal place.
    """
    if now is None or before is None:
        return "not known"
    if unit == "%":
        difference: float = rounded(now, 0) - rounded(before, 0)
        suffix = " percentage point" if abs(difference) == 1 else " percentage points"
    else:
        difference = round(round(now, 1) - round(before, 1), 1)
        suffix = ""
    if difference == 0:
        return "no change"
    amount = f"{abs(difference):,.1f}".removesuffix(".0")
    return f"{'up' if difference > 0 else 'down'} {amount}{suffix}"
