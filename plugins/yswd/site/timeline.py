"""An engagement's timeline: its phases, decisions and the updates on its actions, in date order.

A month date sorts by its first day, so "June 2017" comes before 15 June 2017. Entries on
the same day keep the order phase, decision, update, then the order they were written in,
so a decision that reverses an earlier one always follows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from yswd.content.model import Action, Decision, Engagement, Phase, Update

KIND_ORDER = {"phase": 0, "decision": 1, "update": 2}


@dataclass(frozen=True)
class Entry:
    """One dated thing that happened."""

    day: date
    kind: str
    """phase, decision or update."""
    phase: Phase | None = None
    decision: Decision | None = None
    action: Action | None = None
    update: Update | None = None


def timeline(engagement: Engagement) -> list[Entry]:
    entries = [Entry(p.start, "phase", phase=p) for p in engagement.phases]
    entries += [Entry(d.date, "decision", decision=d) for d in engagement.decisions]
    entries += [Entry(u.date, "update", action=a, update=u) for a in engagement.we_did for u in a.updates]
    order = {id(entry): index for index, entry in enumerate(entries)}
    return sorted(entries, key=lambda e: (e.day, KIND_ORDER[e.kind], order[id(e)]))
