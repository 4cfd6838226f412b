"""From checked content and an audience to the pages a build must produce.

This is where "nothing unpublished reaches the public" is decided, once: every page,
listing, export and attached document is planned from `SitePlan.engagements`, which holds
only what the audience may see.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Literal, Mapping

from .dates import FinancialYear
from .figures import Figures, count
from .load import Content, EngagementFile
from .model import ACTION_STATUS_WORDS, GlossaryEntry, Organisation, Strategy, latest_date
from .rules import attached_path
from .strategy_pages import strategy_pages

Audience = Literal["public", "review"]
AUDIENCES: tuple[Audience, ...] = ("public", "review")

VISIBLE: dict[str, tuple[str, ...]] = {
    "public": ("published",),
    "review": ("draft", "review", "published", "withdrawn"),
}

INDEX_FOLDER = "you-said-we-did"


@dataclass(frozen=True)
class Facet:
    """A way to narrow the records down: by topic, place, year, type or action status."""

    name: str
    folder: str
    title: str
    noun: str
    """How one value is introduced in sentences: "about", "in", "of type"..."""
    in_nav: bool
    values: tuple[tuple[str, str], ...]
    """(key, label) pairs in display order."""
    keys_of: Callable[[EngagementFile], tuple[str, ...]]
    """The facet's keys that a record belongs to."""


@dataclass(frozen=True)
class Listing:
    """Records under one heading (all of them, or one facet value), newest first."""

    facet: Facet | None
    key: str
    title: str
    folder: str
    records: tuple[EngagementFile, ...]

    def page_count(self, page_size: int) -> int:
        return max(1, math.ceil(len(self.records) / page_size))

    def src_uri(self, page: int = 1) -> str:
        return f"{self.folder}/index.md" if page == 1 else f"{self.folder}/page-{page}.md"


@dataclass(frozen=True)
class PageSpec:
    """One generated page: the template that draws it, its title and what it shows."""

    template: str
    title: str
    context: Mapping[str, object] = field(default_factory=dict)
    nav_title: str | None = None
    """Set on the few hub pages that join the navigation."""


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
    facets: list[Facet] = field(default_factory=list)
    index: Listing | None = None
    listings: dict[str, list[Listing]] = field(default_factory=dict)
    """Facet name to one listing per value."""
    pages: dict[str, PageSpec] = field(default_factory=dict)
    documents: dict[str, EngagementFile] = field(default_factory=dict)
    """Docs-relative paths of attached files the audience may see, with their record."""

    @property
    def start_month(self) -> int:
        return self.organisation.financial_year_start_month

    def year_of(self, day: date) -> FinancialYear:
        return FinancialYear.of(day, self.start_month)

    def year_labelled(self, label: str) -> FinancialYear:
        year = FinancialYear.from_label(label, self.start_month)
        assert year is not None, label
        return year

    @staticmethod
    def record_src_uri(record: EngagementFile) -> str:
        return f"engagements/{record.id}.md"

    def is_open(self, record: EngagementFile) -> bool:
        """Open for people to take part: started, and its end date is today or later."""
        end = record.engagement.end
        return end is not None and end >= self.today and record.engagement.start <= self.today

    def open_engagements(self) -> list[EngagementFile]:
        """Open now, closing soonest first."""
        return sorted((r for r in self.engagements if self.is_open(r)), key=lambda r: (r.engagement.end, r.id))

    def figures(self, year: FinancialYear | None = None) -> Figures:
        return count(self.engagements, year)

    def facet(self, name: str) -> Facet:
        return next(f for f in self.facets if f.name == name)

    def listing(self, facet: str, key: str) -> Listing:
        return next(listing for listing in self.listings[facet] if listing.key == key)


def newest_first(records: list[EngagementFile]) -> list[EngagementFile]:
    return sorted(records, key=lambda r: (r.engagement.start, latest_date(r.engagement), r.id), reverse=True)


def plan_site(content: Content, audience: Audience, today: date, page_size: int = 20, search: bool = True) -> SitePlan:
    """The pages, listings and documents for `audience`, from content that passed every check."""
    assert content.organisation is not None, "plan_site needs content that passed its checks"
    visible = newest_first([r for r in content.engagements if r.engagement.status in VISIBLE[audience]])
    plan = SitePlan(audience, today, content.organisation, content.glossary, content.strategy, visible, page_size)
    plan.facets = _facets(plan)
    plan.index = Listing(None, "", "You said, we did", INDEX_FOLDER, tuple(visible))
    plan.listings = {facet.name: _facet_listings(facet, visible) for facet in plan.facets}
    for record in visible:
        plan.pages[plan.record_src_uri(record)] = PageSpec("engagement.html", record.engagement.title, {"record": record})
        for document in record.engagement.documents:
            path = attached_path(document.url, record.folder)
            if path is not None:
                plan.documents[path.as_posix()] = record
    _add_listing_pages(plan, plan.index, nav_title="You said, we did")
    plan.pages["data/index.md"] = PageSpec("data.html", "Open data")
    plan.pages["glossary/index.md"] = PageSpec("glossary.html", "Glossary")
    plan.pages["accessibility/index.md"] = PageSpec("accessibility.html", "Accessibility statement")
    for facet in plan.facets:
        plan.pages[f"{facet.folder}/index.md"] = PageSpec(
            "hub.html", facet.title, {"facet": facet}, nav_title=facet.title if facet.in_nav else None
        )
        for listing in plan.listings[facet.name]:
            _add_listing_pages(plan, listing)
    plan.pages.update(strategy_pages(plan))
    if audience == "review":
        plan.pages["review/index.md"] = PageSpec("review.html", "Reader panel: waiting for review", nav_title="Reader panel")
        plan.pages["review/pack/index.md"] = PageSpec("review_pack.html", "Review pack")
    if search:
        plan.pages["search/index.md"] = PageSpec("search.html", "Search", nav_title="Search")
    return plan


def _add_listing_pages(plan: SitePlan, listing: Listing, nav_title: str | None = None) -> None:
    for page in range(1, listing.page_count(plan.page_size) + 1):
        title = listing.title if page == 1 else f"{listing.title} (page {page})"
        plan.pages[listing.src_uri(page)] = PageSpec(
            "listing.html", title, {"listing": listing, "page": page}, nav_title=nav_title if page == 1 else None
        )


def _facets(plan: SitePlan) -> list[Facet]:
    org = plan.organisation
    years = sorted({plan.year_of(r.engagement.start) for r in plan.engagements}, reverse=True)
    return [
        Facet("topic", "topics", "Topics", "about", True, tuple(org.topics.items()), lambda r: tuple(r.engagement.topics)),
        Facet(
            "locality", "localities", "Localities", "in", True, tuple(org.localities.items()),
            lambda r: tuple(r.engagement.localities) or tuple(org.localities),
        ),
        Facet(
            "year", "years", "Years", "started in", True, tuple((y.label, y.label) for y in years),
            lambda r: (plan.year_of(r.engagement.start).label,),
        ),
        Facet("type", "types", "Types of engagement", "of type", False, tuple(org.engagement_types.items()), lambda r: (r.engagement.type,)),
        Facet(
            "action-status", "action-status", "Action status", "with actions", False,
            tuple(ACTION_STATUS_WORDS.items()),
            lambda r: tuple(dict.fromkeys(a.status for a in r.engagement.we_did)),
        ),
    ]


def _facet_listings(facet: Facet, records: list[EngagementFile]) -> list[Listing]:
    """One listing per facet value, in a single pass over the records."""
    members: dict[str, list[EngagementFile]] = {key: [] for key, _ in facet.values}
    for record in records:
        for key in facet.keys_of(record):
            if key in members:
                members[key].append(record)
    return [
        Listing(facet, key, label, f"{facet.folder}/{key}", tuple(members[key]))
        for key, label in facet.values
    ]
