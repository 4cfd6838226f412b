"""Reach against the local population: each counted group's share of participants beside its
share of the area's people (site_config/population.yml).

A share is only as good as its counts, so the rules here say what cannot be known rather
than guess: a group count below the small number gives no share (the share would reveal the
count), and a record whose number of participants is not recorded gives no share at all.
Shares are of everyone who took part, as in the group-share metric, so that the
group-representation metric is simply one share divided by the other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from yswd.content.model import Engagement, Organisation, Population, Reach


def known_participants(reach: Reach | None) -> int | None:
    """The number who took part, or None when it is not recorded (missing, or `unknown`)."""
    value = reach.participants if reach is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def share(part: int, whole: int | None) -> float | None:
    """Per cent, or None when there is nothing to divide by."""
    return 100.0 * part / whole if whole else None


def representation(group_share: float | None, population_share: float | None) -> float | None:
    """A group's share of participants as a percentage of its share of local people: 100 is in proportion."""
    if group_share is None or not population_share:
        return None
    return 100.0 * group_share / population_share


def percent(value: float) -> str:
    """A percentage to one decimal place, without a trailing .0: 6%, 11.5%."""
    return f"{round(value, 1):,.1f}".removesuffix(".0") + "%"


def representation_shown(value: float) -> str:
    """The representation figure as a whole number, rounded down, so just short of 100 never reads as 100."""
    return f"{math.floor(value):,}"


@dataclass(frozen=True)
class GroupShare:
    """One group's reach in one engagement (or a year), beside the local population."""

    key: str
    label: str
    people: int
    withheld: bool
    """Fewer than the small number: the count and its share are not shown."""
    share: float | None
    """Per cent of everyone who took part; None when withheld or participants are not recorded."""
    population: float | None
    """Per cent of local people, from population.yml; None when it gives no figure."""

    @property
    def representation(self) -> float | None:
        return representation(self.share, self.population)


def group_shares(engagement: Engagement, organisation: Organisation, population: Population | None) -> list[GroupShare]:
    """The groups an engagement counted, in its order, each with its share and the population's."""
    reach = engagement.reach
    if reach is None:
        return []
    small = organisation.personal_data.small_number
    whole = known_participants(reach)
    baseline = population.groups if population else {}
    return [
        GroupShare(
            key,
            organisation.groups.get(key, key),
            people,
            people < small,
            None if people < small else share(people, whole),
            baseline.get(key),
        )
        for key, people in reach.groups.items()
    ]


def reach_in_words(label: str, people: int, counted: int, group_share: float | None, population_share: float, small: int) -> str:
    """One sentence on a group's reach against the population, with the gap in words.

    "Young people (16-25) were 6% of those who took part, against 11.5% of local people:
    5.5 percentage points below their share."
    """
    against = f"against {percent(population_share)} of local people"
    if not counted:
        return f"{label}: no engagement counted them, so we can't compare them with the {percent(population_share)} of local people they make up."
    if people < small:
        return f"{label}: fewer than {small} people took part, too few to give their share ({against})."
    if group_share is None:
        return f"{label}: we don't know their share of those who took part, because the number who took part was not recorded ({against})."
    gap = round(round(group_share, 1) - population_share, 1)
    if gap == 0:
        words = "in proportion to their share"
    else:
        points = f"{abs(gap):,.1f}".removesuffix(".0")
        unit = "percentage point" if abs(gap) == 1 else "percentage points"
        words = f"{points} {unit} {'below' if gap < 0 else 'above'} their share"
    return f"{label} were {percent(group_share)} of those who took part, {against}: {words}."
