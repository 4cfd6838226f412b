"""Figures on the difference made, counted from a list of records.

Counting follows the contract's "Dates" section: a record belongs to the financial year of
its start (engagements, participants, themes, reach and ratings count there), and a
completed action counts in the year of its `completed` date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable

from yswd.content.records import EngagementFile
from yswd.content.model import ACTION_STATUSES, Engagement
from yswd.dates import FinancialYear, last_day

ACTED_ON = ("done", "in-progress")


def combined_precision(precisions: Iterable[str | None]) -> str:
    """How exact a sum of numbers is, from how exact each is (None: not in the sum).

    Exact numbers add up to an exact total; any "about" makes it about; any "at least", with no
    "about", makes it at least; rounded numbers and lower bounds together make it
    "about-or-more" ("about 2,871 or more"), so neither the rounding nor the bound is hidden.
    """
    words = set(precisions)
    rough = bool(words & {"about", "about-or-more"})
    lower = bool(words & {"at-least", "about-or-more"})
    return "about-or-more" if rough and lower else "about" if rough else "at-least" if lower else "exact"


def precision_of(engagements: Iterable[Engagement]) -> str:
    """How exact a total of these engagements' numbers is (`combined_precision`)."""
    return combined_precision(e.participants_precision for e in engagements)


def unrecorded(engagements: Iterable[Engagement]) -> int:
    """How many engagements recorded no number of participants."""
    return sum(1 for e in engagements if e.participants is None)


@dataclass(frozen=True)
class Figures:
    """Totals for a set of records: all time, or one financial year."""

    year: FinancialYear | None
    engagements: int = 0
    participants: int = 0
    """The known numbers of participants, added up."""
    participants_precision: str = "exact"
    """exact, about, at-least or about-or-more: how exact `participants` is (`combined_precision`)."""
    participants_unrecorded: int = 0
    """Engagements that recorded no number of participants (not in `participants`)."""
    themes: int = 0
    themes_acted_on: int = 0
    """Themes with at least one action done or in progress."""
    actions: dict[str, int] = field(default_factory=dict)
    """Actions by status. For a year, `done` counts actions completed in that year."""
    told: int = 0
    """Engagements whose participants were told the outcome."""
    groups: dict[str, int] = field(default_factory=dict)
    rating_responses: int = 0
    rating_total: float = 0.0
    first_day: date | None = None
    last_day: date | None = None

    @property
    def themes_acted_on_share(self) -> float | None:
        return _share(self.themes_acted_on, self.themes)

    @property
    def told_share(self) -> float | None:
        return _share(self.told, self.engagements)

    @property
    def mean_rating(self) -> float | None:
        return self.rating_total / self.rating_responses if self.rating_responses else None

    def group_share(self, group: str) -> float | None:
        return _share(self.groups.get(group, 0), self.participants)


def _share(part: int, whole: int) -> float | None:
    """Per cent, or None when there is nothing to divide by."""
    return 100.0 * part / whole if whole else None


def count(records: Iterable[EngagementFile], year: FinancialYear | None = None) -> Figures:
    """Figures for `records`, all time or for one financial year."""
    records = list(records)
    start_month = year.start_month if year else 4
    in_year = [r for r in records if year is None or FinancialYear.of(r.engagement.start, start_month) == year]
    actions: Counter[str] = Counter({status: 0 for status in ACTION_STATUSES})
    groups: Counter[str] = Counter()
    participants = themes = acted_on = told = responses = 0
    rating_total = 0.0
    for record in in_year:
        e = record.engagement
        participants += e.participants or 0
        if e.reach:
            groups.update(e.reach.groups)
        themes += len(e.you_said)
        statuses_by_theme: dict[str, set[str]] = {}
        for action in e.we_did:
            for theme_id in action.responds_to:
                statuses_by_theme.setdefault(theme_id, set()).add(action.status)
            if action.status != "done" or year is None:
                actions[action.status] += 1
        acted_on += sum(1 for t in e.you_said if statuses_by_theme.get(t.id, set()) & set(ACTED_ON))
        told += 1 if e.feedback_given else 0
        if e.evaluation:
            responses += e.evaluation.responses
            rating_total += e.evaluation.rating * e.evaluation.responses
    if year is not None:
        actions["done"] = sum(
            1
            for r in records
            for a in r.engagement.we_did
            if a.done_in(year)
        )
    starts = [r.engagement.start for r in in_year]
    ends = [last_day(r.engagement.end or r.engagement.start) for r in in_year]
    return Figures(
        year=year,
        engagements=len(in_year),
        participants=participants,
        participants_precision=precision_of(r.engagement for r in in_year),
        participants_unrecorded=unrecorded(r.engagement for r in in_year),
        themes=themes,
        themes_acted_on=acted_on,
        actions=dict(actions),
        told=told,
        groups=dict(groups),
        rating_responses=responses,
        rating_total=rating_total,
        first_day=min(starts, default=None),
        last_day=max(ends, default=None),
    )


def count_by_year(records: Iterable[EngagementFile], start_month: int) -> dict[FinancialYear, Figures]:
    """`count(records, year)` for every year in which a record started or an action was done.

    The same figures as calling `count` once a year, in one pass over the records rather
    than one pass a year: each year's records are counted on their own, and done actions,
    which count in the year they were completed whichever record they belong to, are
    added up for all years at once.
    """
    by_start: dict[FinancialYear, list[EngagementFile]] = {}
    done: Counter[FinancialYear] = Counter()
    for record in records:
        by_start.setdefault(FinancialYear.of(record.engagement.start, start_month), []).append(record)
        for action in record.engagement.we_did:
            if action.done_on is not None:
                done[FinancialYear.of(action.done_on, start_month)] += 1
    figures = {}
    for year in set(by_start) | set(done):
        counted = count(by_start.get(year, []), year)
        figures[year] = replace(counted, actions={**counted.actions, "done": done[year]})
    return figures
