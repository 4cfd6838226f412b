"""The strategy summary, its easy-read version, the annual reports and the changes made.

`strategy_pages(plan)` plans the pages; the figures come from `commitments.py` and
`annual_report.py`, and the templates draw them. Pages:

- `strategy/`: the strategy with each commitment's live evidence and metric;
- `strategy/<commitment>/`: all the evidence for a commitment with more than fits the summary;
- `strategy/easy-read/`: the easy-read version (in the review build, a page saying it is
  missing when strategy.yml has no `easy_read`; in the public build, no page then);
- `reports/` and `reports/<year>/`: the annual engagement report for every year with records;
- `changes-you-made-happen/`: every action done, newest first, a hundred to a page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup

from yswd.analysis.annual_report import (
    AnnualReport,
    Change,
    annual_reports,
    change_in_words,
    undated_changes,
    comparison,
)
from yswd.analysis.commitments import track
from yswd.content.model import ACTION_STATUS_WORDS, Organisation
from yswd.dates import FinancialYear
from yswd.site.charts import Bar, bar_chart
from yswd.site import routes, words
from yswd.site.pages import PageSpec, SitePlan

EVIDENCE_SHOWN = 8
"""Evidence listed per commitment on the strategy page; the rest is on the commitment's own page."""
CHANGES_PER_PAGE = 100
@dataclass(frozen=True)
class ChangesListing:
    """The changes made, page by page (the shape `_macros.html`'s pagination expects)."""

    title: str
    changes: tuple[Change, ...]
    start_month: int = 4
    undated: tuple[Change, ...] = ()
    """Actions done whose date was not recorded: listed after the dated ones, on the first page."""

    def page_count(self, page_size: int = CHANGES_PER_PAGE) -> int:
        """Pages of `CHANGES_PER_PAGE`; the argument is the records' page size, not used here."""
        return max(1, math.ceil(len(self.changes) / CHANGES_PER_PAGE))

    def first(self, number: int) -> int:
        """The position, counting from 1, of the first change on page `number`."""
        return (number - 1) * CHANGES_PER_PAGE + 1

    def page(self, number: int) -> tuple[Change, ...]:
        first = (number - 1) * CHANGES_PER_PAGE
        return self.changes[first : first + CHANGES_PER_PAGE]

    def by_year(self, number: int) -> list[tuple[str, list[Change]]]:
        """Page `number`'s changes under the financial year they were completed in, newest first."""
        groups: dict[str, list[Change]] = {}
        for change in self.page(number):
            groups.setdefault(FinancialYear.of(change.completed, self.start_month).label, []).append(change)
        return list(groups.items())

    def src_uri(self, page: int = 1) -> str:
        return routes.changes(page)


def way_pages(plan: SitePlan) -> dict[str, PageSpec]:
    """A page for each way to take part (what it is, how to join, the published engagements
    that used it), and one listing them all."""
    strategy = plan.strategy
    if strategy is None or not strategy.methods:
        return {}
    published = [r for r in plan.engagements if r.engagement.status == "published"]
    pages = {routes.WAYS: PageSpec("ways.html", "Ways to take part", {"strategy": strategy}, from_context=True)}
    for method in strategy.methods:
        used = [r for r in published if method.id in r.engagement.ways]
        pages[routes.way(method.id)] = PageSpec("way.html", method.name, {"method": method, "records": used}, from_context=True)
    return pages


def strategy_pages(plan: SitePlan) -> dict[str, PageSpec]:
    """The strategy, easy-read, annual report and changes-made pages for this build."""

    pages: dict[str, PageSpec] = {}
    strategy = plan.strategy
    if strategy is not None:
        has_easy_read = bool(strategy.easy_read) or plan.audience == "review"
        progress = track(strategy, plan.engagements, plan.today, plan.population)
        pages[routes.STRATEGY] = PageSpec(
            "strategy.html",
            strategy.title,
            {"strategy": strategy, "progress": progress, "has_easy_read": has_easy_read, "evidence_shown": EVIDENCE_SHOWN},
            nav_title="Our strategy", from_context=True,
        )
        for item in progress:
            if len(item.evidence.records) > EVIDENCE_SHOWN:
                pages[routes.commitment(item.commitment.id)] = PageSpec(
                    "commitment.html", f"Evidence: {item.commitment.text}", {"strategy": strategy, "item": item}, from_context=True
                )
        if has_easy_read:
            pages[routes.EASY_READ] = PageSpec("easy_read.html", f"{strategy.title}: easy read", {"strategy": strategy}, from_context=True)
    pages.update(way_pages(plan))
    ways = {m.id: m.name for m in strategy.methods} if strategy else {}
    reports = annual_reports(plan.engagements, plan.organisation, plan.today, plan.population, ways)
    pages[routes.REPORTS] = PageSpec(
        "reports_index.html", "Annual engagement reports", {"reports": reports}, nav_title="Annual reports", from_context=True
    )
    for report in reports:
        pages[routes.report(report.year.label)] = PageSpec(
            "report.html",
            f"Annual engagement report {report.year.label}",
            {
                "report": report,
                "charts": report_charts(report, plan.organisation),
                "comparison": comparison(report),
                "change_in_words": change_in_words,
            },
            from_context=True,
        )
    # Each report holds its year's changes, newest first, and the reports run newest year first.
    every_change = tuple(change for report in reports for change in report.changes)
    listing = ChangesListing("Changes you made happen", every_change, plan.start_month, tuple(undated_changes(plan.engagements)))
    for number in range(1, listing.page_count() + 1):
        title = listing.title if number == 1 else f"{listing.title} (page {number})"
        pages[listing.src_uri(number)] = PageSpec(
            "changes.html", title, {"listing": listing, "page": number},
            nav_title=listing.title if number == 1 else None, kind="changes",
        )
    return pages


def report_charts(report: AnnualReport, organisation: Organisation) -> dict[str, Markup]:
    """The annual report's charts; each page puts the same figures in a table after its chart."""
    label = report.year.label
    small = organisation.personal_data.small_number

    def engagements(n: int) -> str:
        return words.counted(n, "engagement")

    def group_bar(name: str, people: int, counted: int) -> Bar:
        if not counted:
            return Bar(name, None, "not counted")
        if people < small:
            return Bar(name, None, f"fewer than {small}")
        return Bar(name, people, words.people(people))

    figures = report.figures
    return {
        "types": bar_chart(
            "chart-types", f"Engagements by kind, {label}",
            [Bar(row.label, row.engagements, engagements(row.engagements)) for row in report.by_type],
        ),
        "topics": bar_chart(
            "chart-topics", f"Engagements by topic, {label}",
            [Bar(row.label, row.engagements, engagements(row.engagements)) for row in report.by_topic],
        ),
        "places": bar_chart(
            "chart-places", f"Engagements by place, {label}",
            [Bar(row.label, row.engagements, engagements(row.engagements)) for row in report.by_locality]
            + [Bar(f"{report.area_wide.label} (area-wide)", report.area_wide.engagements, engagements(report.area_wide.engagements))],
        ),
        "groups": bar_chart(
            "chart-groups", f"People from each group we count, {label}",
            [group_bar(group.label, group.people, group.engagements) for group in report.groups],
            summary=f"Out of {words.people(figures.participants, figures.participants_precision)} who took part"
            + (f" (not recorded for {words.counted(figures.participants_unrecorded, 'engagement')})." if figures.participants_unrecorded else "."),
        ),
        "actions": bar_chart(
            "chart-actions", f"Actions by status, {label}",
            [
                Bar(words + (" (completed in the year)" if status == "done" else ""), figures.actions[status], f"{figures.actions[status]:,}")
                for status, words in ACTION_STATUS_WORDS.items()
            ],
        ),
        "ratings": bar_chart(
            "chart-ratings", f"Participants' average rating of taking part, {label}",
            [Bar(r.record.engagement.title, r.rating, f"{r.rating:.1f} out of 5") for r in report.rated],
            summary="Each bar is one engagement's average rating, on a scale from 1 to 5.",
            maximum=5,
        ),
    }


