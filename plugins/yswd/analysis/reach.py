"""Reach against the local population: each counted group's share of participants beside its
share of the area's people (site_config/population.yml).

A share is only as good as its counts, so the rules here say what cannot be known rather
than guess: a group count below the small number gives no share (the share would reveal the
count), and a record whose number of participants is not recorded gives no share at all.
Shares are of everyone who took part, as in the group-share metric, so that the
group-representation metric is simply one share divided by the other.

A share is as exact as the number it divides by. A group's count is a count, so a share of
"at least 2,140" people is at most the share worked out (the whole may be larger, never
smaller), and a share of "about 2,400" is about: `share_precision` says which, and every
share shown carries its word.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from yswd.content.model import Engagement, Organisation, Population


PRECISION_WORDS = {
    "exact": ("", ""), "about": ("about ", ""), "at-least": ("at least ", ""), "at-most": ("at most ", ""),
    "about-or-more": ("about ", " or more"), "about-or-less": ("about ", " or less"),
}
"""The words around a number that is not exact: "about 1,000", "at least 450", "at most 13.3%",
and for a total of rounded numbers and lower bounds together, "about 2,871 or more"."""

SHARE_PRECISION = {"exact": "exact", "about": "about", "at-least": "at-most", "about-or-more": "about-or-less"}


def qualified(shown: str, precision: str = "exact") -> str:
    """A number as written on a page with the words its precision needs: "about 2,871 or more"."""
    before, after = PRECISION_WORDS.get(precision, ("", ""))
    return f"{before}{shown}{after}"


def share_precision(whole_precision: str) -> str:
    """How exact a share is, from how exact the number of participants it divides by is:
    exact, about, or at-most (a share of a lower bound is an upper bound); about-or-less for a
    share of "about so many or more"."""
    return SHARE_PRECISION.get(whole_precision, "exact")


def share(part: int, whole: int | None) -> float | None:
    """Per cent, or None when there is nothing to divide by."""
    return 100.0 * part / whole if whole else None


def representation(group_share: float | None, population_share: float | None) -> float | None:
    """A group's share of participants as a percentage of its share of local people: 100 is in proportion."""
    if group_share is None or not population_share:
        return None
    return 100.0 * group_share / population_share


_BOUND_ROUNDING = {"at-most": ROUND_CEILING, "about-or-less": ROUND_CEILING, "at-least": ROUND_FLOOR}


def rounded(value: float, places: int = 1, precision: str = "exact", short_of: float | None = None) -> float:
    """The one rounding of every percentage a page or file shows: to `places` decimal places,
    halves up (12.25 is 12.3, 12.5 is 13 to a whole per cent).

    Only where the words make a claim in one direction does it round that way, so the claim stays
    true: a bound ("at most 13.4%" of at least 450 people) rounds away from the figure it bounds,
    and a figure short of its `short_of` target rounds down, so 24.96% against 25% never reads as 25%.
    """
    mode = _BOUND_ROUNDING.get(precision) or (ROUND_FLOOR if short_of is not None and value < short_of else ROUND_HALF_UP)
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=mode))


def percent(value: float, precision: str = "exact", places: int = 1, short_of: float | None = None) -> str:
    """A percentage (`rounded`), without a trailing .0, with its words when not exact:
    6%, 11.5%, about 36.7%, at most 14.6%, about 10% or less."""
    return qualified(f"{rounded(value, places, precision, short_of):,.{places}f}".removesuffix(".0") + "%", precision)


def representation_shown(value: float, precision: str = "exact", short_of: float | None = None) -> str:
    """The representation figure as a whole number (`rounded`); "at most" or "about" when the
    share behind it is."""
    return qualified(f"{rounded(value, 0, precision, short_of):,.0f}", precision)


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
    precision: str = "exact"
    """How exact `share` is: exact, about or at-most (see share_precision)."""

    @property
    def representation(self) -> float | None:
        return representation(self.share, self.population)


def group_shares(engagement: Engagement, organisation: Organisation, population: Population | None) -> list[GroupShare]:
    """The groups an engagement counted, in its order, each with its share and the population's."""
    reach = engagement.reach
    if reach is None:
        return []
    small = organisation.personal_data.small_number
    whole = engagement.participants
    baseline = population.groups if population else {}
    return [
        GroupShare(
            key,
            organisation.groups.get(key, key),
            people,
            people < small,
            None if people < small else share(people, whole),
            baseline.get(key),
            share_precision(reach.precision),
        )
        for key, people in reach.groups.items()
    ]


def reach_in_words(
    label: str, people: int, counted: int, group_share: float | None, population_share: float, small: int, precision: str = "exact"
) -> str:
    """One sentence on a group's reach against the population, with the gap in words.

    "Young people (16-25) were 6% of those who took part, against 11.5% of local people:
    5.5 percentage points below their share." A share that is at most the figure gives a gap
    that is at most that far above, or at least that far below; an "about" share, about.
    """
    against = f"against {percent(population_share)} of local people"
    if not counted:
        return f"{label}: no engagement counted them, so we can't compare them with the {percent(population_share)} of local people they make up."
    if people < small:
        return f"{label}: fewer than {small} people took part, too few to give their share ({against})."
    if group_share is None:
        return f"{label}: we don't know their share of those who took part, because the number who took part was not recorded ({against})."
    gap = round(rounded(group_share, 1, precision) - population_share, 1)  # the share as shown
    if gap == 0:
        words = {
            "about": "about in proportion to their share", "at-most": "no more than their share",
            "about-or-less": "about their share or less",
        }.get(precision, "in proportion to their share")
    else:
        points = f"{abs(gap):,.1f}".removesuffix(".0")
        unit = "percentage point" if abs(gap) == 1 else "percentage points"
        limit = "at most " if gap > 0 else "at least "  # a share that may be smaller is at most so far above
        bound = {"at-most": limit, "about": "about ", "about-or-less": f"{limit}about "}.get(precision, "")
        words = f"{bound}{points} {unit} {'below' if gap < 0 else 'above'} their share"
    return f"{label} were {percent(group_share, precision)} of those who took part, {against}: {words}."
