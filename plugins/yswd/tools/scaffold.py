"""`yswd new`: start an engagement record from a template that explains every field.

The new record is a valid draft (title, type, status and start filled in) that passes
`yswd check` as it is. Every other field of the content format is there as a YAML comment:
a note on what it is for, and an example to uncomment. Nothing is ever overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from yswd.content.records import Content, Layout
from yswd.content.model import INVOLVEMENT_LEVELS
from yswd.content.values import is_slug, slugify
from yswd.dates import FinancialYear
from yswd.problems import did_you_mean
from yswd.site.words import counted

MAX_SLUG = 60


class ScaffoldError(Exception):
    """The record can't be written; the message says why and what to do."""


@dataclass(frozen=True)
class NewRecord:
    path: Path
    shown: str
    id: str


def create_record(
    content: Content,
    layout: Layout,
    title: str,
    engagement_type: str,
    folder: str | None,
    today: date,
) -> NewRecord:
    """Write a new draft record, or raise ScaffoldError saying why not."""
    organisation = content.organisation
    if organisation is None:
        raise ScaffoldError(
            f"{layout.shown(layout.organisation_path)} has problems, so the engagement types can't be read. "
            "Run yswd check and fix them first."
        )
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("Give the engagement a title, in quotes: yswd new \"Maternity scan appointments\" --type survey")
    types = list(organisation.engagement_types)
    if engagement_type not in types:
        listed = ", ".join(types) if types else "none yet"
        raise ScaffoldError(
            f'"{engagement_type}" is not one of the engagement_types in {layout.shown(layout.organisation_path)}.'
            f"{did_you_mean(engagement_type, types)} The ones we know are: {listed}."
        )
    slug = slugify(title, MAX_SLUG)
    if not slug or not is_slug(slug):
        raise ScaffoldError("The title needs some letters or digits to make a file name from.")
    if folder is None:
        folder = FinancialYear.of(today, organisation.financial_year_start_month).label
    relative = _safe_folder(folder)
    engagements = layout.docs_dir / layout.engagements_dir
    path = engagements / relative / f"{slug}.md"
    shown = layout.shown(path)
    if path.exists():
        raise ScaffoldError(
            f"{shown} already exists, and yswd new never overwrites a file. Open that file to carry on "
            "with it, or give the new engagement a different title."
        )
    for record in content.engagements:
        if slug == record.id or slug in record.engagement.aliases:
            raise ScaffoldError(
                f'The id "{slug}" is already used by {record.source.path}. Every record needs its own id: '
                "give the new engagement a different title (adding the year often helps)."
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    text = record_template(content, title, engagement_type, today)
    with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite, even in a race
        file.write(text)
    return NewRecord(path, shown, slug)


def _safe_folder(folder: str) -> PurePosixPath:
    written = folder.replace("\\", "/")
    relative = PurePosixPath(written.strip("/"))
    if written.startswith("/") or ".." in relative.parts or ":" in folder:
        raise ScaffoldError(
            "--folder should be a folder inside content/engagements, such as 2025-26 or maternity, "
            "not a path that leads elsewhere."
        )
    return relative


def _keys(mapping: dict[str, str]) -> str:
    return ", ".join(mapping) if mapping else "(none yet: add them to site_config/organisation.yml)"


def record_template(content: Content, title: str, engagement_type: str, today: date) -> str:
    """The text of a new draft record: required fields filled in, every other field explained."""
    organisation = content.organisation
    assert organisation is not None
    commitments = [c.id for c in content.strategy.commitments] if content.strategy else []
    ways = [m.id for m in content.strategy.methods] if content.strategy else []
    return TEMPLATE.format(
        title=json.dumps(title, ensure_ascii=False),
        type=engagement_type,
        today=today.isoformat(),
        slug=slugify(title, MAX_SLUG),
        types=_keys(organisation.engagement_types),
        topics=_keys(organisation.topics),
        localities=_keys(organisation.localities),
        groups=_keys(organisation.groups),
        example_groups=f"{{{next(iter(organisation.groups))}: 30}}" if organisation.groups else "{}",
        example_topic=next(iter(organisation.topics), ""),
        example_locality=next(iter(organisation.localities), ""),
        example_commitment=commitments[0] if commitments else "",
        commitments=", ".join(commitments) if commitments else "(none yet: see content/strategy.yml)",
        example_way=ways[0] if ways else "",
        ways=", ".join(ways) if ways else "(none yet: see methods in content/strategy.yml)",
        levels=", ".join(INVOLVEMENT_LEVELS),
        approvals=counted(organisation.review.required_approvals, "reader-panel approval"),
    )


TEMPLATE = """\
---
# A new engagement record. Lines starting with "# " are notes for you: they never appear
# on the site. Lines starting with "#" and a field name are examples: to use one, delete
# the # at the start of each of its lines, then change the example to your own words.
# Check your work at any time with: yswd check
#
# Never write personal data anywhere in this file, even in a draft: no patient names,
# NHS numbers, e-mail addresses, phone numbers, home postcodes or dates of birth. Drafts
# go to the reader panel, and git keeps every version for ever.

# ---- Needed now ---------------------------------------------------------------------------
# The engagement's name, as the public will see it.
title: {title}
# The kind of engagement. One of: {types}
type: {type}
# draft (being written), review (ready for the reader panel), published (on the public
# site) or withdrawn (taken down). Start with draft.
status: draft
# The day it started, written YYYY-MM-DD. When only the month is known, write the month
# alone, like 2025-06: the site then shows "June 2025" and never a day nobody wrote.
start: {today}

# ---- Needed before the status is review or published -------------------------------------
# One or two short sentences on what we asked and why. Aim for a reading age of 11 or
# less: run yswd readability to check.
#summary: We asked parents-to-be what would make scan appointments easier to get to.
#
# Who took part. participants is required: a whole number, or unknown when it was never
# recorded (then participants_note is required: say why, or what is known). For a number
# that is not exact, participants_precision is about or at-least ("about 120").
# groups counts people from the groups in organisation.yml ({groups}); it needs a number
# of participants, and no group can be bigger than it. methods are names, or a name and
# how many took part that way.
#reach:
#  participants: 120
#  participants_precision: about
#  participants_note: Replies to the survey; people at the drop-ins were not counted.
#  groups: {example_groups}
#  methods:
#    - {{name: online survey, count: 100}}
#    - drop-in sessions
#
# What people told us, one theme each. id is a short name of your choosing (lower-case
# letters, digits and hyphens), different for each theme. detail is optional Markdown,
# count is how many people raised it, and quote is an anonymised quote. When a report
# gives a percentage instead of a count, write share (0 to 100, the per cent of people who
# took part) instead of count, and source for who reported it when it was not us.
#you_said:
#  - id: waits
#    theme: Waiting too long for a scan
#    detail: A longer explanation, if it helps.
#    count: 40
#    quote: "An anonymised quote, with nothing that could identify anyone."
#  - id: parking
#    theme: Parking at the hospital is hard
#    share: 72.9
#    source: The hospital's own patient survey
#
# What we did in response. Every theme needs an action that lists its id in
# responds_to. status is planned, in-progress, done or not-taken-forward. done needs
# completed (a date, YYYY-MM, or unknown when nobody recorded when) and not-taken-forward
# needs a reason. progress is 0 to 100. owner is a team, never a person's name. updates is
# a dated log of progress, oldest first: the status shows "as at" the latest one. due and
# each update's date may be YYYY-MM when only the month is known ("by March 2026": 2026-03).
#we_did:
#  - id: saturday-clinic
#    responds_to: [waits, parking]
#    action: We opened a Saturday scan clinic.
#    status: in-progress
#    progress: 50
#    owner: Maternity commissioning team
#    due: {today}
#    updates:
#      - date: {today}
#        text: Contract agreed with the scanning provider.
#  - id: parking-signs
#    responds_to: [parking]
#    action: We put up new signs to the scan department's car park.
#    status: done
#    completed: {today}
#  - id: free-parking
#    responds_to: [parking]
#    action: We asked whether parking could be free for scan appointments.
#    status: not-taken-forward
#    reason: Needed only when the status is not-taken-forward. Say why not.
#
# A published record also needs {approvals}: see reviews below.

# ---- Optional -----------------------------------------------------------------------------
# A short name that becomes the web address. Leave it out to use the file name.
#id: {slug}
#
# One or more of: {topics}
#topics: [{example_topic}]
#
# One or more of: {localities}
# Leave it out if the engagement covered the whole area.
#localities: [{example_locality}]
#
# The day it closed: on or after start. The engagement shows as open until then. A month
# (like 2025-09) runs to its last day.
#end: {today}
#
# Who ran it, when it was not us, and the organisations that ran it with us.
#led_by: Healthwatch Harrowdale
#partners: [Harrowdale Borough Council, Wenmouth Carers Centre]
#
# How far people were involved. One of: {levels}
#involvement: consult
#
# The ways to take part (methods in content/strategy.yml) it used. One or more of: {ways}
#ways: [{example_way}]
#
# The stages of a longer engagement, in order: each with a name, a start and an end
# (YYYY-MM-DD, or YYYY-MM).
#phases:
#  - name: Listening events
#    start: {today}
#    end: {today}
#
# Decisions taken in public because of it. outcome is agreed, not-agreed, deferred, or
# reversed (this decision overturned an earlier one). document is optional: the papers or
# minutes, as a web address or a file beside this record.
#decisions:
#  - date: {today}
#    by: The ICB board
#    decision: Open the Saturday scan clinic for a year, then review it.
#    outcome: agreed
#    document: https://example.nhs.uk/board-papers.pdf
#
# How people can join in while it is open: a web address, or the organisation's public
# phone number or e-mail address (never a member of staff's own).
#take_part: Fill in the survey at https://example.nhs.uk/survey
#
# Old ids that should still lead here, if the id ever changes.
#aliases: [old-name-of-this-record]
#
# The strategy commitments this is evidence for. One or more of: {commitments}
#commitments: [{example_commitment}]
#
# Measurable aims, set at the outset. measure is participants or a key of groups.
#aims:
#  - text: Hear from at least 300 people
#    measure: participants
#    target: 300
#
# The difference it made (Markdown).
#impact: Waiting times for scans fell from six weeks to three.
#
# How and when we told participants what happened. date can be YYYY-MM, or unknown.
#feedback_given:
#  date: {today}
#  how: Email to everyone who asked to hear back, and posters in clinics.
#
# Participants' own rating of taking part, averaged on a scale of 1 to 5.
#evaluation:
#  responses: 40
#  rating: 4.2
#
# Reader-panel verdicts. reviewer is a panel code such as RP-07, never a name. verdict is
# approved or changes-requested.
#reviews:
#  - reviewer: RP-07
#    date: {today}
#    verdict: approved
#    comments: Clear. Explain "PCN".
#
# Text the personal-data guard should let through in this record, once a person has
# checked it is safe to publish (such as a public venue's postcode). Copy it exactly.
#allow_personal_data:
#  - text: The exact text, as written in this record.
#    reason: Why it is safe to publish.
#
# When the record last changed. Leave it out to use the latest date of a review, decision,
# feedback or action update in it.
#updated: {today}
#
# Documents to link to: a web address, or a file saved beside this record. kind is
# report, board-paper, minutes, eqia (equality impact assessment) or other (the default).
#documents:
#  - title: Full survey report (PDF)
#    url: https://example.nhs.uk/report.pdf
#    kind: report
---
<!-- Write the story below this note, in Markdown: the background, who took part and how,
what we heard, and what happens next. Use short sentences and plain words. This note
never appears on the site. -->
"""
