"""The Format 2 parts of a synthetic record: what real published sources give, and no more.

Months without a day, counts nobody recorded, rough numbers, percentages from someone
else's survey, partners, phases and board decisions (one reversed). Kept apart from
the rest of the generator and drawn from a random stream of their own, so that the rest of a corpus for a
given seed stays as it was.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

PARTNERS = (
    "Healthwatch {area}", "{area} Council", "the local carers centre", "the community and voluntary services council",
    "the neighbouring ICB", "the hospital trust", "the mental health trust",
)
LEVELS = ("inform", "consult", "consult", "involve", "collaborate", "co-produce")
WAYS = ("practice-patient-groups", "reader-panel-method", "community-outreach-method")
SOURCES = ("The provider's own patient survey", "Healthwatch's report", "A national charity's survey of its members")
BOARDS = ("The ICB board", "The primary care commissioning committee", "The quality committee")
DOCUMENT_KINDS = {"Full report": "report", "Easy read summary": "report", "Survey questions": "other", "Equality impact assessment": "eqia"}


class Format2:
    """Choices for the Format 2 fields of each record, from a stream seeded apart."""

    def __init__(self, seed: int, area: str):
        self.rng = random.Random(f"format2-{seed}")
        self.area = area

    def written(self, day: date, chance: float = 0.1) -> str:
        """A date as a source might give it: usually the day, sometimes only the month."""
        return day.strftime("%Y-%m") if self.rng.random() < chance else day.isoformat()

    def who(self, scalar) -> list[str]:
        rng = self.rng
        lines = [f"involvement: {rng.choice(LEVELS)}", f"ways: [{', '.join(rng.sample(WAYS, rng.randint(1, 2)))}]"]
        if rng.random() < 0.1:
            lines.append(f"led_by: {scalar(f'Healthwatch {self.area}')}")
        if rng.random() < 0.2:
            partners = [p.format(area=self.area) for p in rng.sample(PARTNERS, rng.randint(1, 2))]
            lines.append(f"partners: [{', '.join(scalar(p) for p in partners)}]")
        return lines

    def participants(self, participants: int, counted_groups: bool) -> list[str]:
        """reach.participants, its precision, and a note when it was not recorded."""
        chance = self.rng.random()
        if chance < 0.05 and not counted_groups:
            return ["  participants: unknown", "  participants_note: Only the written replies were kept; nobody counted the people at events."]
        lines = [f"  participants: {participants}"]
        if chance < 0.15:
            lines.append(f"  participants_precision: {self.rng.choice(('about', 'at-least'))}")
            lines.append("  participants_note: Counted from sign-in sheets, which not everyone filled in.")
        return lines

    def methods(self, names: list[str], participants: int, scalar) -> str:
        if self.rng.random() >= 0.2:
            return f"  methods: [{', '.join(scalar(m) for m in names)}]"
        first, *rest = names
        counted = f"{{name: {scalar(first)}, count: {self.rng.randint(1, participants)}}}"
        return f"  methods: [{', '.join([counted, *(scalar(m) for m in rest)])}]"

    def share(self, scalar) -> list[str] | None:
        """A theme's share of participants, instead of its count, now and then."""
        if self.rng.random() >= 0.2:
            return None
        lines = [f"    share: {self.rng.randint(50, 999) / 10}"]
        if self.rng.random() < 0.5:
            lines.append(f"    source: {scalar(self.rng.choice(SOURCES))}")
        return lines

    def completed(self, day: date) -> str:
        return "unknown" if self.rng.random() < 0.05 else self.written(day)

    def feedback_date(self, day: date) -> str:
        return "unknown" if self.rng.random() < 0.05 else self.written(day)

    def phases_and_decisions(self, start: date, closed: date, scalar) -> list[str]:
        """Phases and board decisions for a formal consultation; sometimes a decision reversed."""
        rng = self.rng
        lines = ["phases:"]
        lines += ["  - name: Listening before the proposals", f"    start: {start.isoformat()}", f"    end: {(start + timedelta(days=6)).isoformat()}"]
        lines += ["  - name: Public consultation", f"    start: {(start + timedelta(days=7)).isoformat()}", f"    end: {max(closed, start + timedelta(days=7)).isoformat()}"]
        decided = closed + timedelta(days=rng.randint(30, 90))
        lines += ["decisions:", f"  - date: {self.written(decided)}", f"    by: {scalar(rng.choice(BOARDS))}",
                  "    decision: Go ahead with the proposal, with the changes people asked for.", "    outcome: agreed"]
        if rng.random() < 0.3:
            later = decided + timedelta(days=rng.randint(60, 200))
            lines += [f"  - date: {later.isoformat()}", f"    by: {scalar(rng.choice(BOARDS))}",
                      "    decision: Keep the service as it is, after new evidence on travel times.", "    outcome: reversed",
                      f"    document: https://example.nhs.uk/board/{later.isoformat()}-minutes.pdf"]
        return lines

    @staticmethod
    def document_kind(title: str) -> str:
        return DOCUMENT_KINDS.get(title.removesuffix(" (PDF)"), "other")
