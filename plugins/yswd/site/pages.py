"""The page plan's types: what a build contains, page by page, for one audience.

Kept apart from plan.py so that the page makers plan.py calls (strategy_pages.py) can name them
without importing plan.py back.
"""

from __future__ import annotations

import math
from functools import cached_property
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Literal, Mapping

from yswd.analysis.figures import Figures, count
from yswd.content.records import EngagementFile
from yswd.content.model import GlossaryEntry, Method, Organisation, Population, Strategy
from yswd.dates import FinancialYear, last_day
from yswd.site import routes

PageKind = Literal["record", "listing", "hub", "changes", "glossary", "page"]
"""A record's page, a page of a listing, a facet's hub, a page of the changes made, the glossary, or any other page."""
Audience = Literal["public", "review"]
AUDIENCES: tuple[Audience, ...] = ("public", "review")

@dataclass(frozen=True)
class Facet:
    """A way to narrow the records down: by topic, place, year, type or action status."""

    name: str
    folder: str
    """Where its hub and listings are: for this site, routes.FACET_FOLDERS[name]."""
    title: str
    in_nav: bool
    values: tuple[tuple[str, str], ...]
    """(key, label) pairs in display order."""
    keys_of: Callable[[Any], tuple[str, ...]]
    """The facet's keys that a record belongs to (a record of this site, or of a regional one)."""
    everywhere: str | None = None
    """What a record that belongs to every value is called ("Area-wide" for places). The filter
    index lists such a record under no value, and any choice matches it."""
    indexed_keys_of: Callable[[Any], tuple[str, ...]] | None = None
    """The keys the filter index lists, when they differ from keys_of (a facet with `everywhere`)."""
    items_of: Callable[[Any, str], int] | None = None
    """For a facet of things inside records (actions by status): how many a record has under a key,
    so that its pages count those things, as the home page does, beside the engagements."""
    item: str = ""
    """What those things are called: "action"."""


@dataclass(frozen=True)
class Listing:
    """Records under one heading (all of them, or one facet value), newest first."""

    facet: Facet | None
    key: str
    title: str
    folder: str
    records: tuple[Any, ...]
    """Newest first: this site's records (EngagementFile), or a regional site's."""

    def page_count(self, page_size: int) -> int:
        return max(1, math.ceil(len(self.records) / page_size))

    @cached_property
    def items(self) -> int | None:
        """How many of its facet's things (actions with this status) its records hold; None for a facet of records.
        Counted once: every page of the listing asks (a listing of thousands of records has hundreds)."""
        if self.facet is None or self.facet.items_of is None:
            return None
        return sum(self.facet.items_of(record, self.key) for record in self.records)

    def src_uri(self, page: int = 1) -> str:
        return routes.folder_page(self.folder, page)

    def page_specs(self, page_size: int, template: str = "listing.html", nav_title: str | None = None) -> dict[str, PageSpec]:
        """Its pages, by source path; the first joins the navigation when given a nav_title."""
        return {
            self.src_uri(page): PageSpec(
                template, self.title if page == 1 else f"{self.title} (page {page})", {"listing": self, "page": page},
                nav_title=nav_title if page == 1 else None, kind="listing",
            )
            for page in range(1, self.page_count(page_size) + 1)
        }


@dataclass(frozen=True)
class PageSpec:
    """One generated page: the template that draws it, its title, what it shows and its kind."""

    template: str
    title: str
    context: Mapping[str, object] = field(default_factory=dict)
    nav_title: str | None = None
    """Set on the few hub pages that join the navigation."""
    kind: PageKind = "page"
    """What the build does with the page besides drawing it: see the properties below."""
    from_context: bool = False
    """Its HTML depends on its context and the build's settings alone (no other part of the
    plan), so an unchanged context means an unchanged page (`yswd.site.fingerprint`)."""

    @property
    def searchable(self) -> bool:
        """Its text goes into the search index: a record's page (listings would repeat it)."""
        return self.kind == "record"

    @property
    def marks_glossary(self) -> bool:
        """Glossary terms on it are explained; not on the glossary, which explains them already."""
        return self.kind != "glossary"


@dataclass(frozen=True)
class ShownChange:
    day: date
    commit: str
    """The full commit id."""
    description: str | None
    """The commit subject, cleaned; None when withheld by the personal-data guard."""
    status: str | None
    """The record's status in that version (shown in the review build)."""


@dataclass(frozen=True)
class ShownHistory:
    """A record's history as this audience may see it."""

    changes: tuple[ShownChange, ...]
    """Newest first."""
    first_published: date | None
    first_published_exact: bool
    """False in a shallow copy whose oldest commit already had the record published: "on or before"."""
    missing_before: date | None
    """When earlier history is not in this copy: the date it starts from."""

    @property
    def last_changed(self) -> date | None:
        return self.changes[0].day if self.changes else None


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
    population: Population | None = None
    """The local population by group (site_config/population.yml), to judge reach against."""
    histories: dict[str, ShownHistory] = field(default_factory=dict)
    """Record id to its history from git, as this audience may see it."""

    @property
    def start_month(self) -> int:
        return self.organisation.financial_year_start_month

    def year_of(self, day: date) -> FinancialYear:
        return FinancialYear.of(day, self.start_month)

    def year_labelled(self, label: str) -> FinancialYear:
        year = FinancialYear.from_label(label, self.start_month)
        assert year is not None, label
        return year

    def is_open(self, record: EngagementFile) -> bool:
        """Open for people to take part: started, and its end date (a month's last day) is today or later."""
        end = record.engagement.end
        return end is not None and last_day(end) >= self.today and record.engagement.start <= self.today

    def method(self, method_id: str) -> Method:
        """A way to take part from the strategy, by id (records' ways are checked to exist)."""
        assert self.strategy is not None
        return next(m for m in self.strategy.methods if m.id == method_id)

    def open_engagements(self) -> list[EngagementFile]:
        """Open now, closing soonest first."""
        return sorted((r for r in self.engagements if self.is_open(r)), key=lambda r: (r.engagement.end, r.id))

    def figures(self, year: FinancialYear | None = None) -> Figures:
        return count(self.engagements, year)

    def facet(self, name: str) -> Facet:
        return next(f for f in self.facets if f.name == name)

    def listing(self, facet: str, key: str) -> Listing:
        return next(listing for listing in self.listings[facet] if listing.key == key)
