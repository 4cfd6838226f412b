"""The content types of the format contract (shared/spec/content-format.md), field by field.

These models check the shape of each value. Rules that span fields or records (taxonomy
keys, `responds_to`, approvals, what each status requires) live in `rules.py`, because they
need the organisation's settings and the other records. Every field has a description:
the staff guide and the JSON Schema are generated from them.
"""

# over 400 lines: the whole contract in one module, in the order content-format.md gives it,
# so a field is described once and the schema, staff guide and open data all read it here.

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag

from yswd.dates import FinancialYear
from yswd.content.values import (
    UNKNOWN,
    Colour,
    Count,
    CountOrUnknown,
    Day,
    Email,
    Key,
    Markdown,
    Month,
    MonthOrDay,
    MonthOrDayOrUnknown,
    Number,
    OdsCode,
    Percent,
    Rating,
    ReviewerCode,
    Share,
    Slug,
    Text,
    ThemeCount,
    choice,
)

FORMAT = 2
"""The newest version of the content format this yswd reads (docs/content-format.md)."""

STATUS_WORDS = {
    "draft": "Draft: not published",
    "review": "In review: waiting for the reader panel",
    "published": "Published",
    "withdrawn": "Withdrawn: no longer published",
}
"""Each record status as words, as pages and reports show it."""
STATUSES = tuple(STATUS_WORDS)
ACTION_STATUS_WORDS = {
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "not-taken-forward": "Not taken forward",
}
"""Each action status as words, everywhere a reader sees one: status is always said, never shown by colour alone."""
ACTION_STATUSES = tuple(ACTION_STATUS_WORDS)
VERDICTS = ("approved", "changes-requested")
METRICS = ("group-share", "group-representation", "feedback-given-share", "engagement-count", "participants")
INVOLVEMENT_WORDS = {
    "inform": "Inform: we told people about a change",
    "consult": "Consult: we asked for views on our plans",
    "involve": "Involve: people helped shape the plans as they were made",
    "collaborate": "Collaborate: people worked with us as partners",
    "co-produce": "Co-produce: people designed and decided with us as equals",
}
"""The levels of involvement, from telling people to deciding with them, and what each means."""
INVOLVEMENT_LEVELS = tuple(INVOLVEMENT_WORDS)
INVOLVEMENT_LABELS = {level: words.split(":")[0] for level, words in INVOLVEMENT_WORDS.items()}
PRECISIONS = ("exact", "about", "at-least")
OUTCOME_WORDS = {
    "agreed": "Agreed",
    "not-agreed": "Not agreed",
    "deferred": "Deferred",
    "reversed": "Reversed an earlier decision",
}
OUTCOMES = tuple(OUTCOME_WORDS)
DOCUMENT_KIND_WORDS = {
    "report": "Report",
    "board-paper": "Board paper",
    "minutes": "Minutes",
    "eqia": "Equality impact assessment",
    "other": "Document",
}
DOCUMENT_KINDS = tuple(DOCUMENT_KIND_WORDS)

MEANINGS = {
    "precision": {
        **dict.fromkeys(("approx", "approximately", "around", "roughly", "circa", "estimate", "estimated", "almost", "nearly"), "about"),
        **dict.fromkeys(("over", "more-than", "atleast", "minimum", "plus", "or-more"), "at-least"),
    },
    "outcome": {
        **dict.fromkeys(("approved", "accepted", "passed", "supported", "yes", "approve", "agree"), "agreed"),
        **dict.fromkeys(("rejected", "refused", "declined", "not-approved", "turned-down", "no", "disagreed"), "not-agreed"),
        **dict.fromkeys(("postponed", "delayed", "paused", "adjourned", "on-hold", "deferral"), "deferred"),
        **dict.fromkeys(("overturned", "revoked", "rescinded", "reversal"), "reversed"),
    },
    "kind": {
        **dict.fromkeys(("equality-impact-assessment", "eia", "ehia", "equality-assessment"), "eqia"),
        **dict.fromkeys(("paper", "board-papers", "committee-paper", "papers"), "board-paper"),
        **dict.fromkeys(("notes", "minute", "meeting-notes"), "minutes"),
    },
}
"""Words staff write for a choice, and the choice they mean: the checker suggests it."""


def listed(choices: tuple[str, ...]) -> str:
    """The choices a field takes, as a description says them: `a, b or c`."""
    return f"{', '.join(choices[:-1])} or {choices[-1]}"


Status = Annotated[Literal[STATUSES], BeforeValidator(choice(*STATUSES))]  # type: ignore[valid-type]
ActionStatus = Annotated[Literal[ACTION_STATUSES], BeforeValidator(choice(*ACTION_STATUSES))]  # type: ignore[valid-type]
Verdict = Annotated[Literal[VERDICTS], BeforeValidator(choice(*VERDICTS))]  # type: ignore[valid-type]
Metric = Annotated[Literal[METRICS], BeforeValidator(choice(*METRICS))]  # type: ignore[valid-type]
Involvement = Annotated[Literal[INVOLVEMENT_LEVELS], BeforeValidator(choice(*INVOLVEMENT_LEVELS))]  # type: ignore[valid-type]
Precision = Annotated[Literal[PRECISIONS], BeforeValidator(choice(*PRECISIONS, meanings=MEANINGS["precision"]))]  # type: ignore[valid-type]
Outcome = Annotated[Literal[OUTCOMES], BeforeValidator(choice(*OUTCOMES, meanings=MEANINGS["outcome"]))]  # type: ignore[valid-type]
DocumentKind = Annotated[Literal[DOCUMENT_KINDS], BeforeValidator(choice(*DOCUMENT_KINDS, meanings=MEANINGS["kind"]))]  # type: ignore[valid-type]


class Record(BaseModel):
    """Base for everything staff write: unknown fields are mistakes, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- organisation.yml -------------------------------------------------------------------


class Allowance(Record):
    """Text the personal-data guard lets through, because a person checked it."""

    text: Text = Field(description="The exact text that may appear, such as a switchboard number.")
    reason: Text = Field(description="Why it is safe to publish.")


class ReviewRule(Record):
    required_approvals: Count = Field(1, description="How many different reader-panel codes must approve a record before it is published.")


class PersonalDataRule(Record):
    small_number: Count = Field(5, description="Group counts below this show as 'fewer than N' in public output.")
    allow: list[Allowance] = Field([], description="Reviewed exceptions for the whole site.")


class AccessibilityInfo(Record):
    """What the accessibility statement says (Public Sector Bodies Accessibility Regulations 2018)."""

    compliance: Annotated[Literal["full", "partial", "none"], BeforeValidator(choice("full", "partial", "none"))] = Field(
        "partial", description="How far the site meets WCAG 2.2 AA: full, partial or none."
    )
    known_issues: list[Text] = Field([], description="Parts of the site that are not yet accessible, in plain words.")
    tested: Optional[Day] = Field(None, description="When the site was last tested for accessibility.")
    testing: Optional[Markdown] = Field(
        None,
        description="How this site's accessibility was tested, in your own words: replaces the statement's "
        "paragraph about the automatic tests of yswd's own pages.",
    )
    reviewed: Optional[Day] = Field(None, description="When this statement was last reviewed.")
    phone: Optional[Text] = Field(None, description="A phone number for asking for another format.")
    response_days: Count = Field(10, description="How many working days we take to reply to a request.")


class Branding(Record):
    """How the site looks: change these to rebrand without touching templates."""

    primary_colour: Colour = Field("#005eb8", description='The main colour (header), in quotes, like "#005eb8". Needs 4.5:1 contrast with white text.')
    accent_colour: Colour = Field("#005eb8", description='The colour of links, in quotes, like "#005eb8". Needs 4.5:1 contrast with white.')
    logo: Optional[Text] = Field(None, description="A logo image, as a path within content/.")


class Organisation(Record):
    """Who publishes, their taxonomies and their rules: `site_config/organisation.yml`."""

    format: Count = Field(FORMAT, description="The version of the content format the site is written to. A yswd too old to read it says which to install.")
    name: Text = Field(description="The organisation's full name.")
    short_name: Optional[Text] = Field(None, description="A shorter name for headers; defaults to the full name.")
    ods_code: Optional[OdsCode] = Field(None, description="The organisation's NHS ODS code, such as QE1: it attributes the open data, and regional sites built from it need it.")
    area: Optional[Text] = Field(None, description="The area it serves, used for area-wide records.")
    contact_email: Optional[Email] = Field(None, description="The public contact address. Always allowed by the personal-data guard.")
    financial_year_start_month: Month = Field(4, description="The month the financial year starts: 4 for NHS years (label 2025-26); 1 for calendar years (label 2025).")
    localities: dict[Slug, Text] = Field({}, description="Places within the area: key, then display name.")
    topics: dict[Slug, Text] = Field({}, description="Subjects: key, then display name.")
    groups: dict[Slug, Text] = Field({}, description="Groups whose reach is counted (seldom-heard groups, protected characteristics).")
    engagement_types: dict[Slug, Text] = Field(description="Kinds of engagement: key, then display name.")
    review: ReviewRule = Field(ReviewRule(), description="The reader-panel approval rule.")
    personal_data: PersonalDataRule = Field(PersonalDataRule(), description="The personal-data guard's settings.")
    accessibility: AccessibilityInfo = Field(AccessibilityInfo(), description="What the accessibility statement says.")
    branding: Branding = Field(Branding(), description="Colours and logo.")

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Population(Record):
    """The area's population, to judge reach against: `site_config/population.yml`."""

    source: Text = Field(description="Where the figures come from, such as 'Census 2021, Office for National Statistics'.")
    groups: dict[Slug, Share] = Field({}, description="Each counted group's share of the area's population: key of groups, then a percentage from 0 to 100.")


class GlossaryEntry(Record):
    """One term from `site_config/glossary.yml`."""

    expansion: Text = Field(description="What the letters stand for; shown on hover and in the glossary.")
    plain: Optional[Text] = Field(None, description="The plain-English wording to use instead.")


# --- engagement records -------------------------------------------------------------------


AimResult = Literal["met", "not met", "not known", "not recorded"]


class Aim(Record):
    """A measurable aim set at the outset."""

    text: Text = Field(description="The aim in words, such as 'Hear from at least 300 people'.")
    measure: Slug = Field(description="What is counted: participants, or a key of groups.")
    target: Count = Field(description="The number aimed for.")


class ReachMethod(Record):
    """One way people took part, with how many took part that way when it is known."""

    name: Text = Field(description="The way people took part, such as 'online survey'.")
    count: Optional[Count] = Field(None, description="How many people took part this way, when known.")


def _method_kind(value: object) -> str:
    return "name-and-count" if isinstance(value, (dict, ReachMethod)) else "name-only"


METHOD_TAGS = ("name-and-count", "name-only")
"""How a method was written; pydantic puts the tag in an error's place, and messages leave it out."""
MethodItem = Annotated[
    Union[Annotated[Text, Tag("name-only")], Annotated[ReachMethod, Tag("name-and-count")]],
    Discriminator(_method_kind),
]


class Reach(Record):
    """Who took part."""

    participants: Optional[CountOrUnknown] = Field(None, description="How many people took part: a whole number, or unknown when it was not recorded.")
    participants_precision: Optional[Precision] = Field(None, description="How exact the number is: exact (the default), about, or at-least. Only with a number.")
    participants_note: Optional[Text] = Field(None, description="What the number covers, or why it is not known (required when participants is unknown).")
    groups: dict[Slug, Count] = Field({}, description="People from each counted group: key of groups, then a count no more than participants. Needs a number of participants.")
    methods: list[MethodItem] = Field([], description="How people took part: a name such as 'online survey', or name and count, like {name: online survey, count: 1800}.")

    @property
    def counted_methods(self) -> list[ReachMethod]:
        """Every method as a name and a count (None when the count is not known)."""
        return [ReachMethod(name=m) if isinstance(m, str) else m for m in self.methods]

    @property
    def count(self) -> int | None:
        """The number of participants when one was recorded (`unknown`, or anything but a whole number, is not one)."""
        value = self.participants
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def unknown(self) -> bool:
        return self.participants == UNKNOWN

    @property
    def precision(self) -> str:
        return self.participants_precision or "exact"

    def reached(self, measure: str) -> int | None:
        """How many were reached on an aim's measure (participants, or a group); None when not recorded.

        A group's count is as written: public output withholds one below the small number.
        """
        return self.count if measure == "participants" else self.groups.get(measure)


class Theme(Record):
    """Something people told us: one 'you said'."""

    id: Slug = Field(description="A short name for the theme, unique within the record.")
    theme: Text = Field(description="What people said, in a sentence.")
    detail: Optional[Markdown] = Field(None, description="A longer explanation (Markdown).")
    count: Optional[ThemeCount] = Field(None, description="How many people raised it.")
    share: Optional[Share] = Field(None, description="The share of people who took part who said it, in per cent (0 to 100), such as 72.9; instead of count.")
    source: Optional[Text] = Field(None, description="Who reported the count or share, when it was not us.")
    quote: Optional[Text] = Field(None, description="An anonymised quote.")


class Update(Record):
    """One step in an action's progress."""

    date: MonthOrDay = Field(description="When it happened: YYYY-MM-DD, or YYYY-MM when only the month is known.")
    text: Text = Field(description="What happened.")


class Action(Record):
    """Something we did, or decided, in response: one 'we did'."""

    id: Slug = Field(description="A short name for the action, unique within the record.")
    responds_to: list[Slug] = Field(description="The ids of the themes in you_said that this answers.")
    action: Text = Field(description="What we did or will do.")
    status: ActionStatus = Field(description=f"{listed(ACTION_STATUSES)}.")
    progress: Optional[Percent] = Field(None, description="How far along it is, 0 to 100.")
    reason: Optional[Text] = Field(None, description="Why not: only, and required, when the status is not-taken-forward.")
    owner: Optional[Text] = Field(None, description="The team responsible (a team, never a person's name).")
    due: Optional[MonthOrDay] = Field(None, description="When it is due: YYYY-MM-DD, or YYYY-MM (due by the month's end).")
    completed: Optional[MonthOrDayOrUnknown] = Field(None, description="When it was done: only, and required, when the status is done. A date, YYYY-MM, or unknown.")
    updates: list[Update] = Field([], description="Progress log, oldest first.")

    @property
    def done_on(self) -> date | None:
        """The day (or month) it was done: for an action done whose date was recorded, else None."""
        return self.completed if self.status == "done" and isinstance(self.completed, date) else None

    def done_in(self, year: FinancialYear) -> bool:
        """Whether it was done in `year`: an action done counts in the year it was completed,
        whichever year its engagement started; one whose date was not recorded, in no year."""
        return self.done_on is not None and self.done_on in year


class FeedbackGiven(Record):
    """How participants were told what happened."""

    date: MonthOrDayOrUnknown = Field(description="When participants were told: a date, YYYY-MM, or unknown.")
    how: Text = Field(description="How they were told.")


class Evaluation(Record):
    """Participants' own view of taking part."""

    responses: Count = Field(description="How many participants rated it.")
    rating: Rating = Field(description="Their average rating on a scale of 1 to 5.")


class Review(Record):
    """A reader-panel verdict."""

    reviewer: ReviewerCode = Field(description="The reviewer's panel code, such as RP-07. Never a name.")
    date: Day = Field(description="When they reviewed it.")
    verdict: Verdict = Field(description="approved or changes-requested.")
    comments: Optional[Text] = Field(None, description="What they said.")


class Document(Record):
    """A document attached to the record."""

    title: Text = Field(description="What the document is, such as 'Full survey report (PDF)'.")
    url: Text = Field(description="A web address (http or https), or the name of a file beside the record.")
    kind: DocumentKind = Field("other", description="What kind of document it is: report, board-paper, minutes, eqia or other (the default).")


class Phase(Record):
    """One stage of a longer engagement."""

    name: Text = Field(description="The stage, such as 'Public consultation'.")
    start: MonthOrDay = Field(description="When it started: YYYY-MM-DD, or YYYY-MM.")
    end: Optional[MonthOrDay] = Field(None, description="When it ended: YYYY-MM-DD, or YYYY-MM; on or after start.")


class Decision(Record):
    """A decision taken in public because of the engagement."""

    date: MonthOrDay = Field(description="When it was decided: YYYY-MM-DD, or YYYY-MM.")
    by: Text = Field(description="Who decided, such as the board or a committee.")
    decision: Text = Field(description="What was decided.")
    outcome: Outcome = Field(description="agreed, not-agreed, deferred, or reversed (this decision overturned an earlier one).")
    document: Optional[Text] = Field(None, description="The papers or minutes: a web address (http or https), or a file beside the record.")


class Engagement(Record):
    """One engagement: the front matter of `content/engagements/**/<slug>.md`."""

    id: Optional[Slug] = Field(None, description="A unique short name; defaults to the file name without .md.")
    title: Text = Field(description="The engagement's title.")
    type: Key = Field(description="A key of engagement_types in organisation.yml.")
    status: Status = Field(description=f"{listed(STATUSES)}.")
    summary: Optional[Text] = Field(None, description="One or two sentences on what we asked (required for review and published).")
    led_by: Optional[Text] = Field(None, description="Who ran it; leave out when it was us (the publishing organisation).")
    partners: list[Text] = Field([], description="Other organisations that ran it with us, by name.")
    involvement: Optional[Involvement] = Field(None, description="How far people were involved: inform, consult, involve, collaborate or co-produce.")
    ways: list[Key] = Field([], description="Ids of the strategy's methods (ways to take part) that it used.")
    topics: list[Key] = Field([], description="Keys of topics.")
    localities: list[Key] = Field([], description="Keys of localities; none (left out) when it covered the whole area.")
    start: MonthOrDay = Field(description="When it started: YYYY-MM-DD, or YYYY-MM when only the month is known.")
    end: Optional[MonthOrDay] = Field(None, description="When it closed (YYYY-MM-DD, or YYYY-MM, which runs to the month's last day); open while this is today or later.")
    phases: list[Phase] = Field([], description="The stages of a longer engagement, in order.")
    take_part: Optional[Text] = Field(None, description="How to join in while it is open.")
    aliases: list[Slug] = Field([], description="Old ids that should redirect here.")
    commitments: list[Slug] = Field([], description="Ids of strategy commitments this is evidence for.")
    aims: list[Aim] = Field([], description="Measurable aims set at the outset.")
    reach: Optional[Reach] = Field(None, description="Who took part (participants required for review and published).")
    you_said: list[Theme] = Field([], description="What people told us (at least one for review and published).")
    we_did: list[Action] = Field([], description="What we did in response: every theme needs an action.")
    decisions: list[Decision] = Field([], description="Decisions taken in public because of it.")
    impact: Optional[Markdown] = Field(None, description="The difference it made (Markdown).")
    feedback_given: Optional[FeedbackGiven] = Field(None, description="How participants were told the outcome.")
    evaluation: Optional[Evaluation] = Field(None, description="Participants' ratings of taking part.")
    reviews: list[Review] = Field([], description="Reader-panel verdicts.")
    allow_personal_data: list[Allowance] = Field([], description="Reviewed exceptions to the personal-data guard, for this record only.")
    updated: Optional[Day] = Field(None, description="When the record last changed; defaults to the latest review, decision, feedback or action date in it (else its start, end and phases).")
    documents: list[Document] = Field([], description="Documents to link to.")

    @property
    def participants(self) -> int | None:
        """How many people took part, when a number was recorded (not when it is unknown or missing)."""
        return self.reach.count if self.reach else None

    @property
    def participants_precision(self) -> str | None:
        """How exact `participants` is (exact, about or at-least); None when no number was recorded."""
        return self.reach.precision if self.reach and self.reach.count is not None else None

    def aim_reached(self, aim: Aim) -> int | None:
        """The number an aim reached; None when it was not recorded."""
        return self.reach.reached(aim.measure) if self.reach else None

    def aim_result(self, aim: Aim) -> AimResult:
        """How an aim turned out. A number of people given as "at least" that falls short of the
        target may still have reached it, so that is not known rather than not met."""
        reached = self.aim_reached(aim)
        if reached is None or self.reach is None:
            return "not recorded"
        if reached >= aim.target:
            return "met"
        return "not known" if aim.measure == "participants" and self.reach.precision == "at-least" else "not met"


# --- strategy.yml ---------------------------------------------------------------------------


class Period(Record):
    start: Day = Field(description="First day the strategy covers.")
    end: Day = Field(description="Last day the strategy covers.")


class Method(Record):
    """A way people can take part."""

    id: Slug = Field(description="A unique short name.")
    name: Text = Field(description="The method's name.")
    description: Optional[Markdown] = Field(None, description="What it involves (Markdown).")
    join: Optional[Text] = Field(None, description="How to join in: who to contact, or where to sign up.")


class Commitment(Record):
    """A promise the organisation makes, tracked with evidence."""

    id: Slug = Field(description="A unique short name; records list it under commitments.")
    text: Text = Field(description="The promise.")
    measure: Optional[Text] = Field(None, description="How progress is judged, in words.")
    metric: Optional[Metric] = Field(None, description="A figure computed from published records: group-share, group-representation, feedback-given-share, engagement-count or participants.")
    group: Optional[Slug] = Field(None, description="The group counted by group-share or group-representation.")
    target: Optional[Number] = Field(None, description="The figure aimed for; for a share, a percentage.")
    due: Optional[MonthOrDay] = Field(None, description="When it should be met: YYYY-MM-DD, or YYYY-MM (by the month's end).")


class EasyReadLine(Record):
    """One easy-read sentence."""

    text: Text = Field(description="One idea, in a short sentence.")
    image: Optional[Text] = Field(None, description="A picture beside the sentence (a path within content/).")
    alt: Optional[Text] = Field(None, description="What the picture shows, for people who can't see it.")


class Strategy(Record):
    """The participation strategy: `content/strategy.yml`."""

    title: Text = Field(description="The strategy's title.")
    period: Period = Field(description="The dates it covers.")
    vision: Markdown = Field(description="The vision (Markdown).")
    objectives: list[Markdown] = Field([], description="Objectives (Markdown).")
    principles: list[Markdown] = Field([], description="Principles (Markdown).")
    methods: list[Method] = Field([], description="The ways people can take part.")
    commitments: list[Commitment] = Field([], description="What the organisation promises.")
    easy_read: list[EasyReadLine] = Field([], description="An easy-read version: one idea a sentence.")


def latest_date(engagement: Engagement) -> date:
    """`updated`, or else the latest date on which something was done: a review, feedback, an
    action's completion or update, a decision.

    The engagement's own dates (start, end, phases) count only when none of those is written:
    an open engagement's end is a plan, and would date the record (and its actions' "as at")
    in the future. Action `due` dates are left out for the same reason.
    """
    if engagement.updated:
        return engagement.updated
    done = [*(r.date for r in engagement.reviews), *(d.date for d in engagement.decisions)]
    if engagement.feedback_given:
        done.append(engagement.feedback_given.date)
    for action in engagement.we_did:
        done += [action.completed, *(u.date for u in action.updates)]
    known_done = [d for d in done if isinstance(d, date)]
    if known_done:
        return max(known_done)
    planned = [engagement.start, engagement.end, *(day for phase in engagement.phases for day in (phase.start, phase.end))]
    return max(d for d in planned if isinstance(d, date))


def known(day: date | str | None) -> date | None:
    """A date that was written, or None for one that is missing or `unknown`."""
    return day if isinstance(day, date) else None


def status_as_at(engagement: Engagement, action: Action) -> date:
    """The date an action's status was last known: its latest update, else the record's `updated`."""
    if action.updates:
        return max(update.date for update in action.updates)
    return latest_date(engagement)
