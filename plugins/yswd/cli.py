"""The `yswd` command: check content, and build or serve the site, for staff and CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from .checking import load_and_check
from .problems import FORMATS, format_problems
from .site import AUDIENCES

CONFIG_OPTION = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's mkdocs.yml.",
)


@click.group()
@click.version_option(package_name="yswd")
def main() -> None:
    """Publish "You said, we did" engagement records as a website."""


@main.command()
@CONFIG_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="text for people, json for programs, github for pull-request annotations.")
def check(config_file: Path, fmt: str) -> None:
    """Check every record and settings file; exit 1 if anything needs fixing."""
    from .mkdocs_plugin.site_layout import layout_from_mkdocs_yml

    content = load_and_check(layout_from_mkdocs_yml(config_file))
    if content.problems:
        click.echo(format_problems(content.problems, fmt))
        sys.exit(1)
    if fmt == "json":
        click.echo("[]")
    elif fmt == "text":
        click.echo(f"No problems found in {len(content.engagements)} records.")


@main.command()
@CONFIG_OPTION
@click.option("--audience", type=click.Choice(AUDIENCES), default="public", show_default=True, help="public, or review for the reader panel's preview (built into site-review/).")
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings as errors.")
def build(config_file: Path, audience: str, strict: bool) -> None:
    """Build the site with MkDocs (the same as YSWD_AUDIENCE=<audience> mkdocs build)."""
    _mkdocs("build", config_file, audience, ["--strict"] if strict else [])


@main.command()
@CONFIG_OPTION
@click.option("--audience", type=click.Choice(AUDIENCES), default="public", show_default=True)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(config_file: Path, audience: str, dev_addr: str) -> None:
    """Preview the site at http://127.0.0.1:8000/, rebuilding as files change."""
    _mkdocs("serve", config_file, audience, ["--dev-addr", dev_addr])


def _mkdocs(command: str, config_file: Path, audience: str, extra: list[str]) -> None:
    """Run MkDocs itself, so messages and exit codes are exactly those of a plain build."""
    env = {**os.environ, "YSWD_AUDIENCE": audience}
    result = subprocess.run([sys.executable, "-m", "mkdocs", command, "-f", str(config_file), *extra], env=env)
    sys.exit(result.returncode)
