"""The regional site's pages as HTML: our templates, and other organisations' text as untrusted.

Every value from a source is escaped by Jinja's autoescaping; the fields the format calls
Markdown (a theme's detail, the impact) are rendered and then sanitised with nh3, as on a
publisher's own site. Dates are shown as written: a day as "3 May 2025", a month as "May 2025",
anything else as it is.
"""

from __future__ import annotations

import re
from datetime import date

from yswd.content.model import ACTION_STATUS_WORDS
from yswd.dates import month_year, uk_date
from yswd.site.regional import DATA_FILE, RegionalPlan, RegionalRecord, tally
from yswd.site.render import MarkdownRenderer, template_environment
from yswd.site.routes import page_url, relative_url

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def when(value: object) -> str:
    """A date from the data, as people read it."""
    text = str(value)
    try:
        if _DAY.match(text):
            return uk_date(date.fromisoformat(text))
        if _MONTH.match(text):
            return month_year(date.fromisoformat(text + "-01"))
    except ValueError:
        pass
    return text


class RegionalRenderer:
    def __init__(self, plan: RegionalPlan, markdown: MarkdownRenderer, directory_urls: bool = True):
        self.plan = plan
        self.directory_urls = directory_urls
        self.env = template_environment(markdown)
        self.env.filters.update(when=when)
        self.env.globals.update(plan=plan, tally=tally, action_words=ACTION_STATUS_WORDS, data_file=DATA_FILE)

    def render(self, src_uri: str) -> str:
        spec = self.plan.pages[src_uri]
        here = page_url(src_uri, self.directory_urls)

        def link(target: str) -> str:
            return relative_url(page_url(target, self.directory_urls), here)

        def asset(path: str) -> str:
            return relative_url(path, here)

        def record_link(record: RegionalRecord) -> str:
            return link(record.src_uri)

        template = self.env.get_template(spec.template)
        return template.render(spec=spec, link=link, asset=asset, record_link=record_link, **spec.context)
