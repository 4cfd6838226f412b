"""Open data: every published record as JSON and CSV, their JSON Schema, and (from feed.py) the Atom feed.

The JSON is made from the export models below, and the schema is generated from the same
models. A field that means what a content model's field means is that field (`same`: its type,
closed list and description; themes, actions, feedback and evaluation are the content models
themselves), so the JSON, its schema and the content model cannot drift apart. Group counts below the organisation's small number
are withheld (null in JSON, "fewer than N" in CSV), as on the pages.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from functools import cache
from typing import Annotated, Literal, Optional, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from yswd.analysis.reach import group_shares, rounded, share_precision
from yswd.content.records import EngagementFile
from yswd.content.model import Aim, Document, Engagement, Organisation, Population, latest_date
from yswd.content.values import MonthOrDay
from yswd.site import filters
from yswd.site.feed import atom_feed
from yswd.site.format_versions import FORMAT_NAME, FORMAT_VERSION, NOT_BLANK, VERSIONS
from yswd.site.pages import SitePlan
from yswd.site import routes
from yswd.site.routes import page_url

SCHEMA_PATH = routes.schema_of(FORMAT_VERSION)
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
MET = {"met": True, "not met": False}
"""An aim's result as the export's `met`: null when it was not recorded or is not known."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Export(BaseModel):
    model_config = ConfigDict(extra="forbid")


def described(model: type[BaseModel], name: str, then: str = "") -> FieldInfo:
    """An exported field that means what the content model's field of that name means, with the
    model's description (and what the export adds, `then`): each description is written once."""
    description = model.model_fields[name].description
    assert description, f"{model.__name__}.{name} has no description"
    return Field(description=f"{description} {then}" if then else description)


def same(model: type[BaseModel], name: str, then: str = "") -> tuple[object, FieldInfo]:
    """An exported field exactly as the content model has it: its type (with the checks, closed
    lists and way of writing that come with it) and its description, so neither the JSON nor its
    schema can drift from the model. Unlike the model's, an exported field has no default: it is
    always written, null when the record has no value."""
    return get_type_hints(model, include_extras=True)[name], described(model, name, then)


def exported(model_name: str, doc: str | None, /, **fields: tuple[object, FieldInfo]) -> type[BaseModel]:
    """An export model with `fields` in this order (the order the JSON and the schema give them)."""
    return create_model(model_name, __base__=_Export, __doc__=doc, __module__=__name__, **fields)  # type: ignore[call-overload]


ExportAim = exported(
    "ExportAim", None,
    text=same(Aim, "text"),
    measure=same(Aim, "measure"),
    target=same(Aim, "target"),
    reached=(Optional[int], Field(description="The number reached; null when not recorded or withheld as a small number.")),
    met=(Optional[bool], Field(description="Whether the target was reached; null when not known.")),
)
ExportDocument = exported(
    "ExportDocument", None,
    title=same(Document, "title"),
    url=(str, Field(description="Where it is: a web address, or a path on this site.")),
    kind=same(Document, "kind"),
)


class ExportChange(_Export):
    date: dt.date = Field(description="The day of the change (the commit's date).")
    commit: str = Field(description="The git commit that made it.")
    description: Optional[str] = Field(description="The commit's subject line; null when withheld because it looked like personal data.")


class ExportHistory(_Export):
    """When the record was published and changed, from the publisher's git repository."""

    first_published: Optional[dt.date] = Field(description="The first day it was published; null when not known.")
    first_published_exact: bool = Field(description="False when the history available starts later: first published on or before that day.")
    last_changed: Optional[dt.date] = Field(description="The last day it changed while published.")
    changes: list[ExportChange] = Field(description="Every change made while it was published, newest first.")
    history_before_missing: Optional[dt.date] = Field(description="When the history is incomplete (a shallow copy), the day it starts from; else null.")


ExportRecord = exported(
    "ExportRecord", "One published engagement.",
    id=(str, Field(description=f"The engagement's id; its page is at {routes.RECORDS}/<id>/.")),
    url=(str, Field(description="The engagement's page on this site.")),
    title=same(Engagement, "title"),
    type=same(Engagement, "type"),
    type_label=(str, Field(description="The kind of engagement, in words.")),
    summary=same(Engagement, "summary"),
    topics=same(Engagement, "topics"),
    localities=same(Engagement, "localities"),
    area_wide=(bool, Field(description="Whether it covered the whole area.")),
    led_by=(str, Field(description="Who ran it: the publishing organisation unless another led it.")),
    partners=same(Engagement, "partners"),
    involvement=same(Engagement, "involvement"),
    ways=same(Engagement, "ways"),
    start=same(Engagement, "start"),
    end=same(Engagement, "end"),
    phases=same(Engagement, "phases"),
    financial_year=(str, Field(description="The financial year it belongs to (the year of its start), such as 2025-26.")),
    aims=(list[ExportAim], Field(description="Aims set at the start, with what was reached.")),
    participants=(Optional[int], Field(description="How many people took part; null when it was not recorded.")),
    participants_precision=(Optional[str], Field(description="How exact participants is: exact, about or at-least; null when it was not recorded.")),
    participants_note=(Optional[str], Field(description="What the number covers, or why it was not recorded.")),
    groups=(dict[str, Optional[int]], Field(description="People from each counted group; null when fewer than the small number.")),
    group_shares=(dict[str, Optional[float]], Field(
        description="Each counted group's share of the people who took part, per cent; null when the count is withheld or the number who took part is not recorded."
    )),
    group_shares_precision=(Optional[str], Field(None, description="How exact group_shares are: exact, about, or at-most (participants is at-least, so each share is an upper bound); null when participants is not recorded.")),
    methods=(list[str], Field(description="How people took part.")),
    method_counts=(dict[str, int], Field(description="How many took part each way, for the methods where that is known.")),
    you_said=same(Engagement, "you_said"),
    we_did=same(Engagement, "we_did"),
    decisions=same(Engagement, "decisions"),
    impact=same(Engagement, "impact"),
    feedback_given=same(Engagement, "feedback_given"),
    evaluation=same(Engagement, "evaluation"),
    commitments=same(Engagement, "commitments"),
    documents=(list[ExportDocument], Field(description="Documents linked from the record.")),
    updated=(MonthOrDay, Field(description="When the record last changed: YYYY-MM-DD, or YYYY-MM when that is all that is known.")),
    history=(Optional[ExportHistory], Field(description="Its history from git; null when the site was built without one.")),
)
ExportPopulation = exported(
    "ExportPopulation", "The baseline that reach is judged against.",
    source=same(Population, "source"),
    groups=same(Population, "groups"),
)
ExportPublisher = exported(
    "ExportPublisher", "Who published the data: the organisation, and where its site is.",
    name=same(Organisation, "name"),
    ods_code=same(Organisation, "ods_code", "Null when it gives none."),
    site_url=(Optional[str], Field(description="The address of its site, ending in /; null when the site was built without one.")),
)


Label = Annotated[str, Field(pattern=NOT_BLANK)]


class ExportVocabulary(_Export):
    """The words for the keys records use: each key, then its label as the publisher's pages show it.
    A reader shows these labels; two organisations may use one key for different things."""

    topics: dict[str, Label] = described(Organisation, "topics")
    localities: dict[str, Label] = described(Organisation, "localities")
    groups: dict[str, Label] = described(Organisation, "groups", "Key, then display name.")


class ExportFormat(_Export):
    """Which version of the format the file follows, so that readers know what to expect."""

    name: Literal["yswd-engagements"] = Field(description="Always yswd-engagements.")
    version: str = Field(pattern=r"^2\.[0-9]+$", description="The format's version: a new minor version only adds fields; a new major version may change them.")
    schema_url: str = Field(description="The JSON Schema of this version.")
    documentation: str = Field(description="The format's documentation: every field, what it means, and the rules.")
    licence: str = Field(description="The licence of the format itself: anyone may publish data in it, or read it, without asking.")


class ExportFile(_Export):
    """The whole download: its format, who published it, under what licence, and the records."""

    format: ExportFormat = Field(description="The format and its version.")
    publisher: ExportPublisher = Field(description="The organisation that published the data.")
    licence: str = Field(description="The licence the data is published under.")
    licence_url: str = Field(description="Where to read the licence.")
    small_number: int = Field(description="Group counts below this are withheld (null).")
    vocabulary: ExportVocabulary = Field(description="The label of every topic, locality and group key, as the publisher's pages show it (since 2.1).")
    population: Optional[ExportPopulation] = Field(description="The local population by group, to compare group_shares with; null when the publisher gives none.")
    records: list[ExportRecord] = Field(description="Every published engagement, newest first.")


def schema() -> dict:
    """The JSON Schema of engagements.json, generated from the export models."""
    return json.loads(_schema_text())


@cache
def _schema_text() -> str:
    """Generating the schema takes pydantic a second; it depends only on the code, so once a process."""
    generated = ExportFile.model_json_schema()
    return json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", **generated, "title": f"yswd engagements, format {FORMAT_VERSION}"},
        indent=1,
    ) + "\n"


def export_record(record: EngagementFile, plan: SitePlan, site_url: str = "") -> ExportRecord:
    e = record.engagement
    org = plan.organisation
    small = org.personal_data.small_number

    def withheld(count: int | None) -> int | None:
        return None if count is None or count < small else count

    reach = e.reach
    aims = []
    for aim in e.aims:
        reached = e.aim_reached(aim) if aim.measure == "participants" else withheld(e.aim_reached(aim))
        aims.append(ExportAim(text=aim.text, measure=aim.measure, target=aim.target, reached=reached, met=None if reached is None else MET.get(e.aim_result(aim))))

    def address(url: str) -> str:
        return url if "://" in url else site_url + (record.folder / url).as_posix()

    documents = [ExportDocument(title=d.title, url=address(d.url), kind=d.kind) for d in e.documents]
    decisions = [d.model_copy(update={"document": address(d.document)}) if d.document else d for d in e.decisions]
    methods = reach.counted_methods if reach else []
    return ExportRecord(
        id=record.id,
        url=routes.record_address(record.id, site_url),
        title=e.title,
        type=e.type,
        type_label=org.engagement_types[e.type],
        summary=e.summary,
        topics=list(e.topics),
        localities=list(e.localities),
        area_wide=not e.localities,
        led_by=e.led_by or org.name,
        partners=list(e.partners),
        involvement=e.involvement,
        ways=list(e.ways),
        start=e.start,
        end=e.end,
        phases=list(e.phases),
        financial_year=plan.year_of(e.start).label,
        aims=aims,
        participants=e.participants,
        participants_precision=e.participants_precision,
        participants_note=reach.participants_note if reach else None,
        groups={key: withheld(count) for key, count in (reach.groups.items() if reach else [])},
        group_shares={g.key: None if g.share is None else rounded(g.share, 1, g.precision) for g in group_shares(e, org, plan.population)},
        group_shares_precision=share_precision(e.participants_precision) if e.participants_precision else None,
        methods=[m.name for m in methods],
        method_counts={m.name: m.count for m in methods if m.count is not None},
        you_said=list(e.you_said),
        we_did=list(e.we_did),
        decisions=decisions,
        impact=e.impact,
        feedback_given=e.feedback_given,
        evaluation=e.evaluation,
        commitments=list(e.commitments),
        documents=documents,
        updated=latest_date(e),
        history=_history(plan.histories.get(record.id)),
    )


def _history(shown) -> ExportHistory | None:
    if shown is None:
        return None
    return ExportHistory(
        first_published=shown.first_published,
        first_published_exact=shown.first_published_exact,
        last_changed=shown.last_changed,
        changes=[ExportChange(date=c.day, commit=c.commit, description=c.description) for c in shown.changes],
        history_before_missing=shown.missing_before,
    )


def engagements_json(plan: SitePlan, site_url: str = "", memo: dict[str, str] | None = None) -> str:
    """engagements.json. Each record's part depends only on the record and the settings, so with
    `memo` (kept between builds) an unchanged record's part is written once, not every build."""
    org = plan.organisation
    head = ExportFile(
        format=ExportFormat(
            name=FORMAT_NAME, version=FORMAT_VERSION, schema_url=site_url + SCHEMA_PATH,
            documentation=site_url + page_url(routes.STANDARD), licence=LICENCE,
        ),
        publisher=ExportPublisher(name=org.name, ods_code=org.ods_code, site_url=site_url or None),
        licence=LICENCE,
        licence_url=LICENCE_URL,
        small_number=plan.organisation.personal_data.small_number,
        vocabulary=ExportVocabulary(topics=dict(org.topics), localities=dict(org.localities), groups=dict(org.groups)),
        population=ExportPopulation(source=plan.population.source, groups=dict(plan.population.groups)) if plan.population else None,
        records=[],
    )
    if not plan.engagements:
        return json.dumps(head.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
    memo = {} if memo is None else memo
    settings = hashlib.sha256(f"{site_url}\n{plan.organisation.model_dump_json()}\n{plan.today}\n{plan.population!r}".encode()).hexdigest()
    parts = []
    for record in plan.engagements:
        history = hashlib.sha256(repr(plan.histories.get(record.id)).encode()).hexdigest()
        key = f"{record.digest}:{record.folder.as_posix()}:{history}:{settings}"
        part = memo.get(key) if record.digest else None
        if part is None:
            part = json.dumps(export_record(record, plan, site_url).model_dump(mode="json"), ensure_ascii=False, indent=1)
            part = "  " + part.replace("\n", "\n  ")
            if record.digest:
                memo[key] = part
        parts.append(part)
    opening = json.dumps(head.model_dump(mode="json"), ensure_ascii=False, indent=1)
    assert opening.endswith('"records": []\n}')
    return opening[: -len("[]\n}")] + "[\n" + ",\n".join(parts) + "\n ]\n}\n"


CSV_COLUMNS = (
    "engagement_id", "url", "title", "type", "start", "end", "financial_year", "topics", "localities",
    "participants", "feedback_given", "themes_answered", "action_id", "action", "action_status",
    "progress", "reason", "owner", "due", "completed", "participants_precision",
)


def _written(day: dt.date | str | None) -> str:
    """A date as written: YYYY-MM-DD, YYYY-MM, unknown, or empty."""
    return day.isoformat() if isinstance(day, dt.date) else (day or "")


def neutralise(cell: str) -> str:
    """Stop a spreadsheet running a cell as a formula: text starting =, +, -, @ gets a leading '."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def engagements_csv(plan: SitePlan, site_url: str = "", memo: dict[str, str] | None = None) -> str:
    """One row per action; a record without actions gets one row with the action columns empty.

    A record's rows depend only on the record and the settings: with `memo` (kept between
    builds) an unchanged record's rows are written once."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(CSV_COLUMNS)
    memo = {} if memo is None else memo
    settings = hashlib.sha256(f"csv\n{site_url}\n{plan.organisation.model_dump_json()}".encode()).hexdigest()
    for record in plan.engagements:
        key = f"csv:{record.digest}:{settings}"
        rows = memo.get(key) if record.digest else None
        if rows is None:
            rows = _csv_rows(record, plan, site_url)
            if record.digest:
                memo[key] = rows
        out.write(rows)
    return out.getvalue()


def _csv_rows(record: EngagementFile, plan: SitePlan, site_url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    e = record.engagement
    themes = {t.id: t.theme for t in e.you_said}
    base = [
        record.id, routes.record_address(record.id, site_url), e.title, plan.organisation.engagement_types[e.type],
        e.start.isoformat(), e.end.isoformat() if e.end else "", plan.year_of(e.start).label,
        "; ".join(plan.organisation.topics[k] for k in e.topics),
        "; ".join(plan.organisation.localities[k] for k in e.localities) or "Area-wide",
        "" if e.participants is None else str(e.participants),
        _written(e.feedback_given.date) if e.feedback_given else "",
    ]
    rows = [
        [
            "; ".join(themes.get(t, t) for t in a.responds_to), a.id, a.action, a.status,
            "" if a.progress is None else str(a.progress), a.reason or "", a.owner or "",
            a.due.isoformat() if a.due else "", _written(a.completed),
        ]
        for a in e.we_did
    ] or [[""] * 9]
    precision = e.participants_precision or "not recorded"
    for row in rows:
        writer.writerow([neutralise(cell) for cell in base + row + [precision]])
    return out.getvalue()


def data_files(plan: SitePlan, site_url: str, site_name: str, memo: dict[str, str] | None = None) -> dict[str, str | bytes]:
    """Every open-data file of the site, by its path in the output."""
    return {
        routes.JSON: engagements_json(plan, site_url, memo),
        routes.CSV: engagements_csv(plan, site_url, memo),
        routes.SCHEMA: _schema_text(),
        SCHEMA_PATH: _schema_text(),
        **{v.schema_path: v.kept.read_text(encoding="utf-8") for v in VERSIONS if v.number != FORMAT_VERSION},
        routes.FEED: atom_feed(plan, site_url, site_name),
        routes.FILTER_INDEX: filter_index(plan),
    }


def filter_index(plan: SitePlan) -> str:
    """The index the filter script loads: each result's line gives its type, start and places."""
    return filters.filter_index(
        plan.facets, plan.engagements,
        lambda r: (r.engagement.title, routes.record_address(r.id), r.engagement.start.isoformat()),
        ("type", filters.START, "locality"),
    )
