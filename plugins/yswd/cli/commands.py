"""The `yswd` command: check content, and build or serve the site, for staff and CI."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from yswd import __version__
from yswd.cli.progress import terminal_progress
from yswd.dates import BuildDateError, build_date
from yswd.guards.checking import load_and_check
from yswd.problems import FORMATS, SetupError, format_problems
from yswd.site.pages import AUDIENCES
from yswd.site.words import plural

if TYPE_CHECKING:
    from yswd.mkdocs_plugin.progress import Reporting

DEFAULT_CONFIG = Path("mkdocs.yml")
CONFIG_OPTION = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_CONFIG,
    show_default=True,
    help="The site's mkdocs.yml.",
)


QUIET_OPTION = click.option("-q", "--quiet", is_flag=True, help="No progress bars or notes: only problems, warnings and errors.")


class Commands(click.Group):
    """yswd's commands: a site that can't be set up is a clean message, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (SetupError, BuildDateError) as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=Commands)
@click.version_option(__version__, prog_name="yswd")
def main() -> None:
    """Publish "You said, we did" engagement records as a website."""


@main.command()
@CONFIG_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="text for people, json for programs, github for pull-request annotations.")
@QUIET_OPTION
def check(config_file: Path, fmt: str, quiet: bool) -> None:
    """Check every record and settings file; exit 1 if anything needs fixing."""
    from yswd.mkdocs_plugin.progress import CHECKING
    from yswd.mkdocs_plugin.site_layout import layout_from_mkdocs_yml

    build_date()  # the build would stop on a SOURCE_DATE_EPOCH it can't read: so does the check
    layout = layout_from_mkdocs_yml(config_file)
    progress = terminal_progress(quiet)
    content = load_and_check(layout, on_record=partial(progress.step, CHECKING) if progress else None)
    if content.problems:
        click.echo(format_problems(content.problems, fmt))
        sys.exit(1)
    if fmt == "json":
        click.echo("[]")
    elif fmt == "text" and not quiet:
        click.echo(f"No problems found in {len(content.engagements)} {plural(len(content.engagements), 'record')}.")


@main.command()
@CONFIG_OPTION
@click.option("--audience", type=click.Choice(AUDIENCES), default="public", show_default=True, help="public, or review for the reader panel's preview (built into site-review/).")
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings as errors.")
@QUIET_OPTION
@click.option("--no-cache", is_flag=True, help="Build everything afresh, without reading or writing .cache/yswd/ (the same as YSWD_CACHE=off).")
def build(config_file: Path, audience: str, strict: bool, quiet: bool, no_cache: bool) -> None:
    """Build the site with MkDocs (the same as YSWD_AUDIENCE=<audience> mkdocs build).

    On a terminal, progress bars count the records checked and the pages made and written.
    """
    from yswd.mkdocs_plugin.progress import Reporting, Silent

    if no_cache:
        os.environ["YSWD_CACHE"] = "off"
    wanted = Reporting(terminal_progress(quiet) or Silent(), quiet)
    _mkdocs("build", config_file, audience, ["--strict"] if strict else [], wanted)


@main.command()
@CONFIG_OPTION
@click.option("--audience", type=click.Choice(AUDIENCES), default="public", show_default=True)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(config_file: Path, audience: str, dev_addr: str) -> None:
    """Preview the site at http://127.0.0.1:8000/, rebuilding as files change."""
    _mkdocs("serve", config_file, audience, ["--dev-addr", dev_addr])


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", required=True, help='The organisation\'s full name, in quotes, such as "NHS Fennick Vale ICB".')
@click.option("--source", default=None, help="The git address to install yswd from. Default: where this yswd is published.")
def init(folder: Path, name: str, source: str | None) -> None:
    """Start a new site repository in FOLDER (a new or empty folder), ready to check, build and publish."""
    from yswd.dates import build_date
    from yswd.tools.init import InitError, create_site, published_source

    try:
        site = create_site(folder, name, build_date(), source or published_source())
    except InitError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Started the site in {folder}, with a first draft record in {site.record.shown}.\n"
        f"Next: cd {folder}, set up as its README.md says, then run: yswd check && mkdocs build --strict"
    )


@main.command()
@click.option("--records", type=click.IntRange(min=0), required=True, help="How many engagement records to write.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="A new or empty folder for the site.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed always gives the same site, byte for byte.")
@click.option("--ods-code", default=None, help="An ODS code for the invented organisation, such as QE1 (for regional views).")
def synth(records: int, out: Path, seed: int, ods_code: str | None) -> None:
    """Write a complete synthetic site (for benchmarks and tests), the same every time for a seed."""
    from yswd.tools.synth import synthesise

    if out.exists() and any(out.iterdir()):
        raise click.ClickException(f"{out} is not empty. Choose a new or empty folder: synth never overwrites files.")
    summary = synthesise(out, records, seed, ods_code)
    click.echo(f"Wrote a synthetic site with {summary.records} {plural(summary.records, 'record')} to {out}. Build it with: cd {out} && mkdocs build")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="A new or empty folder for the regional site.")
@click.option("--name", required=True, help='The regional view\'s name, such as "North and East regional view".')
def aggregate(sources: tuple[str, ...], out: Path, name: str) -> None:
    """Make a regional site from several organisations' published open data.

    Each SOURCE is a built site's folder, or an engagements.json. A file in format 1.0 names
    no ODS code: give it as CODE=PATH, like RX1=old/engagements.json.
    """
    from yswd.tools.aggregate import AggregateError, aggregate as make_region

    try:
        summary = make_region(list(sources), out, name)
    except AggregateError as error:
        raise click.ClickException(str(error)) from None
    for code, organisation, records, version in summary.organisations:
        click.echo(f"  {code}  {organisation}: {records:,} {plural(records, 'record')} (format {version})")
    click.echo(f"Wrote a regional site of {summary.records:,} {plural(summary.records, 'record')} from {len(summary.organisations)} {plural(len(summary.organisations), 'organisation')} to {out}. Build it with: cd {out} && mkdocs build")


@main.command()
@CONFIG_OPTION
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--summary-age", type=click.FloatRange(min=0), default=11, show_default=True, help="The highest reading age a summary should have.")
@click.option("--reading-age", type=click.FloatRange(min=0), default=None, help="The highest reading age for a whole record (no target unless given).")
@click.option("--sentence-words", type=click.IntRange(min=1), default=25, show_default=True, help="The most words a sentence should have.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="text for people, json for programs.")
@click.option("--strict", is_flag=True, help="Exit 1 if any record misses a target.")
def readability(config_file: Path, path: Path | None, summary_age: float, reading_age: float | None, sentence_words: int, fmt: str, strict: bool) -> None:
    """Report how easy records are to read, and the jargon they use.

    PATH is a record file or a folder of records; without it, every record and the strategy.
    """
    import json

    from yswd.content.load import load_content
    from yswd.guards.readability import Targets, reports_for, summarise
    from yswd.guards.readability_output import format_report, format_summary, report_as_dict
    from yswd.mkdocs_plugin.site_layout import layout_from_mkdocs_yml

    layout = layout_from_mkdocs_yml(_config_beside(config_file, path))
    content = load_content(layout)
    reports = reports_for(content, layout.root, path, Targets(summary_age, reading_age, sentence_words))
    if not reports:
        raise click.ClickException(f"There are no records in {path}. Name a record file or a folder of records.")
    if fmt == "json":
        click.echo(json.dumps([report_as_dict(report) for report in reports], indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(format_report(report) for report in reports))
        click.echo("\n" + format_summary(summarise(reports)))
    if content.problems:
        click.echo(f"{len(content.problems)} {plural(len(content.problems), 'problem')} kept some files out of this report: run yswd check.", err=True)
    if strict and not all(report.meets_targets for report in reports):
        sys.exit(1)


@main.command()
@CONFIG_OPTION
@click.argument("title")
@click.option("--type", "engagement_type", required=True, help="A key of engagement_types in site_config/organisation.yml, such as survey.")
@click.option("--folder", default=None, help="A folder inside content/engagements to put it in. Default: this financial year, such as 2025-26.")
def new(config_file: Path, title: str, engagement_type: str, folder: str | None) -> None:
    """Start a new engagement record: a draft that explains every field.

    TITLE is the engagement's title, in quotes. Never overwrites an existing file.
    """
    from yswd.content.load import load_content
    from yswd.mkdocs_plugin.site_layout import layout_from_mkdocs_yml
    from yswd.tools.scaffold import ScaffoldError, create_record

    layout = layout_from_mkdocs_yml(config_file)
    try:
        record = create_record(load_content(layout), layout, title, engagement_type, folder, build_date())
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    check_command = "yswd check" if config_file == DEFAULT_CONFIG else f"yswd check -f {_from_here(config_file)}"
    click.echo(f"Created {_from_here(record.path)} (a draft). Fill it in, then run: {check_command}")


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the schema to this file instead of printing it.")
def schema(out: Path | None) -> None:
    """Print the JSON Schema of an engagement record's front matter, for editors and other tools."""
    from yswd.tools.schema import json_schema_text

    text = json_schema_text()
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"Wrote the JSON Schema of engagement records to {out}.")


@main.command()
@click.argument("year")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Where to write the PDF, such as report.pdf.")
@CONFIG_OPTION
def report(year: str, pdf_path: Path, config_file: Path) -> None:
    """Write the annual engagement report for YEAR (such as 2025-26) as an accessible PDF for the board."""
    from yswd.mkdocs_plugin.report_setup import write_report

    note = write_report(config_file, year, pdf_path)
    if note:
        click.echo(note, err=True)
    click.echo(f"Wrote the annual engagement report for {year} to {pdf_path}.")


@main.command("review-pack")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Where to write the PDF, such as review-pack.pdf.")
@CONFIG_OPTION
def review_pack(pdf_path: Path, config_file: Path) -> None:
    """Write every record waiting for the reader panel, with a checklist, as a PDF to print."""
    from yswd.mkdocs_plugin.report_setup import write_review_pack

    note = write_review_pack(config_file, pdf_path)
    if note:
        click.echo(note, err=True)
    click.echo(f"Wrote the review pack to {pdf_path}. It is for the reader panel only: do not publish it.")


def _from_here(path: Path) -> str:
    """A path the person at the terminal can open from the folder they are in."""
    return os.path.relpath(path.resolve())


def _config_beside(config_file: Path, path: Path | None) -> Path:
    """Without -f, the mkdocs.yml of the site that PATH is in, from wherever the command is run."""
    if config_file != DEFAULT_CONFIG or path is None or config_file.exists():
        return config_file
    for folder in path.resolve().parents:
        if (folder / DEFAULT_CONFIG).is_file():
            return folder / DEFAULT_CONFIG
    return config_file


def _mkdocs(command: str, config_file: Path, audience: str, extra: list[str], wanted: Reporting | None = None) -> None:
    """MkDocs' own command, in this process: its messages and exit code, and no child left running."""
    from yswd.mkdocs_plugin.progress import Reporting
    from yswd.mkdocs_plugin.run import run_mkdocs

    sys.exit(run_mkdocs(command, config_file, audience, extra, wanted or Reporting()))
