"""Advice on action statuses that may be out of date, for the reader panel's preview.

An action that is planned or in progress says so "as at" its latest update (else the
record's `updated`). When that date (a month's last day) is more than six months before the build date, the
status may no longer be true: staff are advised to add an update or change the status.
It is advice, not an error, so it is logged at INFO and shown in the record's report.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from yswd.content.records import EngagementFile
from yswd.content.model import status_as_at
from yswd.dates import last_day, uk_date
from yswd.guards.readability import Advice

STALE_MONTHS = 6
OPEN_STATUSES = ("planned", "in-progress")


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def stale_statuses(records: Iterable[EngagementFile], today: date) -> list[Advice]:
    """Advice for each planned or in-progress action whose status is over six months old."""
    cutoff = months_before(today, STALE_MONTHS)
    advice = []
    for record in records:
        engagement = record.engagement
        for index, action in enumerate(engagement.we_did):
            as_at = status_as_at(engagement, action)
            if action.status in OPEN_STATUSES and last_day(as_at) < cutoff:
                advice.append(
                    Advice(
                        record.source.path,
                        record.source.line("we_did", index, "status"),
                        f"we_did[{action.id}].status",
                        f"status may be out of date: it says {action.status} as at {uk_date(as_at)}, more than "
                        f"{STALE_MONTHS} months ago. Add an update with today's news, or change the status.",
                        kind="status",
                    )
                )
    return advice
