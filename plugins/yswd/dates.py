"""Financial years and the one build date.

A record belongs to the financial year of its start; NHS years run April to March and are
labelled "2025-26". The build date is the only date taken from outside the content, so
that two builds of the same content with the same SOURCE_DATE_EPOCH are identical.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Mapping

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A twelve-month year starting on the first of `start_month`."""

    start_year: int
    start_month: int = 4

    @classmethod
    def of(cls, day: date, start_month: int = 4) -> FinancialYear:
        year = day.year if day.month >= start_month else day.year - 1
        return cls(year, start_month)

    @classmethod
    def from_label(cls, label: str, start_month: int = 4) -> FinancialYear | None:
        """The year named by a label such as "2025-26" (or "2025" for calendar years)."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", label)
        if not match:
            return None
        year = cls(int(match.group(1)), start_month)
        return year if year.label == label else None

    @property
    def label(self) -> str:
        if self.start_month == 1:
            return str(self.start_year)
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start_year, self.start_month, 1)

    @property
    def last_day(self) -> date:
        following = self.next.first_day
        return date.fromordinal(following.toordinal() - 1)

    @property
    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1, self.start_month)

    @property
    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1, self.start_month)

    @property
    def span_words(self) -> str:
        """When such years run, in words: "1 April to 31 March"."""
        first, last = self.first_day, self.last_day
        return f"{first.day} {MONTHS[first.month - 1]} to {last.day} {MONTHS[last.month - 1]}"

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return self.label


def build_date(environ: Mapping[str, str] = os.environ) -> date:
    """Today for this build: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(tz=timezone.utc).date()
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise BuildDateError(BAD_EPOCH) from None


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set, but not to a time we can use."""


BAD_EPOCH = (
    "SOURCE_DATE_EPOCH should be a whole number of seconds since 1 January 1970 (such as 1764547200 "
    "for 1 December 2025), or not set at all."
)


class MonthDate(date):
    """A date known only to the month (written `2017-06`).

    It is the month's first day wherever dates are compared, sorted or put in a financial
    year, so it works everywhere a date does; but it shows, and is written out, as the month
    alone ("June 2017", `2017-06`), so no page or download shows a day nobody wrote.
    """

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def __add__(self, other):  # a day later is a day, not a month
        return date(self.year, self.month, self.day) + other

    __radd__ = __add__

    @property
    def last_day(self) -> date:
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)


def is_month(day: date | None) -> bool:
    return isinstance(day, MonthDate)


def last_day(day: date) -> date:
    """The last day a date covers: the day itself, or a month's last day (an `end` runs to it)."""
    return day.last_day if isinstance(day, MonthDate) else day


def uk_date(day: date) -> str:
    """A date as people in the UK write it: 15 August 2025, or June 2017 when only the month is known."""
    if isinstance(day, MonthDate):
        return month_year(day)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: date) -> str:
    """June 2025."""
    return f"{MONTHS[day.month - 1]} {day.year}"
