"""From checked content and an audience to the pages a build must produce.

This is where "nothing unpublished reaches the public" is decided, once: every page,
listing, export and attached document is planned from `SitePlan.engagements`, which holds
only what the audience may see.
"""

from __future__ import annotations

from datetime import date

from yswd.content.documents import attached_path
from yswd.content.records import Content, EngagementFile
from yswd.content.model import ACTION_STATUS_WORDS, INVOLVEMENT_LABELS, latest_date
from yswd.site import routes
from yswd.site.pages import Audience, Facet, Listing, PageSpec, SitePlan
from yswd.site.strategy_pages import strategy_pages

VISIBLE: dict[str, tuple[str, ...]] = {
    "public": ("published",),
    "review": ("draft", "review", "published", "withdrawn"),
}


def newest_first(records: list[EngagementFile]) -> list[EngagementFile]:
    return sorted(records, key=lambda r: (r.engagement.start, latest_date(r.engagement), r.id), reverse=True)


def plan_site(content: Content, audience: Audience, today: date, page_size: int = 20, search: bool = True) -> SitePlan:
    """The pages, listings and documents for `audience`, from content that passed every check."""
    assert content.organisation is not None, "plan_site needs content that passed its checks"
    visible = newest_first([r for r in content.engagements if r.engagement.status in VISIBLE[audience]])
    plan = SitePlan(
        audience, today, content.organisation, content.glossary, content.strategy, visible, page_size, population=content.population
    )
    plan.facets = _facets(plan)
    plan.index = Listing(None, "", "You said, we did", routes.EVERYTHING, tuple(visible))
    plan.listings = {facet.name: _facet_listings(facet, visible) for facet in plan.facets}
    for record in visible:
        plan.pages[routes.record(record.id)] = PageSpec("engagement.html", record.engagement.title, {"record": record}, kind="record")
        links = [d.url for d in record.engagement.documents] + [d.document for d in record.engagement.decisions if d.document]
        for url in links:
            path = attached_path(url, record.folder)
            if path is not None:
                plan.documents[path.as_posix()] = record
    plan.pages.update(plan.index.page_specs(page_size, nav_title="You said, we did"))
    plan.pages[routes.DATA] = PageSpec("data.html", "Open data", from_context=True)
    plan.pages[routes.STANDARD] = PageSpec("standard.html", "The open data standard", from_context=True)
    plan.pages[routes.GLOSSARY] = PageSpec("glossary.html", "Glossary", kind="glossary")
    plan.pages[routes.ACCESSIBILITY] = PageSpec("accessibility.html", "Accessibility statement", from_context=True)
    for facet in plan.facets:
        plan.pages[routes.facet(facet.name)] = PageSpec(
            "hub.html", facet.title, {"facet": facet, "intro": _hub_intro(plan, facet)}, nav_title=facet.title if facet.in_nav else None, kind="hub"
        )
        for listing in plan.listings[facet.name]:
            plan.pages.update(listing.page_specs(page_size))
    plan.pages.update(strategy_pages(plan))
    if audience == "review":
        plan.pages[routes.REVIEW] = PageSpec("review.html", "Reader panel: waiting for review", nav_title="Reader panel")
        plan.pages[routes.REVIEW_PACK] = PageSpec("review_pack.html", "Review pack")
    if search:
        plan.pages[routes.SEARCH] = PageSpec("search.html", "Search", nav_title="Search")
    return plan


def _hub_intro(plan: SitePlan, facet: Facet) -> str:
    if facet.name == "year":
        return f"Engagements by the year they started. Each year runs from {plan.year_of(plan.today).span_words}."
    return ""


def _facets(plan: SitePlan) -> list[Facet]:
    org = plan.organisation
    years = sorted({plan.year_of(r.engagement.start) for r in plan.engagements}, reverse=True)
    involvement = [
        Facet(
            "involvement", routes.FACET_FOLDERS["involvement"], "How far people were involved", False,
            tuple(INVOLVEMENT_LABELS.items()),
            lambda r: (r.engagement.involvement,) if r.engagement.involvement else (),
        )
    ] if any(r.engagement.involvement for r in plan.engagements) else []
    return [
        Facet("topic", routes.FACET_FOLDERS["topic"], "Topics", True, tuple(org.topics.items()), lambda r: tuple(r.engagement.topics)),
        Facet(
            "locality", routes.FACET_FOLDERS["locality"], "Localities", True, tuple(org.localities.items()),
            lambda r: tuple(r.engagement.localities) or tuple(org.localities),
            everywhere="Area-wide", indexed_keys_of=lambda r: tuple(r.engagement.localities),
        ),
        Facet(
            "year", routes.FACET_FOLDERS["year"], "Years", True, tuple((y.label, y.label) for y in years),
            lambda r: (plan.year_of(r.engagement.start).label,),
        ),
        Facet("type", routes.FACET_FOLDERS["type"], "Types of engagement", False, tuple(org.engagement_types.items()), lambda r: (r.engagement.type,)),
        Facet(
            "action-status", routes.FACET_FOLDERS["action-status"], "Action status", False,
            tuple(ACTION_STATUS_WORDS.items()),
            lambda r: tuple(dict.fromkeys(a.status for a in r.engagement.we_did)),
            items_of=lambda r, status: sum(1 for a in r.engagement.we_did if a.status == status), item="action",
        ),
        *involvement,
    ]


def _facet_listings(facet: Facet, records: list[EngagementFile]) -> list[Listing]:
    """One listing per facet value, in a single pass over the records."""
    members: dict[str, list[EngagementFile]] = {key: [] for key, _ in facet.values}
    for record in records:
        for key in facet.keys_of(record):
            if key in members:
                members[key].append(record)
    return [
        Listing(facet, key, label, routes.facet_folder(facet.name, key), tuple(members[key]))
        for key, label in facet.values
    ]
