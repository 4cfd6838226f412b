"""Synthetic engagement records: front matter using every field of the content format, and a body.

Every choice comes from the generator's one `random.Random`, and the steps of `record` run
in the order they draw numbers: reordering them (or adding a draw in the middle) changes
every corpus made from a seed, so a new field draws its numbers after the ones before it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from yswd.content.records import ENGAGEMENTS_DIR
from yswd.content.values import slugify
from yswd.dates import FinancialYear

from .phrases import (
    AREAS,
    BODY_ENDINGS,
    BODY_MIDDLES,
    BODY_OPENINGS,
    COMMENTS,
    DETAILS,
    FEEDBACK,
    GROUPS,
    IMPACTS,
    OWNERS,
    PLACES,
    QUOTES,
    SUMMARY,
    TAKE_PART,
    THEMES,
    TOPICS,
    TYPES,
    UPDATES,
)
from .format2 import Format2
from .site_files import COMMITMENTS, REQUIRED_APPROVALS, Organisation
from .text import capital, scalar

AS_OF = date(2026, 3, 31)
"""The corpus is written as if on this date: actions done by then, later ones planned."""

FIRST_START = date(2020, 4, 1)
LAST_START = date(2026, 9, 30)
STATUS_WEIGHTS = (("published", 90), ("draft", 4), ("review", 4), ("withdrawn", 2))
ACTION_STATUSES = ("planned", "in-progress", "done", "not-taken-forward")


@dataclass
class Record:
    """One record as it is written: what its start decided, then its lines and attached files."""

    number: int
    """Counted from 1, and the end of the file name, so names never clash."""
    status: str
    title: str
    type_key: str
    topic_keys: list[str]
    locality_keys: list[str]
    stem: str
    folder: str
    start: date
    end: date | None
    year: FinancialYear
    fill: dict[str, str]
    lines: list[str] = field(default_factory=lambda: ["---"])
    attached: list[tuple[str, str]] = field(default_factory=list)
    action_statuses: list[str] = field(default_factory=list)
    latest: date = date.min
    """The last date the record mentions, for its `updated` field."""

    def __post_init__(self) -> None:
        self.latest = self.closed

    @property
    def closed(self) -> date:
        return self.end or self.start

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def saw(self, day: date) -> None:
        self.latest = max(self.latest, day)


class Synthesiser:
    """Makes an invented organisation, then records for it one by one."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        area, domain = self.rng.choice(AREAS)
        places = self.rng.sample(PLACES, 10)
        self.org = Organisation(
            name=f"{area} Integrated Care Board",
            area=area,
            domain=domain,
            localities={slugify(place): place for place in places},
            topics={key: label for key, (label, _) in TOPICS.items()},
        )
        self.format2 = Format2(seed, area)
        """Format 2 choices, drawn from a stream of their own so the rest of a corpus stays as it was."""
        self.unused_action_statuses = list(ACTION_STATUSES)
        """Handed out first, so every action status is present in any corpus with a few actions."""

    def day_between(self, first: date, last: date) -> date:
        span = (last - first).days
        return first + timedelta(days=self.rng.randint(0, max(span, 0)))

    def status(self, index: int) -> str:
        # The first four records take one status each, so every status is present in any
        # corpus of four or more; the rest follow the weights.
        if index < len(STATUS_WEIGHTS):
            order = [name for name, _ in STATUS_WEIGHTS]
            return order[(index * 3 + 1) % len(order)]
        return self.rng.choices([s for s, _ in STATUS_WEIGHTS], weights=[w for _, w in STATUS_WEIGHTS])[0]

    def record(self, index: int) -> Record:
        """Record number `index`, written in full (or, for some drafts, barely started)."""
        rng = self.rng
        record = self.begin(index)
        sparse = record.status == "draft" and rng.random() < 0.4
        if rng.random() < 0.2:
            record.lines.append(f"id: {record.stem}")
        record.lines += [f"title: {scalar(record.title)}", f"type: {record.type_key}", f"status: {record.status}"]
        if sparse:
            self.sparse_draft(record)
            return record
        self.about(record)
        participants = self.reach(record)
        themes = self.you_said(record, participants)
        self.we_did(record, themes)
        self.outcome(record, participants)
        if record.type_key == "formal-consultation":
            record.lines += self.format2.phases_and_decisions(record.start, record.closed, scalar)
        self.reviews(record)
        self.documents(record, themes)
        if rng.random() < 0.15:
            record.lines.append(f"updated: {(record.latest + timedelta(days=rng.randint(0, 30))).isoformat()}")
        record.lines.append("---")
        record.lines.append(self.body(record.fill))
        return record

    def begin(self, index: int) -> Record:
        """The status, type, topics, place, title, folder and dates of record number `index`."""
        rng = self.rng
        status = self.status(index)
        type_key = rng.choice(list(TYPES))
        title_pattern = TYPES[type_key][2]
        topic_keys = rng.sample(list(TOPICS), rng.choice((1, 1, 1, 2, 2, 3)))
        service = rng.choice(TOPICS[topic_keys[0]][1])
        area_wide = rng.random() < 0.12
        locality_keys = [] if area_wide else rng.sample(list(self.org.localities), rng.choice((1, 1, 1, 2, 3)))
        place = self.org.area if area_wide else self.org.localities[locality_keys[0]]
        title = title_pattern.format(Service=capital(service), service=service, Place=place, place=place)
        if rng.random() < 0.3:
            title += f" in {place}" if not area_wide and "{place}" not in title_pattern.lower() else f" ({rng.choice(('first round', 'follow-up', 'second phase', 'pilot'))})"
        stem = f"{slugify(title)[:60].strip('-')}-{index + 1}"
        start = self.day_between(FIRST_START, LAST_START)
        year = FinancialYear.of(start)
        folder = f"{ENGAGEMENTS_DIR}/{year.label}/{'area-wide' if area_wide else locality_keys[0]}"
        single_day = type_key in ("patient-story", "ppg-meeting", "reader-panel")
        end = None if single_day and rng.random() < 0.6 else start + timedelta(days=0 if single_day else rng.choice((14, 21, 28, 42, 56, 84, 90)))
        fill = {"service": service, "Service": capital(service), "place": place, "domain": self.org.domain,
                "Topic": TOPICS[topic_keys[0]][0], "pcn": "PCN", "ics": "ICS"}
        return Record(index + 1, status, title, type_key, topic_keys, locality_keys, stem, folder, start, end, year, fill)

    def sparse_draft(self, record: Record) -> None:
        """A draft barely started: a start date, perhaps a summary, and a line of notes."""
        record.lines.append(f"start: {record.start.isoformat()}")
        if self.rng.random() < 0.5:
            record.lines.append(f"summary: {scalar(self.rng.choice(SUMMARY).format(**record.fill))}")
        record.lines.append("---")
        record.lines.append(f"Draft notes: we plan to ask people about {record.fill['service']}.")

    def about(self, record: Record) -> None:
        """Summary, topics, places, dates, how to take part, old addresses and commitments."""
        rng, lines, end = self.rng, record.lines, record.end
        lines.append(f"summary: {scalar(rng.choice(SUMMARY).format(**record.fill))}")
        lines.append(f"topics: [{', '.join(record.topic_keys)}]")
        if record.locality_keys or rng.random() < 0.5:
            lines.append(f"localities: [{', '.join(record.locality_keys)}]")
        month_only = self.format2.rng.random() < 0.1
        lines.append(f"start: {record.start.strftime('%Y-%m') if month_only else record.start.isoformat()}")
        if end:
            lines.append(f"end: {end.strftime('%Y-%m') if month_only else end.isoformat()}")
        lines += self.format2.who(scalar)
        if end and end >= AS_OF - timedelta(days=30):
            lines.append(f"take_part: {scalar(rng.choice(TAKE_PART).format(**record.fill))}")
        if rng.random() < 0.03:
            lines.append(f"aliases: [{record.stem}-old, {record.year.start_year}-{slugify(record.fill['service'])}-{record.number}]")
        if rng.random() < 0.6:
            lines.append(f"commitments: [{', '.join(rng.sample(COMMITMENTS, rng.choice((1, 1, 2))))}]")

    def reach(self, record: Record) -> int:
        """Who took part, and the aims set at the start (met, and missed); returns the participants."""
        rng, lines = self.rng, record.lines
        participants = int(round(10 ** rng.uniform(0.5, 3.6)))
        group_keys = rng.sample(list(GROUPS), rng.randint(0, 4))
        groups = {key: rng.randint(0, participants) // rng.choice((1, 2, 4, 8)) for key in group_keys}
        aims = []
        if rng.random() < 0.7:
            target = max(1, int(participants * rng.choice((0.5, 0.8, 0.9, 1.0, 1.1, 1.5, 2.0))))
            aims.append((f"Hear from at least {target:,} people", "participants", target))
        for key in group_keys[:1]:
            if rng.random() < 0.5:
                target = max(1, int(groups[key] * rng.choice((0.5, 1.0, 1.3, 2.0))))
                aims.append((f"Hear from at least {target:,} {GROUPS[key].split(' (')[0].lower()}", key, target))
        if aims:
            lines.append("aims:")
            for text, measure, target in aims:
                lines += [f"  - text: {scalar(text)}", f"    measure: {measure}", f"    target: {target}"]
        lines.append("reach:")
        lines += self.format2.participants(participants, bool(groups))
        if groups:
            lines.append(f"  groups: {{{', '.join(f'{k}: {v}' for k, v in groups.items())}}}")
        type_methods = TYPES[record.type_key][1]
        lines.append(self.format2.methods(rng.sample(type_methods, rng.randint(1, min(3, len(type_methods)))), participants, scalar))
        return participants

    def you_said(self, record: Record, participants: int) -> list[tuple[str, str, list[str], list[str]]]:
        """The themes people raised; returns them, for the actions that answer them."""
        rng, lines = self.rng, record.lines
        themes = rng.sample(THEMES, rng.choice((1, 2, 2, 3, 3, 4, 5)))
        lines.append("you_said:")
        for theme_id, theme, _, _ in themes:
            lines += [f"  - id: {theme_id}", f"    theme: {scalar(theme.format(**record.fill))}"]
            if rng.random() < 0.3:
                lines += ["    detail: |-", *("      " + line if line else "" for line in rng.choice(DETAILS).split("\n"))]
            if rng.random() < 0.7:
                count = rng.randint(1, participants)
                lines += self.format2.share(scalar) or [f"    count: {count}"]
            if rng.random() < 0.35:
                lines.append(f"    quote: {scalar(rng.choice(QUOTES))}")
        return themes

    def we_did(self, record: Record, themes: list[tuple[str, str, list[str], list[str]]]) -> None:
        """At least one action for every theme (a draft may leave some unanswered)."""
        rng = self.rng
        record.lines.append("we_did:")
        action_number = 0
        for t_index, (theme_id, _, actions, reasons) in enumerate(themes):
            if record.status == "draft" and t_index > 0 and rng.random() < 0.3:
                continue
            for a_index, action in enumerate(rng.sample(actions, rng.choice((1, 1, 1, 2)) if len(actions) > 1 else 1)):
                action_number += 1
                responds = [theme_id]
                if t_index + 1 < len(themes) and rng.random() < 0.15:
                    responds.append(themes[t_index + 1][0])
                ids = (f"{theme_id}-{a_index + 1}", f"action-{action_number}")
                self.action(record, ids, responds, action, reasons)

    def action(self, record: Record, ids: tuple[str, str], responds: list[str], action: str, reasons: list[str]) -> None:
        """One action (its id one of `ids`): status and progress, owner, dates and timeline of updates."""
        rng, lines, closed, fill = self.rng, record.lines, record.closed, record.fill
        action_status = self.action_status(closed, bool(reasons))
        record.action_statuses.append(action_status)
        lines += [
            f"  - id: {ids[0] if rng.random() < 0.6 else ids[1]}",
            f"    responds_to: [{', '.join(responds)}]",
            f"    action: {scalar(action.format(**fill))}",
            f"    status: {action_status}",
        ]
        if action_status == "in-progress":
            lines.append(f"    progress: {rng.randrange(5, 100, 5)}")
        elif action_status == "planned" and rng.random() < 0.3:
            lines.append("    progress: 0")
        elif action_status == "done" and rng.random() < 0.3:
            lines.append("    progress: 100")
        if action_status == "not-taken-forward":
            lines.append(f"    reason: {scalar((rng.choice(reasons) if reasons else 'Other changes already solved this problem.').format(**fill))}")
        lines.append(f"    owner: {scalar(rng.choice(OWNERS).format(**fill))}")
        due = closed + timedelta(days=rng.choice((60, 90, 120, 180, 270, 365)))
        if action_status != "not-taken-forward" and rng.random() < 0.8:
            lines.append(f"    due: {due.isoformat()}")
            record.saw(due)
        completed = None
        if action_status == "done":
            completed = min(AS_OF, closed + timedelta(days=rng.randint(14, 400)))
            lines.append(f"    completed: {self.format2.completed(completed)}")
            record.saw(completed)
        if action_status in ("in-progress", "done") and rng.random() < 0.6:
            last = completed or min(AS_OF, closed + timedelta(days=300))
            days = sorted(self.day_between(closed, max(closed, last)) for _ in range(rng.randint(1, 4)))
            lines.append("    updates:")
            for day, text in zip(days, rng.sample(UPDATES, len(days))):
                lines += [f"      - date: {day.isoformat()}", f"        text: {scalar(text)}"]
                record.saw(day)

    def action_status(self, closed: date, can_decline: bool) -> str:
        if self.unused_action_statuses:
            return self.unused_action_statuses.pop(0)
        age = (AS_OF - closed).days
        if age < 0:
            return self.rng.choice(("planned", "planned", "in-progress"))
        weights = [1, 3, 8, 1 if can_decline else 0] if age > 365 else [3, 5, 3, 1 if can_decline else 0]
        return self.rng.choices(ACTION_STATUSES, weights=weights)[0]

    def outcome(self, record: Record, participants: int) -> None:
        """The impact, how people were told, and what they thought of taking part."""
        rng, lines = self.rng, record.lines
        told_people = record.status in ("published", "withdrawn")
        if told_people and "done" in record.action_statuses and rng.random() < 0.5:
            lines.append(f"impact: {scalar(rng.choice(IMPACTS))}")
        if told_people and rng.random() < 0.75:
            told = record.closed + timedelta(days=rng.randint(20, 120))
            lines += ["feedback_given:", f"  date: {self.format2.feedback_date(told)}", f"  how: {scalar(rng.choice(FEEDBACK))}"]
            record.saw(told)
        if rng.random() < 0.4:
            responses = rng.randint(1, participants)
            rating = rng.randint(20, 50) / 10
            lines += ["evaluation:", f"  responses: {responses}", f"  rating: {rating}"]

    def reviews(self, record: Record) -> None:
        """Reader-panel verdicts: enough approvals after the last request for changes when published."""
        verdicts = self.verdicts(record.status, record.closed)
        if verdicts:
            record.lines.append("reviews:")
            for reviewer, day, verdict, comment in verdicts:
                record.lines += [f"  - reviewer: {reviewer}", f"    date: {day.isoformat()}", f"    verdict: {verdict}"]
                if comment:
                    record.lines.append(f"    comments: {scalar(comment)}")
                record.saw(day)

    def verdicts(self, status: str, closed: date) -> list[tuple[str, date, str, str | None]]:
        rng = self.rng
        if status == "draft" and rng.random() < 0.7:
            return []
        codes = rng.sample([f"RP-{n:02d}" for n in range(1, 41)] + ["ERP-3", "ERP-11"], 4)
        day = closed + timedelta(days=rng.randint(7, 40))
        verdicts = []
        if status in ("published", "withdrawn"):
            if rng.random() < 0.25:
                verdicts.append((codes[2], day, "changes-requested", rng.choice(COMMENTS)))
                day += timedelta(days=rng.randint(1, 14))
            for code in codes[:REQUIRED_APPROVALS]:
                verdicts.append((code, day, "approved", rng.choice(COMMENTS) if rng.random() < 0.3 else None))
                day += timedelta(days=rng.randint(0, 3))
            if rng.random() < 0.1:
                # Listed out of date order: the rule sorts by date, so this is still approved.
                verdicts.reverse()
        else:
            verdicts.append((codes[0], day, rng.choice(("approved", "changes-requested")), rng.choice(COMMENTS)))
        return verdicts

    def documents(self, record: Record, themes: list[tuple[str, str, list[str], list[str]]]) -> None:
        """Web documents, and now and then a spreadsheet attached beside the record."""
        rng, stem = self.rng, record.stem
        documents = []
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 2)):
                kind = rng.choice(("Full report", "Easy read summary", "Survey questions", "Equality impact assessment"))
                scheme = "https" if rng.random() < 0.95 else "http"
                documents.append((f"{kind} (PDF)", f"{scheme}://www.{self.org.domain}.example.nhs.uk/documents/{stem}-{slugify(kind)}.pdf"))
        if rng.random() < 0.02:
            name = f"{stem}-summary.csv"
            record.attached.append((name, self.csv(themes)))
            documents.append(("Summary of responses (spreadsheet)", name))
        if documents:
            record.lines.append("documents:")
            for doc_title, url in documents:
                record.lines += [f"  - title: {scalar(doc_title)}", f"    url: {url}", f"    kind: {Format2.document_kind(doc_title)}"]

    def csv(self, themes: list[tuple[str, str, list[str], list[str]]]) -> str:
        rows = ["theme,people"] + [f"{theme_id},{self.rng.randint(1, 200)}" for theme_id, *_ in themes]
        return "\n".join(rows) + "\n"

    def body(self, fill: dict[str, str]) -> str:
        rng = self.rng
        parts = [rng.choice(BODY_OPENINGS).format(**fill)]
        parts.append(" ".join(rng.sample(BODY_MIDDLES, rng.randint(1, 3))).format(**fill))
        roll = rng.random()
        if roll < 0.25:
            parts.append("## Who we heard from\n\n" + "\n".join(f"- {m}" for m in rng.sample(BODY_MIDDLES, 2)).format(**fill))
        elif roll < 0.35:
            parts.append("| Where | Sessions |\n|---|---|\n" + "\n".join(f"| {p} | {rng.randint(1, 9)} |" for p in rng.sample(list(self.org.localities.values()), 2)))
        elif roll < 0.42:
            parts.append('!!! note "What a consultation is"\n    A consultation is not a vote: we weigh every view and publish how we decided.')
        elif roll < 0.47:
            parts.append('??? info "How we kept answers anonymous"\n    We removed names and anything else that could identify a person before analysing the answers.')
        elif roll < 0.52:
            parts.append("Drop-in\n:   An informal session where you can come and go.\n\nFocus group\n:   A small group discussion led by a facilitator.")
        if rng.random() < 0.3:
            parts.append(f"Read more about [{fill['service']} on the NHS website](https://www.nhs.uk/).")
        parts.append(rng.choice(BODY_ENDINGS))
        return "\n\n".join(parts)
