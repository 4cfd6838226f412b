"""`yswd report` and `yswd review-pack`: pages as PDFs, set up from the site's mkdocs.yml like a build.

The PDFs use the site's own Markdown extensions, name and address. The annual report is
made for the public (published records only); the review pack for the reader panel.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import click

from ..checking import load_and_check
from ..dates import build_date
from ..pdf import UnknownYear, page_base_url, report_html, review_pack_html, write_pdf
from ..problems import format_problems
from ..render import MarkdownRenderer, PageRenderer
from ..site import Audience, SitePlan, plan_site
from ..strategy_pages import report_src_uri
from .plugin import layout_for
from .site_layout import load_site

REVIEW_PACK = "review/pack/index.md"


def write_report(config_file: Path, label: str, out: Path) -> None:
    """The year's annual report, from published records, as a PDF."""
    _write(config_file, out, "public", lambda plan, renderer: report_html(plan, renderer, label), report_src_uri(label))


def write_review_pack(config_file: Path, out: Path) -> None:
    """Every record waiting for the reader panel, with the checklist, as a PDF."""
    _write(config_file, out, "review", review_pack_html, REVIEW_PACK)


def _write(config_file: Path, out: Path, audience: Audience, make_html: Callable[[SitePlan, PageRenderer], str], src_uri: str) -> None:
    """Check the content, plan the site for `audience` and write one page of it to `out` as a PDF."""
    config, plugin = load_site(config_file)
    content = load_and_check(layout_for(config, plugin.config))
    if content.problems:
        click.echo(format_problems(content.problems, "text"), err=True)
        sys.exit(1)
    plan = plan_site(content, audience, build_date(), plugin.config.page_size)
    renderer = PageRenderer(
        plan, MarkdownRenderer(config.markdown_extensions, config.mdx_configs), config.use_directory_urls, config.site_name
    )
    try:
        html = make_html(plan, renderer)
    except UnknownYear as error:
        raise click.ClickException(str(error)) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    base_url = page_base_url(config.site_url, src_uri, config.use_directory_urls)
    if base_url is None:
        click.echo(f"{config_file} has no site_url, so the PDF's links to the site's pages are left out.", err=True)
    write_pdf(html, out, base_url)
