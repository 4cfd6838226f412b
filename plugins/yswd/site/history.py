"""What a record's page and open data say about its history: first published, last changed and
the changes, from the commits git gives (content/history.py).

Two rules decide what is shown:
- the public sees only commits made while the record was published (its status in that
  commit's version of the file), so nothing from a draft's life leaks out: not the dates, not
  the commit subjects. The reader panel's build lists every commit, with the status then;
- a commit subject is untrusted text. It is shown escaped, cut to a sensible length, and only
  if the personal-data guard finds nothing in it. A subject with (say) an e-mail address is
  withheld from the page and the data, the change still listed by date, and the build logs
  advice. Not an error: git history is permanent, so an error would stop every build until
  the repository's history was rewritten, while withholding keeps the text off the site now.
"""

from __future__ import annotations

import re
from datetime import date

from pathlib import Path

from yswd.content.history import Commit, FileHistory, RepositoryHistory, read_history
from yswd.content.model import Engagement, latest_date
from yswd.content.records import EngagementFile, Layout
from yswd.dates import uk_date
from yswd.guards.patterns import Allowed, find_personal_data
from yswd.problems import Problem
from yswd.site.pages import ShownChange, ShownHistory, SitePlan
from yswd.site.plan import VISIBLE

SUBJECT_LIMIT = 200
"""Characters of a commit subject shown; longer ones are cut with an ellipsis."""
SHOWN_ON_PAGE = 10
"""Changes listed on a record's page; the open data lists them all."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")


def last_changed(engagement: Engagement, history: ShownHistory | None, today: date) -> date | None:
    """The "Last changed" a record's page shows: its latest commit this audience may see, else its
    latest date (`latest_date`). Never a day after the build date: that is a plan (a draft's
    future start, say), not a change, and then nothing is shown rather than a day in the future."""
    changed = history.last_changed if history and history.last_changed else latest_date(engagement)
    return changed if changed <= today else None


def clean_subject(subject: str) -> str:
    """One line of plain text: no control or direction-changing characters, not too long."""
    text = " ".join(_CONTROL.sub(" ", subject).split())
    return text if len(text) <= SUBJECT_LIMIT else text[: SUBJECT_LIMIT - 1].rstrip() + "…"


def add_histories(plan: SitePlan, layout: Layout) -> list[Problem]:
    """Read the site's git history and give the plan each visible record's; returns advice to log."""
    root = layout.root.resolve()
    paths = {record.id: root / record.source.path for record in plan.engagements}
    history = read_history((layout.docs_dir / layout.engagements_dir).resolve(), list(paths.values()))
    org = plan.organisation
    allowed = Allowed(tuple(a.text for a in org.personal_data.allow), org.contact_email)
    plan.histories, advice = shown_histories(plan.engagements, history, paths, VISIBLE[plan.audience], allowed)
    return advice


def shown_histories(
    records: list[EngagementFile],
    history: RepositoryHistory | None,
    paths: dict[str, Path],
    statuses: tuple[str, ...],
    allowed: Allowed,
) -> tuple[dict[str, ShownHistory], list[Problem]]:
    """Each record's history for an audience that may see `statuses`, and advice on withheld subjects.

    `paths` gives each record id's file as `history.files` names it.
    """
    if history is None:
        return {}, []
    shown: dict[str, ShownHistory] = {}
    withheld: dict[str, tuple[Commit, set[str], list[str]]] = {}
    """Commit id -> the commit, what its subject looks like, the records whose pages leave it out."""
    for record in records:
        found = history.files.get(paths[record.id]) if record.id in paths else None
        if found is None or not found.commits:
            continue
        record_allowed = allowed.with_texts(a.text for a in record.engagement.allow_personal_data)
        changes = []
        for commit in found.commits:
            if commit.status not in statuses:
                continue
            description, kinds = _screen(commit, record_allowed)
            changes.append(ShownChange(commit.day, commit.id, description, commit.status))
            if kinds:
                entry = withheld.setdefault(commit.id, (commit, set(), []))
                entry[1].update(kinds)
                entry[2].append(record.source.path)
        first, exact = _first_published(found)
        if changes or first:
            missing = None if found.complete else history.shallow_since
            shown[record.id] = ShownHistory(tuple(changes), first, exact, missing)
    return shown, [_advice(*entry) for entry in withheld.values()]


def _first_published(found: FileHistory) -> tuple[date | None, bool]:
    published = [c for c in found.commits if c.status == "published"]
    if not published:
        return None, True
    oldest = published[-1]
    return oldest.day, found.complete or oldest is not found.commits[-1]


def _screen(commit: Commit, allowed: Allowed) -> tuple[str | None, set[str]]:
    """The subject to show, or None with what it looks like when the guard finds personal data."""
    subject = clean_subject(commit.subject)
    hits = find_personal_data(subject, allowed)
    return (None, {hit.looks_like for hit in hits}) if hits else (subject or None, set())


def _advice(commit: Commit, kinds: set[str], paths: list[str]) -> Problem:
    others = len(paths) - 1
    pages = "the record's page" + (f" (and {others} other record{'s' if others != 1 else ''}' pages)" if others else "")
    return Problem(
        paths[0],
        1,
        "history",
        f"the description of commit {commit.id[:10]} ({uk_date(commit.day)}) looks like it holds "
        f"{' and '.join(sorted(kinds))}, so it is not shown on {pages} or in the open data; the change is "
        "still listed by its date. This is advice, not an error: git keeps every commit message for good, "
        "so it can't be fixed by editing a record. Keep personal data out of commit messages.",
    )
