"""`yswd init`: a complete site repository for a new organisation, ready to check, build and publish.

The files come from `site_template/`, shipped with the package. A name starting `dot-` becomes a
dot-file (`dot-gitignore` is `.gitignore`), so the template's own `.gitignore` and workflow do not
act on yswd's repository. A file ending `.tmpl` has `$name`-style values filled in
(string.Template); every other file is copied byte for byte. The one draft record is written by
`yswd new`'s own scaffold, so it explains every field the same way.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path

from yswd import __version__
from yswd.content.format_version import FORMAT
from yswd.content.load import Layout, load_content
from yswd.dates import FinancialYear
from yswd.tools.scaffold import NewRecord, create_record

TEMPLATE = Path(__file__).resolve().parent / "site_template"
FIRST_RECORD = ("Our first engagement", "survey")
"""The draft every new site starts with: its title and a type the template's settings define."""
STRATEGY_YEARS = 3


class InitError(Exception):
    """The site can't be started here; the message says why and what to do."""


@dataclass(frozen=True)
class NewSite:
    root: Path
    record: NewRecord


def published_source() -> str:
    """Where this yswd is published (pyproject.toml's Source URL), for a new site to install from."""
    try:
        urls = metadata("yswd").get_all("Project-URL") or []
    except PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip() == "Source":
            return url.strip()
    raise InitError("This yswd does not say where it is published. Name the git address to install it from with --source.")


def create_site(folder: Path, name: str, today: date, source: str) -> NewSite:
    """Write a new site into `folder` (new or empty), or raise InitError having changed nothing."""
    name = " ".join(name.split())
    if not name:
        raise InitError('Give the organisation\'s name, in quotes: yswd init my-site --name "NHS Fennick Vale ICB"')
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(
            f"{folder} is not an empty folder, and yswd init never changes files that are already there. "
            "Name a new folder, or an empty one."
        )
    values = template_values(name, today, source.rstrip("/"))
    folder.mkdir(parents=True, exist_ok=True)
    for source_path in sorted(p for p in TEMPLATE.rglob("*") if p.is_file()):
        _write(folder / target_path(source_path.relative_to(TEMPLATE)), source_path, values)
    layout = Layout(root=folder, docs_dir=folder / "content", config_dir=folder / "site_config")
    record = create_record(load_content(layout), layout, *FIRST_RECORD, None, today)
    return NewSite(folder, record)


def template_values(name: str, today: date, source: str) -> dict[str, str]:
    """The values a `.tmpl` file can use; names in YAML are quoted (a JSON string is valid YAML)."""
    first_year = FinancialYear.of(today)
    period_end = FinancialYear(first_year.start_year + STRATEGY_YEARS).first_day - timedelta(days=1)
    return {
        "name": name,
        "name_yaml": json.dumps(name, ensure_ascii=False),
        "site_name": json.dumps(f"You said, we did: {name}", ensure_ascii=False),
        "site_description": json.dumps(f"What people told {name}, and what we did about it.", ensure_ascii=False),
        "version": __version__,
        "source": source,
        "format": str(FORMAT),
        "period_start": first_year.first_day.isoformat(),
        "period_end": period_end.isoformat(),
    }


def target_path(relative: Path) -> Path:
    """Where a template file goes in the new site: `dot-` prefixes become dots, `.tmpl` is dropped."""
    parts = ["." + part.removeprefix("dot-") if part.startswith("dot-") else part for part in relative.parts]
    return Path(*parts[:-1], parts[-1].removesuffix(".tmpl"))


def _write(target: Path, source_path: Path, values: dict[str, str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source_path.suffix == ".tmpl":
        text = string.Template(source_path.read_text(encoding="utf-8")).substitute(values)
        with target.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
            file.write(text)
    else:
        with target.open("xb") as file:
            file.write(source_path.read_bytes())
