"""Rules that span fields and records, run after every file has been read.

Each rule is a small generator of `Problem`s. `check` runs them all, so one run reports
every problem in the site. Values echoed in messages are only ids and keys (short names
staff chose), never free text, which might hold personal data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from yswd.content.approval import approvals_still_needed
from yswd.content.characters import ZERO_WIDTH, ZERO_WIDTH_MESSAGE
from yswd.content.documents import attached_path, document_problem
from yswd.content.markdown_limits import markdown_field_problems, markdown_trouble
from yswd.content.records import Content, EngagementFile
from yswd.content.settings_rules import organisation_rules, population_rules, strategy_rules
from yswd.content.values import is_slug
from yswd.dates import is_month, last_day
from yswd.problems import Problem, closest, did_you_mean

PUBLIC_STATUSES = ("review", "published")
"""Statuses whose records must be complete: they are read by the panel or the public."""



def check(content: Content, docs_dir: Path) -> list[Problem]:
    """Every cross-field and cross-record problem in the site."""
    problems: list[Problem] = list(unique_ids(content.engagements))
    for record in content.engagements:
        for rule in RECORD_RULES:
            problems.extend(rule(record, content))
        problems.extend(documents(record, docs_dir))
    if content.strategy is not None and content.strategy_source is not None:
        problems.extend(strategy_rules(content, docs_dir))
    if content.organisation is not None and content.organisation_source is not None:
        problems.extend(organisation_rules(content, docs_dir))
    problems.extend(population_rules(content))
    return problems


RecordRule = Callable[[EngagementFile, Content], Iterable[Problem]]


def unique_ids(records: list[EngagementFile]) -> Iterator[Problem]:
    """Ids and aliases are unique across the site: each becomes a web address.

    Every use of a shared name is reported, each naming the other files, so the problem
    shows in whichever file staff are editing.
    """
    uses: dict[str, list[tuple[EngagementFile, str, tuple]]] = {}
    for record in records:
        id_line = ("id",) if record.engagement.id else ()
        uses.setdefault(record.id, []).append((record, "id", id_line))
        for index, alias in enumerate(record.engagement.aliases or []):
            uses.setdefault(alias, []).append((record, f"aliases[{index + 1}]", ("aliases", index)))
    for name, found in uses.items():
        if len(found) < 2:
            continue
        for record, label, where in found:
            others = sorted({r.source.path for r, _, _ in found if r is not record})
            if not others and label == "id":
                continue  # an alias repeating its own record's id: reported at the alias
            what = " and ".join(others) if others else "this record's own id or another alias"
            origin = "" if where or label != "id" else " (the id comes from the file name)"
            yield Problem(
                record.source.path,
                record.source.line(*where) if where else 1,
                label,
                f"is also used as an id or alias by {what}{origin}. Every id and alias must be different.",
            )


def _unknown_key(record: EngagementFile, where: tuple, label: str, key: str, choices, kind: str, subject: str = "is") -> Problem:
    """An unknown key, with the nearest known one: by key, or by the name it is shown as.

    The value itself is never repeated: it may be personal data written in the wrong place.
    A suggestion is always a key the site defines.
    """
    listed = ", ".join(choices) if choices else "none yet"
    names = {name.lower(): k for k, name in choices.items()} if isinstance(choices, dict) else {}
    match = closest(key, choices) or names.get(closest(key, names) or "")
    suggestion = f' Did you mean "{match}"?' if match else ""
    advice = "" if is_slug(key) or suggestion else " Keys are written in lower case, with hyphens instead of spaces."
    return Problem(
        record.source.path,
        record.source.line(*where),
        label,
        f"{subject} not one of the {kind}.{suggestion}{advice} The ones we know are: {listed}.",
    )


def taxonomy_keys(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """Type, topics, localities, groups, aims and commitments use keys that exist."""
    engagement = record.engagement
    org, strategy = content.organisation, content.strategy
    if org is not None:
        if engagement.type is not None and engagement.type not in org.engagement_types:
            yield _unknown_key(record, ("type",), "type", engagement.type, org.engagement_types, f"engagement_types in {content.files.organisation}")
        for name, known, plural in (("topics", org.topics, "topics"), ("localities", org.localities, "localities")):
            for index, key in enumerate(getattr(engagement, name)):
                if key not in known:
                    yield _unknown_key(record, (name, index), f"{name}[{index + 1}]", key, known, f"{plural} in {content.files.organisation}")
        if engagement.reach:
            for key in engagement.reach.groups:
                if key not in org.groups:
                    yield _unknown_key(record, ("reach", "groups", key), "reach.groups", key, org.groups, f"groups in {content.files.organisation}", "has a key that is")
        measures = ["participants", *org.groups]
        for index, aim in enumerate(engagement.aims):
            if aim.measure not in measures:
                yield _unknown_key(record, ("aims", index, "measure"), f"aims[{index + 1}].measure", aim.measure, measures, "measures (participants, or a key of groups)")
    if strategy is None and content.strategy_written:
        return  # strategy.yml has problems of its own; its ids can't be known
    for name, ids, kind in (
        ("commitments", [c.id for c in strategy.commitments] if strategy else [], "commitments"),
        ("ways", [m.id for m in strategy.methods] if strategy else [], "methods (ways to take part)"),
    ):
        for index, key in enumerate(getattr(engagement, name)):
            if key not in ids:
                strategy_file = content.files.strategy
                where = f"{kind} in {strategy_file}" if strategy else f"{kind} (there is no {strategy_file})"
                yield _unknown_key(record, (name, index), f"{name}[{index + 1}]", key, ids, where)


def dates_in_order(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """end is on or after start (a month end runs to its last day), for the record and each
    phase; each action's updates are in order (a month by its first day, as the timeline sorts
    them) and not before start (a month update may be in the start's month)."""
    engagement = record.engagement
    source = record.source
    for index, phase in enumerate(engagement.phases):
        if phase.end and last_day(phase.end) < phase.start:
            yield Problem(source.path, source.line("phases", index, "end"), f"phases[{index + 1}].end", "is before this phase's start. The end date must be on or after the start date.")
    if engagement.start is None:
        return
    if engagement.end and last_day(engagement.end) < engagement.start:
        yield Problem(source.path, source.line("end"), "end", "is before start. The end date must be on or after the start date.")
    for a_index, action in enumerate(engagement.we_did):
        previous = None
        for u_index, update in enumerate(action.updates):
            where = ("we_did", a_index, "updates", u_index, "date")
            label = f"we_did[{action.id}].updates[{u_index + 1}].date"
            if last_day(update.date) < engagement.start:
                yield Problem(source.path, source.line(*where), label, "is before the engagement's start date.")
            if previous and update.date < previous:
                month = " (a month counts from its first day)" if is_month(update.date) or is_month(previous) else ""
                yield Problem(source.path, source.line(*where), label, f"is earlier than the update above it{month}. List updates oldest first.")
            previous = update.date


def reversals_follow_a_decision(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """A decision `reversed` overturns an earlier one, so one must come before it in the record:
    by date (a month by its first day), or on the same date and listed above it, as the timeline
    orders them."""
    decisions = record.engagement.decisions
    for index, decision in enumerate(decisions):
        if decision.outcome == "reversed" and not any(
            d.date < decision.date or (d.date == decision.date and i < index) for i, d in enumerate(decisions)
        ):
            yield Problem(
                record.source.path, record.source.line("decisions", index, "outcome"), f"decisions[{index + 1}].outcome",
                "is reversed, but there is no earlier decision in this record for it to reverse. Add the decision it "
                "overturned, with its date, above it; or, if this is the first decision, give its own outcome "
                "(agreed, not-agreed or deferred).",
            )


def counts_fit(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """Groups need a number of participants and are no larger than it; an unknown number says why."""
    reach = record.engagement.reach
    if reach is None or "reach" in record.invalid:
        return
    source = record.source
    if reach.participants_precision and reach.count is None:
        yield Problem(
            source.path, source.line("reach", "participants_precision"), "reach.participants_precision",
            "can only be given with a number of participants. Remove it, or give the number.",
        )
    if reach.unknown and not reach.participants_note:
        yield Problem(
            source.path, source.line("reach", "participants"), "reach.participants_note",
            "is required when participants is unknown: say why the number was not recorded, or what is known.",
        )
    if reach.groups and reach.unknown:
        yield Problem(
            source.path, source.line("reach", "groups"), "reach.groups",
            "needs a number of participants: a group can only be counted out of everyone who took part. "
            "Give reach.participants as a number, or remove the groups.",
        )
        return
    if reach.count is None:
        return
    known = content.organisation.groups if content.organisation else {}
    for key, count in reach.groups.items():
        if count > reach.count:
            yield Problem(
                record.source.path,
                record.source.line("reach", "groups", key),
                f"reach.groups.{key}" if key in known else "reach.groups",
                f"is {count}, more than the {reach.count} participants. A group can't be larger than everyone who took part.",
            )
    if reach.precision == "at-least":
        return  # a way with more people says only that "at least" was an understatement
    for index, method in enumerate(reach.counted_methods):
        if method.count is not None and method.count > reach.count:
            yield Problem(
                record.source.path, record.source.line("reach", "methods", index, "count"), f"reach.methods[{index + 1}].count",
                f"is {method.count}, more than the {reach.count} participants. No way of taking part can have more "
                "people than everyone who took part: check the numbers, or make participants the larger one.",
            )


def themes_and_actions(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """Theme and action ids are unique, responds_to points at real themes, statuses carry their facts."""
    engagement = record.engagement
    source = record.source
    theme_ids = [t.id for t in engagement.you_said]
    yield from _duplicates(record, "you_said", theme_ids, "theme")
    yield from _duplicates(record, "we_did", [a.id for a in engagement.we_did], "action")
    for index, theme in enumerate(engagement.you_said):
        if theme.share is not None and theme.count is not None:
            yield Problem(
                source.path, source.line("you_said", index, "share"), f"you_said[{theme.id}].share",
                "can't be given with count. Give count (how many people said it) or share (the per cent who said it), not both.",
            )
    for index, action in enumerate(engagement.we_did):
        label = f"we_did[{action.id}]"
        if not action.responds_to:
            yield Problem(source.path, source.line("we_did", index, "responds_to"), f"{label}.responds_to", "should list at least one theme id from you_said.")
        for r_index, theme_id in enumerate(action.responds_to):
            if theme_id not in theme_ids and "you_said" not in record.invalid:
                yield Problem(
                    source.path,
                    source.line("we_did", index, "responds_to", r_index),
                    f"{label}.responds_to",
                    f"is not the id of a theme in you_said.{did_you_mean(theme_id, theme_ids)}",
                )
        if action.status == "not-taken-forward" and not action.reason:
            yield Problem(source.path, source.line("we_did", index, "status"), f"{label}.reason", "is required when the status is not-taken-forward: say why we did not do it.")
        if action.status == "done" and not action.completed:
            yield Problem(source.path, source.line("we_did", index, "status"), f"{label}.completed", "is required when the status is done: give the date it was finished (YYYY-MM-DD, YYYY-MM, or unknown).")
        if action.completed is not None and action.status != "done":
            yield Problem(
                source.path, source.line("we_did", index, "completed"), f"{label}.completed",
                f"is only for an action that is done. This action is {action.status}: remove completed, or change the status to done.",
            )
        if action.reason and action.status != "not-taken-forward":
            yield Problem(
                source.path, source.line("we_did", index, "reason"), f"{label}.reason",
                f"is only for an action that is not-taken-forward, where it says why not. This action is {action.status}: "
                "remove reason, or put what it says in the action's text or an update.",
            )


def _duplicates(record: EngagementFile, name: str, ids: list[str], kind: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield Problem(
                record.source.path,
                record.source.line(name, index, "id"),
                f"{name}[{index + 1}].id",
                f"is the same as the id of another {kind} in this record. Give each {kind} its own id.",
            )
        seen.add(item_id)


def complete_when_shown(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """Records in review or published carry the whole story: summary, reach, themes, actions."""
    engagement = record.engagement
    if engagement.status not in PUBLIC_STATUSES:
        return
    source = record.source
    invalid = record.invalid
    why = f"is required when the status is {engagement.status}."
    if not engagement.summary and "summary" not in invalid:
        yield Problem(source.path, source.line(), "summary", why)
    if (engagement.reach is None or engagement.reach.participants is None) and "reach" not in invalid:
        yield Problem(source.path, source.line("reach"), "reach.participants", why + " Give the number, or unknown with a participants_note.")
    if not engagement.you_said and "you_said" not in invalid:
        yield Problem(source.path, source.line("you_said"), "you_said", f"needs at least one theme when the status is {engagement.status}.")
    if not engagement.we_did and "we_did" not in invalid:
        yield Problem(source.path, source.line("we_did"), "we_did", f"needs at least one action when the status is {engagement.status}.")
    answered = {theme_id for action in engagement.we_did for theme_id in action.responds_to}
    for index, theme in enumerate(engagement.you_said):
        if theme.id not in answered and engagement.we_did:
            yield Problem(
                source.path,
                source.line("you_said", index, "id"),
                f"you_said[{theme.id}]",
                "has no action in we_did that responds to it. Add an action with this id in its responds_to, "
                "even if the action is not-taken-forward with a reason.",
            )


def approved_before_publishing(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """A published record carries the reader-panel approvals the organisation requires."""
    engagement = record.engagement
    org = content.organisation
    if engagement.status != "published" or org is None or "reviews" in record.invalid:
        return
    needed = approvals_still_needed(engagement, org.review.required_approvals)
    if needed:
        required = org.review.required_approvals
        yield Problem(
            record.source.path,
            record.source.line("status"),
            "status",
            f"is published, but the record needs {needed} more reader-panel approval{'s' if needed != 1 else ''} "
            f"({required} different reviewer code{'s' if required != 1 else ''} must approve after the latest "
            "changes-requested). Add the reviews, or set the status to review.",
        )


def documents(record: EngagementFile, docs_dir: Path) -> Iterator[Problem]:
    """A document is a web address or a file beside the record, never outside its folder."""
    links = [(("documents", i, "url"), f"documents[{i + 1}].url", d.url) for i, d in enumerate(record.engagement.documents)]
    links += [
        (("decisions", i, "document"), f"decisions[{i + 1}].document", d.document)
        for i, d in enumerate(record.engagement.decisions)
        if d.document
    ]
    attached = frozenset(path for _, _, url in links if (path := attached_path(url, record.folder)) is not None)
    for where, label, url in links:
        problem = document_problem(url, record.folder, docs_dir, attached)
        if problem:
            yield Problem(record.source.path, record.source.line(*where), label, problem)


PARAGRAPH_LIMITS = (10_000, 100, 1_000)
"""Characters, [ and \\ in one Markdown paragraph: Python-Markdown slows with the square of a
paragraph's length, so one pasted blob could stall the build for minutes."""


def visible_titles(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """Titles name pages, tabs and feed entries: no zero-width character may hide in one.
    A rule, not a field check, so that the personal-data guard still reads the title."""
    e = record.engagement
    titles = [("title", e.title, ("title",))]
    titles += [(f"documents[{i + 1}].title", d.title, ("documents", i, "title")) for i, d in enumerate(e.documents)]
    for label, title, where in titles:
        if title and ZERO_WIDTH.search(title):
            yield Problem(record.source.path, record.source.line(*where), label, ZERO_WIDTH_MESSAGE)


def markdown_fits(record: EngagementFile, content: Content) -> Iterator[Problem]:
    """No staff Markdown is large or nested enough to stall or crash the build."""
    e = record.engagement
    source = record.source
    trouble = markdown_trouble(record.body, whole_file=True)
    if trouble:
        yield Problem(source.path, record.body_line + trouble[0], "body", trouble[1])
    texts = [(f"you_said[{t.id}].detail", t.detail, ("you_said", i, "detail")) for i, t in enumerate(e.you_said)]
    texts.append(("impact", e.impact, ("impact",)))
    yield from markdown_field_problems(source, texts)


RECORD_RULES: tuple[RecordRule, ...] = (
    markdown_fits,
    visible_titles,
    taxonomy_keys,
    dates_in_order,
    reversals_follow_a_decision,
    counts_fit,
    themes_and_actions,
    complete_when_shown,
    approved_before_publishing,
)
