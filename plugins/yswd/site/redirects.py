"""Old addresses keep working: each alias of a record gets a page that sends people on."""

from __future__ import annotations

from html import escape

from yswd.site.pages import SitePlan
from yswd.site import routes
from yswd.site.routes import page_url, relative_url

NOINDEX = '<meta name="robots" content="noindex, nofollow">'
"""Keeps a page out of search engines: every review page, and every redirect."""


def redirect_pages(plan: SitePlan, directory_urls: bool = True) -> dict[str, str]:
    """Output path to HTML for every alias of every record the audience can see."""
    pages = {}
    for record in plan.engagements:
        target_url = page_url(routes.record(record.id), directory_urls)
        for alias in record.engagement.aliases:
            alias_url = page_url(routes.record(alias), directory_urls)
            path = alias_url + "index.html" if directory_urls else alias_url
            link = escape(relative_url(target_url, alias_url), quote=True)
            title = escape(record.engagement.title)
            pages[path] = (
                "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{title}</title>\n{NOINDEX}\n"
                f"<link rel=\"canonical\" href=\"{link}\">\n<meta http-equiv=\"refresh\" content=\"0; url={link}\">\n"
                f"</head>\n<body>\n<p>This page has moved to <a href=\"{link}\">{title}</a>.</p>\n</body>\n</html>\n"
            )
    return pages
