"""Strategy commitments: their live evidence from the records, and each metric against its target.

The contract (content-format.md, "content/strategy.yml"):
- a commitment's evidence is every *published* engagement that lists its id under
  `commitments`, whatever the build's audience;
- with a `metric`, the figure is computed from the published records that start within
  the strategy's `period`, and compared with `target`;
- it is "met" when it reaches the target; otherwise "not met" once `due` has passed
  (due before today; a month `due` passes after its last day), and "not yet met" before that. "Today" is the one build date.
- a figure that is only a bound is labelled only where the bound decides: a lower bound
  ("at least", or a total that leaves out engagements with no number) that reaches the
  target is met, and an upper bound ("at most": a share of "at least" people) that falls
  short is not; otherwise the result is "not known", never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Literal

from yswd.analysis.figures import Figures, count, precision_of, unrecorded
from yswd.analysis.reach import percent, qualified, representation, representation_shown, share_precision
from yswd.content.records import EngagementFile
from yswd.content.model import Commitment, Population, Strategy, latest_date
from yswd.dates import last_day

Label = Literal["met", "not yet met", "not met", "not known"]
Bound = Literal["lower", "upper"]


@dataclass(frozen=True)
class Evidence:
    """The published engagements that list a commitment, newest first."""

    records: tuple[EngagementFile, ...]
    participants: int
    """How many people those engagements reached, added up (the known numbers)."""
    precision: str
    """How exact that total is: exact, about, at-least or about-or-more."""
    unrecorded: int
    """How many of them recorded no number of participants."""
    latest: date | None
    """The latest date in any of them (each record's `updated`, or its latest date)."""


@dataclass(frozen=True)
class Measured:
    """A commitment's metric, worked out from the records."""

    value: float | None
    """The figure: a percentage for a share, else a total. None when a share has nothing to divide by."""
    part: int | None = None
    """For a share: what was counted (people in the group, engagements that told people)."""
    whole: int | None = None
    """For a share: out of how many (all participants, all engagements)."""
    records: int = 0
    """How many published records started within the period."""
    baseline: float | None = None
    """For group-representation: the group's share of local people (the value is against it)."""
    group_share: float | None = None
    """For group-representation: the group's share of participants."""
    precision: str = "exact"
    """How exact the figure is, from the numbers of participants behind it (`combined_precision`)."""
    unrecorded: int = 0
    """Records in the period that recorded no number of participants (left out of the figure)."""
    target: float | None = None
    """The commitment's target: a figure short of it is shown rounded down, never as reaching it."""

    @property
    def is_share(self) -> bool:
        return self.whole is not None and self.baseline is None

    @property
    def shown(self) -> str:
        """The figure as written on the page, rounded as every percentage is (`rounded`): a
        figure just short of its target never reads as the target."""
        if self.value is None:
            return "not known yet"
        if self.baseline is not None:
            return representation_shown(self.value, self.share_precision, self.target)
        if self.is_share:
            return percent(self.value, self.share_precision, short_of=self.target)
        return qualified(f"{self.value:,.0f}", self.precision)

    @property
    def bound(self) -> Bound | None:
        """Which way the true figure may differ from this one, when it is only a bound."""
        if self.whole is not None:
            return "upper" if self.share_precision in ("at-most", "about-or-less") else None
        return "lower" if self.precision in ("at-least", "about-or-more") or self.unrecorded else None

    @property
    def share_precision(self) -> str:
        """How exact a share of these participants is: a share of "at least" people is at most."""
        return share_precision(self.precision)


@dataclass(frozen=True)
class CommitmentProgress:
    """One commitment, its evidence and, when it has a metric, its figure and label."""

    commitment: Commitment
    evidence: Evidence
    measured: Measured | None = None
    label: Label | None = None


def published(records: Iterable[EngagementFile]) -> list[EngagementFile]:
    return [r for r in records if r.engagement.status == "published"]


def _evidence(listing: list[EngagementFile], today: date) -> Evidence:
    """The records behind a commitment. Their latest update is never a day after the build date:
    that is a plan (an `updated` written ahead), not a change, as for a record's "Last changed"."""
    listing = sorted(listing, key=lambda r: (r.engagement.start, r.id), reverse=True)
    participants = sum(r.engagement.participants or 0 for r in listing)
    latest = max((day for r in listing if (day := latest_date(r.engagement)) <= today), default=None)
    engagements = [r.engagement for r in listing]
    return Evidence(tuple(listing), participants, precision_of(engagements), unrecorded(engagements), latest)


def in_period(strategy: Strategy, records: Iterable[EngagementFile]) -> list[EngagementFile]:
    """Published records that start within the strategy's period (both ends included)."""
    period = strategy.period
    return [r for r in published(records) if period.start <= r.engagement.start <= period.end]


def measure(commitment: Commitment, figures: Figures, population: Population | None = None) -> Measured | None:
    """The commitment's metric from the figures of the period's published records; None without one."""
    if commitment.metric is None:
        return None
    group = commitment.group or ""
    target = None if commitment.target is None else float(commitment.target)
    rough = {"precision": figures.participants_precision, "unrecorded": figures.participants_unrecorded, "target": target}
    if commitment.metric == "group-share":
        return Measured(figures.group_share(group), figures.groups.get(group, 0), figures.participants, figures.engagements, **rough)
    if commitment.metric == "group-representation":
        baseline = population.groups.get(group) if population else None
        group_share = figures.group_share(group)
        return Measured(
            representation(group_share, baseline), figures.groups.get(group, 0), figures.participants,
            figures.engagements, baseline=baseline, group_share=group_share, **rough,
        )
    if commitment.metric == "feedback-given-share":
        return Measured(figures.told_share, figures.told, figures.engagements, figures.engagements, target=target)
    if commitment.metric == "engagement-count":
        return Measured(float(figures.engagements), records=figures.engagements)
    return Measured(float(figures.participants), records=figures.engagements, **rough)


def label(value: float | None, target: float, due: date | None, today: date, bound: Bound | None = None) -> Label:
    """met when the figure reaches the target; not met once due has passed; not yet met before.
    A bound that does not decide (a lower bound short of the target, an upper bound reaching it)
    is not known."""
    reaches = value is not None and value >= target
    if value is not None and (bound == "upper" and reaches or bound == "lower" and not reaches):
        return "not known"
    if reaches:
        return "met"
    if due is not None and last_day(due) < today:
        return "not met"
    return "not yet met"


def track(
    strategy: Strategy, records: Iterable[EngagementFile], today: date, population: Population | None = None
) -> list[CommitmentProgress]:
    """Every commitment of the strategy, in its order, with evidence and (where set) its metric."""
    shown = published(records)
    figures = count(in_period(strategy, shown))
    listings: dict[str, list[EngagementFile]] = {c.id: [] for c in strategy.commitments}
    for record in shown:
        for commitment_id in dict.fromkeys(record.engagement.commitments):
            if commitment_id in listings:
                listings[commitment_id].append(record)
    progress = []
    for commitment in strategy.commitments:
        measured = measure(commitment, figures, population)
        verdict = None
        if measured is not None and commitment.target is not None:
            verdict = label(measured.value, float(commitment.target), commitment.due, today, measured.bound)
        progress.append(CommitmentProgress(commitment, _evidence(listings[commitment.id], today), measured, verdict))
    return progress
