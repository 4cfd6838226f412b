"""The Atom feed of new and updated records (feed.xml), dated by the records, never by the clock."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from yswd.content.model import Engagement, latest_date
from yswd.dates import is_month
from yswd.site.pages import SitePlan
from yswd.site import routes


def atom_feed(plan: SitePlan, site_url: str, site_name: str) -> bytes:
    """New and updated records, dated by each record's `updated` date, never by the clock."""
    feed = FeedGenerator()
    base = site_url or "urn:yswd:"
    feed.id(base + routes.FEED if site_url else "urn:yswd:feed")
    feed.title(f"{site_name}: new and updated engagements")
    feed.author({"name": plan.organisation.name})
    feed.language("en-GB")
    if site_url:
        feed.link(href=site_url + routes.FEED, rel="self")
        feed.link(href=site_url, rel="alternate")
    newest = sorted(plan.engagements, key=lambda r: (feed_day(r.engagement), r.id), reverse=True)
    for record in reversed(newest[:50]):
        entry = feed.add_entry()
        url = routes.record_address(record.id, site_url)
        entry.id(url if site_url else f"urn:yswd:engagement:{record.id}")
        entry.title(record.engagement.title)
        entry.link(href=url)
        entry.updated(_midnight(feed_day(record.engagement)))
        if not is_month(record.engagement.start):  # a month has no day to give
            entry.published(_midnight(record.engagement.start))
        if record.engagement.summary:
            entry.summary(record.engagement.summary)
    feed.updated(_midnight(max((feed_day(r.engagement) for r in newest), default=plan.today)))
    return feed.atom_str(pretty=True)


def feed_day(engagement: Engagement) -> dt.date:
    """The day a feed entry was updated: Atom needs a day, so when the latest date is only a
    month, the latest date written with its day (the month's first day only when there is none)."""
    latest = latest_date(engagement)
    if not is_month(latest):
        return latest
    written = [r.date for r in engagement.reviews] + [u.date for a in engagement.we_did for u in a.updates]
    written += [engagement.start, engagement.end]
    return max((d for d in written if d is not None and not is_month(d)), default=dt.date(latest.year, latest.month, 1))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)
