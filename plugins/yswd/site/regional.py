"""A regional site from several organisations' open data: the pages it has and the figures it shows.

Each record keeps its publisher's id, and its page is under the publisher's ODS code
(`organisations/rx1/<id>/`), so two organisations' records with the same id never clash. A
record is shown as its publisher wrote it, attributed, with a link back to its own page; the
figures are counted from the published numbers (a number not recorded is counted as such,
never guessed), for each organisation and in total.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from yswd.analysis.figures import combined_precision
from yswd.content.model import ACTION_STATUS_WORDS
from yswd.site.open_data import Source, original_url
from yswd.site import filters
from yswd.site.pages import Facet, Listing, PageSpec
from yswd.site.routes import page_url

REGIONAL_FORMAT = {"name": "yswd-regional", "version": "1.1"}
"""1.1 added each organisation's vocabulary (its labels; null before format 2.1) and the addresses of
its original data and standard page (null when its file names no site)."""
DATA_FILE = "data/engagements.json"
SOURCES_FOLDER = "data/sources"
INDEX_FOLDER = "engagements"
LISTING = "regional_listing.html"
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def key_of(text: object) -> str:
    """A value from a source as a key fit for a web address: "Mental health & wellbeing" ->
    "mental-health-wellbeing". Keys as our format writes them are kept as they are; one with no
    letters or digits is "other"."""
    return _NOT_KEY.sub("-", str(text).lower()).strip("-")[:60] or "other"


def label_of(text: object) -> str:
    """A topic or place as people read it when its publisher gives no label (formats before 2.1
    give keys only): "mental-health" reads "Mental health"; one written in words is kept as written."""
    written = str(text).strip()
    return written.replace("-", " ").capitalize() if written == key_of(written) else written


@dataclass(frozen=True)
class Named:
    """A topic, place or type as one record's publisher names it."""

    key: str
    label: str
    given: bool
    """Whether the publisher gave the label (format 2.1's vocabulary, a record's type_label), or
    it is made from the key."""


@dataclass(frozen=True)
class RegionalRecord:
    """One organisation's record, unaltered, with where it came from."""

    ods_code: str
    organisation: str
    original_url: str
    data: dict
    vocabulary: dict = field(default_factory=dict)
    """The publisher's labels (format 2.1): topics, localities and groups, each key to its label."""

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def regional_id(self) -> str:
        return f"{self.ods_code}/{self.id}"

    @property
    def src_uri(self) -> str:
        return f"organisations/{self.ods_code.lower()}/engagements/{self.id}.md"

    @property
    def year(self) -> str:
        return str(self.data.get("financial_year") or str(self.data["start"])[:4])

    @property
    def year_key(self) -> str:
        return key_of(self.year)

    @property
    def type_key(self) -> str:
        return key_of(self.data["type"])

    def named(self, kind: str) -> tuple[Named, ...]:
        """Each of the record's topics or localities, in its publisher's words when it gives them."""
        labels = self.vocabulary.get(kind) or {}
        return tuple(
            Named(key_of(value), labels[value], True) if value in labels else Named(key_of(value), label_of(value), False)
            for value in self.data.get(kind) or () if str(value).strip()
        )

    @property
    def topics(self) -> tuple[tuple[str, str], ...]:
        """(key, label) for each topic the record gives, labelled as its publisher labels it."""
        return tuple((n.key, n.label) for n in self.named("topics"))

    @property
    def places(self) -> tuple[str, ...]:
        """The labels of its localities; none when it covered the whole area."""
        return tuple(n.label for n in self.named("localities"))

    @property
    def statuses(self) -> tuple[str, ...]:
        """The statuses of its actions, once each."""
        return tuple(dict.fromkeys(a["status"] for a in self.data.get("we_did") or () if a.get("status") in ACTION_STATUS_WORDS))

    @property
    def sort_key(self) -> tuple:
        return (str(self.data["start"]), self.ods_code, self.id)


@dataclass(frozen=True)
class Tally:
    """Figures counted from published records."""

    engagements: int = 0
    participants: int = 0
    participants_precision: str = "exact"
    """How exact `participants` is, from each record's participants_precision (`combined_precision`)."""
    not_recorded: int = 0
    """Engagements that give no number of participants."""
    themes: int = 0
    actions: int = 0
    done: int = 0
    told: int = 0

    @property
    def told_share(self) -> float | None:
        return 100.0 * self.told / self.engagements if self.engagements else None


def tally(records: list[RegionalRecord]) -> Tally:
    participants = not_recorded = themes = actions = done = told = 0
    precisions = []
    for record in records:
        data = record.data
        count = data.get("participants")
        if isinstance(count, int) and not isinstance(count, bool):
            participants += count
            precisions.append(data.get("participants_precision") or "exact")  # none before format 2.0
        else:
            not_recorded += 1
        themes += len(data.get("you_said") or [])
        we_did = data.get("we_did") or []
        actions += len(we_did)
        done += sum(1 for action in we_did if isinstance(action, dict) and action.get("status") == "done")
        told += 1 if data.get("feedback_given") else 0
    return Tally(len(records), participants, combined_precision(precisions), not_recorded, themes, actions, done, told)


@dataclass(frozen=True)
class Organisation:
    ods_code: str
    name: str
    site_url: str | None
    source: Source
    records: tuple[RegionalRecord, ...]

    @property
    def folder(self) -> str:
        return f"organisations/{self.ods_code.lower()}"

    @property
    def data_path(self) -> str:
        return f"{SOURCES_FOLDER}/{self.ods_code}.json"


@dataclass(frozen=True)
class SharedNames:
    labels: dict[str, str]
    """Each key's label on the regional site."""
    others: dict[str, tuple[tuple[str, str], ...]]
    """For a key that organisations label differently: (organisation, its label) for each other one."""


@dataclass
class RegionalPlan:
    name: str
    today: date
    organisations: list[Organisation]
    records: list[RegionalRecord]
    page_size: int = 20
    facets: list[Facet] = field(default_factory=list)
    """Organisation, topic, year, type and action status: the values the records have."""
    index: Listing | None = None
    listings: dict[str, list[Listing]] = field(default_factory=dict)
    """Facet name to one listing per value (the shape the site's listing templates expect)."""
    pages: dict[str, PageSpec] = field(default_factory=dict)
    names: dict[str, SharedNames] = field(default_factory=dict)
    """The topic and type facets' labels, chosen over the organisations, and the other labels given."""

    @property
    def total(self) -> Tally:
        return tally(self.records)

    def organisation(self, key: str) -> Organisation:
        """An organisation by its key in the organisation facet (its ODS code in lower case)."""
        return next(o for o in self.organisations if o.ods_code.lower() == key)

    def listing(self, facet: str, key: str) -> Listing:
        return next(listing for listing in self.listings[facet] if listing.key == key)


def filter_index(plan: RegionalPlan, directory_urls: bool = True) -> str:
    """The index the filter script loads: each result's line gives its organisation, type and start."""
    return filters.filter_index(
        plan.facets, plan.records,
        lambda r: (str(r.data["title"]), page_url(r.src_uri, directory_urls), str(r.data["start"])),
        ("organisation", "type", filters.START),
    )


def plan_region(name: str, sources: list[Source], today: date, page_size: int = 20) -> RegionalPlan:
    """Every page of the regional site, from checked sources (one per organisation)."""
    organisations = []
    for source in sorted(sources, key=lambda s: (s.name, s.ods_code)):
        records = tuple(
            sorted(
                (RegionalRecord(source.ods_code, source.name, original_url(source, r), r, source.vocabulary) for r in source.records),
                key=lambda r: r.sort_key, reverse=True,
            )
        )
        organisations.append(Organisation(source.ods_code, source.name, source.site_url, source, records))
    everything = sorted((r for o in organisations for r in o.records), key=lambda r: r.sort_key, reverse=True)
    plan = RegionalPlan(name, today, organisations, everything, page_size)
    plan.names = {
        "topic": shared_names(organisations, lambda r: r.named("topics")),
        "type": shared_names(organisations, lambda r: (Named(r.type_key, str(r.data["type_label"]), True),)),
    }
    plan.facets = _facets(organisations, everything, plan.names)
    plan.index = Listing(None, "", "Every engagement", INDEX_FOLDER, tuple(everything))
    plan.pages["index.md"] = PageSpec("regional_home.html", name)
    plan.pages.update(plan.index.page_specs(page_size, LISTING, "Every engagement"))
    for facet in plan.facets:
        plan.listings[facet.name] = _facet_listings(facet, everything)
        plan.pages[f"{facet.folder}/index.md"] = PageSpec(
            "hub.html", facet.title, {"facet": facet, "intro": ""}, nav_title=facet.title if facet.in_nav else None, kind="hub"
        )
        for listing in plan.listings[facet.name]:
            plan.pages.update(listing.page_specs(page_size, LISTING))
    for organisation in organisations:
        for record in organisation.records:
            plan.pages[record.src_uri] = PageSpec("regional_record.html", str(record.data["title"]), {"record": record, "organisation": organisation}, kind="record")
    plan.pages["figures/index.md"] = PageSpec("regional_figures.html", "Figures", nav_title="Figures")
    plan.pages["data/index.md"] = PageSpec("regional_data.html", "Open data", nav_title="Open data")
    plan.pages["search/index.md"] = PageSpec("regional_search.html", "Search", nav_title="Search")
    return plan


def shared_names(organisations: list[Organisation], names_of: Callable[[RegionalRecord], Iterable[Named]]) -> SharedNames:
    """One label for each key, over every organisation that uses it, and what others call it.

    A label its publisher gave comes before one made from the key (a format 2.0 file's). Of the
    labels given, the one most organisations give is used; when as many give each, the first
    organisation's by name. An organisation that labels the key differently is named beside it, so
    no publisher's words are lost, and each record's own page shows its publisher's label.
    """
    by_key: dict[str, dict[str, Named]] = {}
    for organisation in organisations:  # in name order
        for record in organisation.records:
            for named in names_of(record):
                by_key.setdefault(named.key, {}).setdefault(organisation.name, named)
    labels: dict[str, str] = {}
    others: dict[str, tuple[tuple[str, str], ...]] = {}
    for key, named in by_key.items():
        given = Counter(n.label for n in named.values() if n.given)
        labels[key] = given.most_common(1)[0][0] if given else next(iter(named.values())).label
        differ = tuple((name, n.label) for name, n in named.items() if n.given and n.label != labels[key])
        if differ:
            others[key] = differ
    return SharedNames(labels, others)


def _facets(organisations: list[Organisation], records: list[RegionalRecord], names: dict[str, SharedNames]) -> list[Facet]:
    """The facets, each with the values the records have. A topic or type under the same key in two
    organisations is one value, labelled as `shared_names` chooses."""
    by_label = lambda pair: (pair[1].casefold(), pair[0])  # noqa: E731
    years = dict((r.year_key, r.year) for r in reversed(records))
    statuses = {s for r in records for s in r.statuses}
    return [
        Facet(
            "organisation", "organisations", "Organisations", True,
            tuple((o.ods_code.lower(), o.name) for o in organisations), lambda r: (r.ods_code.lower(),),
        ),
        Facet("topic", "topics", "Topics", True, tuple(sorted(names["topic"].labels.items(), key=by_label)), lambda r: tuple(k for k, _ in r.topics)),
        Facet("year", "years", "Years", True, tuple(sorted(years.items(), reverse=True)), lambda r: (r.year_key,)),
        Facet("type", "types", "Types of engagement", False, tuple(sorted(names["type"].labels.items(), key=by_label)), lambda r: (r.type_key,)),
        Facet(
            "action-status", "action-status", "Action status", False,
            tuple((k, w) for k, w in ACTION_STATUS_WORDS.items() if k in statuses), lambda r: r.statuses,
            items_of=lambda r, status: sum(1 for a in r.data.get("we_did") or [] if isinstance(a, dict) and a.get("status") == status),
            item="action",
        ),
    ]


def _facet_listings(facet: Facet, records: list[RegionalRecord]) -> list[Listing]:
    members: dict[str, list[RegionalRecord]] = {key: [] for key, _ in facet.values}
    for record in records:
        for key in facet.keys_of(record):
            members[key].append(record)
    return [Listing(facet, key, label, f"{facet.folder}/{key}", tuple(members[key])) for key, label in facet.values]


def regional_json(plan: RegionalPlan, site_url: str = "") -> str:
    """Every record of every organisation, each unaltered under `record`, with its origin beside it."""
    data = {
        "format": REGIONAL_FORMAT,
        "name": plan.name,
        "organisations": [
            {
                "ods_code": o.ods_code, "name": o.name, "site_url": o.site_url, "format_version": o.source.version,
                "licence": o.source.data.get("licence"), "licence_url": o.source.data.get("licence_url"),
                "records": len(o.records), "data": site_url + o.data_path,
                "original_data": o.source.data_url, "standard": o.source.standard_url, "vocabulary": o.source.vocabulary or None,
            }
            for o in plan.organisations
        ],
        "records": [
            {"regional_id": r.regional_id, "ods_code": r.ods_code, "original_url": r.original_url, "record": r.data}
            for r in plan.records
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
