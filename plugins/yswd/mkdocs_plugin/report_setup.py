"""`yswd report`: the annual report as a PDF, set up from the site's mkdocs.yml like a build.

The report uses the site's own Markdown extensions, name and address, and the public
audience: a PDF for the board holds published records only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from ..checking import load_and_check
from ..dates import build_date
from ..pdf import UnknownYear, report_base_url, report_html, write_report_pdf
from ..problems import format_problems
from ..render import MarkdownRenderer, PageRenderer
from ..site import plan_site
from .plugin import YouSaidWeDidPlugin, layout_for


def write_report(config_file: Path, label: str, out: Path) -> None:
    """Check the content, plan the public site and write the year's report to `out` as a PDF."""
    if not config_file.is_file():
        raise click.ClickException(f"{config_file} was not found. Run yswd in the site's folder, or name its mkdocs.yml with -f.")
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise click.ClickException(f"{config_file} has a problem: {error}") from None
    plugin = next((p for p in config.plugins.values() if isinstance(p, YouSaidWeDidPlugin)), None)
    if plugin is None:
        raise click.ClickException(f"{config_file} does not list the yswd plugin under plugins:.")
    content = load_and_check(layout_for(config, plugin.config))
    if content.problems:
        click.echo(format_problems(content.problems, "text"), err=True)
        sys.exit(1)
    plan = plan_site(content, "public", build_date(), plugin.config.page_size)
    renderer = PageRenderer(
        plan, MarkdownRenderer(config.markdown_extensions, config.mdx_configs), config.use_directory_urls, config.site_name
    )
    try:
        html = report_html(plan, renderer, label)
    except UnknownYear as error:
        raise click.ClickException(str(error)) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    base_url = report_base_url(config.site_url, label, config.use_directory_urls)
    if base_url is None:
        click.echo(f"{config_file} has no site_url, so the PDF's links to the site's pages are left out.", err=True)
    write_report_pdf(html, out, base_url)
