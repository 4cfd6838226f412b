"""`yswd report` and `yswd review-pack`: pages as PDFs, set up from the site's mkdocs.yml like a build.

The PDFs use the site's own Markdown extensions, name and address. The annual report is
made for the public (published records only); the review pack for the reader panel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from yswd.dates import build_date
from yswd.guards.checking import load_and_check
from yswd.mkdocs_plugin.folders import layout_for
from yswd.mkdocs_plugin.site_layout import load_site
from yswd.problems import SetupError, format_problems
from yswd.site.pages import Audience, SitePlan
from yswd.site.pdf import (
    UnknownYear,
    page_base_url,
    report_html,
    review_pack_html,
    write_pdf,
)
from yswd.site.plan import plan_site
from yswd.site.render import MarkdownRenderer, PageRenderer
from yswd.site import routes


def write_report(config_file: Path, label: str, out: Path) -> str | None:
    """The year's annual report, from published records, as a PDF."""
    return _write(config_file, out, "public", lambda plan, renderer: report_html(plan, renderer, label), routes.report(label))


def write_review_pack(config_file: Path, out: Path) -> str | None:
    """Every record waiting for the reader panel, with the checklist, as a PDF."""
    return _write(config_file, out, "review", review_pack_html, routes.REVIEW_PACK)


def _write(config_file: Path, out: Path, audience: Audience, make_html: Callable[[SitePlan, PageRenderer], str], src_uri: str) -> str | None:
    """Check the content, plan the site for `audience` and write one page of it to `out` as a PDF.

    Returns a note for the person running it, or None. Raises SetupError with the problems.
    """
    config, plugin = load_site(config_file)
    content = load_and_check(layout_for(config, plugin.config))
    if content.problems:
        raise SetupError(format_problems(content.problems, "text"))
    plan = plan_site(content, audience, build_date(), plugin.config.page_size)
    renderer = PageRenderer(
        plan, MarkdownRenderer(config.markdown_extensions, config.mdx_configs), config.use_directory_urls, config.site_name
    )
    try:
        html = make_html(plan, renderer)
    except UnknownYear as error:
        raise SetupError(str(error)) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    base_url = page_base_url(config.site_url, src_uri, config.use_directory_urls)
    write_pdf(html, out, base_url)
    return None if base_url else f"{config_file} has no site_url, so the PDF's links to the site's pages are left out."
