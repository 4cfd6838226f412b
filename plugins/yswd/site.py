"""From checked content and an audience to the pages a build must produce.

This is where "nothing unpublished reaches the public" is decided, once: every page,
listing, export and attached document is planned from `SitePlan.engagements`, which holds
only what the audience may see.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .dates import FinancialYear
from .load import Content, EngagementFile
from .model import GlossaryEntry, Organisation, Strategy, latest_date
from .rules import attached_path

Audience = Literal["public", "review"]
AUDIENCES: tuple[Audience, ...] = ("public", "review")

VISIBLE: dict[str, tuple[str, ...]] = {
    "public": ("published",),
    "review": ("draft", "review", "published", "withdrawn"),
}

HUBS = (
    ("you-said-we-did", "You said, we did"),
    ("topics", "Topics"),
    ("localities", "Localities"),
    ("years", "Years"),
)
"""The only pages added to the navigation: everything else is reached from them."""


@dataclass(frozen=True)
class Listing:
    """Records under one heading (a topic, a locality, a year, or all), newest first."""

    kind: Literal["all", "topic", "locality", "year"]
    key: str
    title: str
    folder: str
    records: tuple[EngagementFile, ...]
    description: str = ""

    def page_count(self, page_size: int) -> int:
        return max(1, math.ceil(len(self.records) / page_size))

    def src_uri(self, page: int = 1) -> str:
        return f"{self.folder}/index.md" if page == 1 else f"{self.folder}/page-{page}.md"


@dataclass(frozen=True)
class PageSpec:
    """One generated page: what it shows, and where."""

    kind: Literal["engagement", "listing", "hub"]
    title: str
    record: EngagementFile | None = None
    listing: Listing | None = None
    page: int = 1
    hub: str = ""


@dataclass
class SitePlan:
    """Everything one audience's build contains."""

    audience: Audience
    today: date
    organisation: Organisation
    glossary: dict[str, GlossaryEntry]
    strategy: Strategy | None
    engagements: list[EngagementFile]
    page_size: int
    listings: dict[str, list[Listing]] = field(default_factory=dict)
    pages: dict[str, PageSpec] = field(default_factory=dict)
    documents: dict[str, EngagementFile] = field(default_factory=dict)
    """Docs-relative paths of attached files the audience may see, with their record."""

    def year_of(self, day: date) -> FinancialYear:
        return FinancialYear.of(day, self.organisation.financial_year_start_month)

    def year_labelled(self, label: str) -> FinancialYear:
        year = FinancialYear.from_label(label, self.organisation.financial_year_start_month)
        assert year is not None, label
        return year

    def record_src_uri(self, record: EngagementFile) -> str:
        return f"engagements/{record.id}.md"

    def is_open(self, record: EngagementFile) -> bool:
        end = record.engagement.end
        return end is not None and end >= self.today and record.engagement.start <= self.today


def newest_first(records: list[EngagementFile]) -> list[EngagementFile]:
    return sorted(records, key=lambda r: (r.engagement.start, latest_date(r.engagement), r.id), reverse=True)


def plan_site(content: Content, audience: Audience, today: date, page_size: int = 20) -> SitePlan:
    """The pages, listings and documents for `audience`, from content that passed every check."""
    assert content.organisation is not None, "plan_site needs content that passed its checks"
    org = content.organisation
    visible = newest_first([r for r in content.engagements if r.engagement.status in VISIBLE[audience]])
    plan = SitePlan(audience, today, org, content.glossary, content.strategy, visible, page_size)
    plan.listings = _listings(plan)
    for record in visible:
        plan.pages[plan.record_src_uri(record)] = PageSpec("engagement", record.engagement.title, record=record)
        for document in record.engagement.documents:
            path = attached_path(document.url, record.folder)
            if path is not None:
                plan.documents[path.as_posix()] = record
    for folder, title in HUBS:
        if folder != "you-said-we-did":
            plan.pages[f"{folder}/index.md"] = PageSpec("hub", title, hub=folder)
    for listings in plan.listings.values():
        for listing in listings:
            for page in range(1, listing.page_count(page_size) + 1):
                if listing.kind == "all" and page == 1:
                    plan.pages[listing.src_uri(page)] = PageSpec("listing", listing.title, listing=listing, page=page, hub=listing.folder)
                else:
                    title = listing.title if page == 1 else f"{listing.title} (page {page})"
                    plan.pages[listing.src_uri(page)] = PageSpec("listing", title, listing=listing, page=page)
    return plan


def _listings(plan: SitePlan) -> dict[str, list[Listing]]:
    org = plan.organisation
    records = plan.engagements
    by_year: dict[FinancialYear, list[EngagementFile]] = {}
    for record in records:
        by_year.setdefault(plan.year_of(record.engagement.start), []).append(record)
    return {
        "all": [Listing("all", "", "You said, we did", "you-said-we-did", tuple(records))],
        "topic": [
            Listing("topic", key, name, f"topics/{key}", tuple(r for r in records if key in r.engagement.topics))
            for key, name in org.topics.items()
        ],
        "locality": [
            Listing(
                "locality",
                key,
                name,
                f"localities/{key}",
                tuple(r for r in records if key in r.engagement.localities or not r.engagement.localities),
            )
            for key, name in org.localities.items()
        ],
        "year": [
            Listing("year", year.label, f"Year {year.label}", f"years/{year.label}", tuple(by_year[year]))
            for year in sorted(by_year, reverse=True)
        ],
    }
