"""A regional site from several organisations' open data: the pages it has and the figures it shows.

Each record keeps its publisher's id, and its page is under the publisher's ODS code
(`organisations/rx1/<id>/`), so two organisations' records with the same id never clash. A
record is shown as its publisher wrote it, attributed, with a link back to its own page; the
figures are counted from the published numbers (a number not recorded is counted as such,
never guessed), for each organisation and in total.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

from yswd.site.open_data import Source, original_url
from yswd.site.pages import PageSpec

REGIONAL_FORMAT = {"name": "yswd-regional", "version": "1.0"}
DATA_FILE = "data/engagements.json"
SOURCES_FOLDER = "data/sources"


@dataclass(frozen=True)
class RegionalRecord:
    """One organisation's record, unaltered, with where it came from."""

    ods_code: str
    organisation: str
    original_url: str
    data: dict

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
    def sort_key(self) -> tuple:
        return (str(self.data["start"]), self.ods_code, self.id)


@dataclass(frozen=True)
class Tally:
    """Figures counted from published records."""

    engagements: int = 0
    participants: int = 0
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
    for record in records:
        data = record.data
        count = data.get("participants")
        if isinstance(count, int) and not isinstance(count, bool):
            participants += count
        else:
            not_recorded += 1
        themes += len(data.get("you_said") or [])
        we_did = data.get("we_did") or []
        actions += len(we_did)
        done += sum(1 for action in we_did if isinstance(action, dict) and action.get("status") == "done")
        told += 1 if data.get("feedback_given") else 0
    return Tally(len(records), participants, not_recorded, themes, actions, done, told)


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
class RegionalListing:
    """Records under one heading, newest first, in pages (the shape `_macros.pagination` expects)."""

    title: str
    folder: str
    records: tuple[RegionalRecord, ...]
    intro: str = ""

    def page_count(self, page_size: int) -> int:
        return max(1, math.ceil(len(self.records) / page_size))

    def src_uri(self, page: int = 1) -> str:
        return f"{self.folder}/index.md" if page == 1 else f"{self.folder}/page-{page}.md"


@dataclass
class RegionalPlan:
    name: str
    today: date
    organisations: list[Organisation]
    records: list[RegionalRecord]
    page_size: int = 20
    years: list[RegionalListing] = field(default_factory=list)
    pages: dict[str, PageSpec] = field(default_factory=dict)

    @property
    def total(self) -> Tally:
        return tally(self.records)


def plan_region(name: str, sources: list[Source], today: date, page_size: int = 20) -> RegionalPlan:
    """Every page of the regional site, from checked sources (one per organisation)."""
    organisations = []
    for source in sorted(sources, key=lambda s: (s.name, s.ods_code)):
        records = tuple(
            sorted(
                (RegionalRecord(source.ods_code, source.name, original_url(source, r), r) for r in source.records),
                key=lambda r: r.sort_key, reverse=True,
            )
        )
        organisations.append(Organisation(source.ods_code, source.name, source.site_url, source, records))
    everything = sorted((r for o in organisations for r in o.records), key=lambda r: r.sort_key, reverse=True)
    plan = RegionalPlan(name, today, organisations, everything, page_size)
    plan.pages["index.md"] = PageSpec("regional_home.html", name)
    _listing_pages(plan, RegionalListing("Every engagement", "engagements", tuple(everything)), "Every engagement")
    plan.pages["organisations/index.md"] = PageSpec("regional_hub.html", "Organisations", {"kind": "organisations"}, nav_title="Organisations")
    for organisation in organisations:
        listing = RegionalListing(organisation.name, organisation.folder, organisation.records)
        _listing_pages(plan, listing, organisation=organisation)
        for record in organisation.records:
            plan.pages[record.src_uri] = PageSpec("regional_record.html", str(record.data["title"]), {"record": record, "organisation": organisation}, kind="record")
    by_year: dict[str, list[RegionalRecord]] = {}
    for record in everything:
        by_year.setdefault(record.year, []).append(record)
    plan.years = [RegionalListing(f"Engagements that started in {y}", f"years/{y}", tuple(by_year[y])) for y in sorted(by_year, reverse=True)]
    plan.pages["years/index.md"] = PageSpec("regional_hub.html", "Years", {"kind": "years"}, nav_title="Years")
    for listing in plan.years:
        _listing_pages(plan, listing)
    plan.pages["figures/index.md"] = PageSpec("regional_figures.html", "Figures", nav_title="Figures")
    plan.pages["data/index.md"] = PageSpec("regional_data.html", "Open data", nav_title="Open data")
    plan.pages["search/index.md"] = PageSpec("regional_search.html", "Search", nav_title="Search")
    return plan


def _listing_pages(plan: RegionalPlan, listing: RegionalListing, nav_title: str | None = None, organisation: Organisation | None = None) -> None:
    for page in range(1, listing.page_count(plan.page_size) + 1):
        title = listing.title if page == 1 else f"{listing.title} (page {page})"
        plan.pages[listing.src_uri(page)] = PageSpec(
            "regional_listing.html", title, {"listing": listing, "page": page, "organisation": organisation},
            nav_title=nav_title if page == 1 else None,
        )


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
            }
            for o in plan.organisations
        ],
        "records": [
            {"regional_id": r.regional_id, "ods_code": r.ods_code, "original_url": r.original_url, "record": r.data}
            for r in plan.records
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
