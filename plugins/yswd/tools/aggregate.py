"""`yswd aggregate`: a regional site folder from several organisations' published open data.

Each source (a built site's folder, its data folder, or an engagements.json) is read and checked
against the schema of the format version it follows; one that does not validate is refused, with
the source and the field named, and nothing is written. The folder written holds mkdocs.yml and
each source's file, byte for byte, as `content/data/sources/<ODS code>.json`: `mkdocs build` in it
makes the site (the `yswd-regional` plugin), and building again after replacing a file refreshes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yswd.site.open_data import OpenDataError, Source, data_file, read_source, split_spec
from yswd.site.regional import SOURCES_FOLDER

MKDOCS_YML = """\
# A regional view made by yswd aggregate from {count} organisations' open data.
# Refresh it: replace a file in content/{sources}/ (or run yswd aggregate again), then mkdocs build.
site_name: {name}
docs_dir: content
theme:
  name: material
  language: en
  features:
    - navigation.sections
plugins:
  - yswd-regional
markdown_extensions:
  - tables
  - toc
"""


class AggregateError(Exception):
    """The regional site can't be made: the message says which source and what to do."""


@dataclass(frozen=True)
class Summary:
    organisations: list[tuple[str, str, int, str]]
    """(ODS code, name, records, format version) for each source."""

    @property
    def records(self) -> int:
        return sum(count for _, _, count, _ in self.organisations)


def read_sources(specs: list[str]) -> list[Source]:
    """Every source checked, or AggregateError for the first that can't be used."""
    sources: dict[str, Source] = {}
    for spec in specs:
        code, written = split_spec(spec)
        try:
            path = data_file(Path(written))
            source = read_source(written, path.read_bytes(), code)
        except OpenDataError as error:
            raise AggregateError(str(error)) from None
        if source.ods_code in sources:
            other = sources[source.ods_code].label
            raise AggregateError(f"{written}: its ODS code, {source.ods_code}, is also the code of {other}. Each organisation can be included once.")
        sources[source.ods_code] = source
    return list(sources.values())


def aggregate(specs: list[str], out: Path, name: str) -> Summary:
    """Write the regional site folder for `specs` into `out`, which must be new or empty."""
    if not specs:
        raise AggregateError("Name at least one source: a built site's folder, or its data/engagements.json.")
    if not name.strip():
        raise AggregateError("The regional view needs a name, such as --name \"North and East regional view\".")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise AggregateError(f"{out} is not an empty folder. Choose a new or empty folder: aggregate never overwrites files.")
    sources = read_sources(specs)
    folder = out / "content" / SOURCES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for source in sources:
        (folder / f"{source.ods_code}.json").write_bytes(source.raw)
    (out / "mkdocs.yml").write_text(
        MKDOCS_YML.format(count=len(sources), sources=SOURCES_FOLDER, name=_yaml_text(name.strip())), encoding="utf-8"
    )
    return Summary([(s.ods_code, s.name, len(s.records), s.version) for s in sources])


def _yaml_text(text: str) -> str:
    """A name as a double-quoted YAML string, whatever it holds."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
