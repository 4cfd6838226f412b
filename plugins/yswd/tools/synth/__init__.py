"""Synthetic sites: a complete, valid site of any size, the same every time for a seed.

`yswd synth --records N --out DIR` writes what a real site repository holds (mkdocs.yml,
site_config/, the home page, the strategy and N engagement records spread across folders
and financial years) so that benchmarks and tests can work at the scale of a national
body publishing tens of thousands of records.

Every field of the content format is used, with realistic variety: a few per cent of
records are drafts, in review or withdrawn; aims are met and missed; actions have every
status, with timelines; some records have aliases, attached files, web documents and
commitments from the strategy; published records carry the reader-panel approvals the
organisation requires. The text is made from phrase banks (`phrases`), never from real
people.

Only `random.Random(seed)` decides anything: no clock, no hash order, no file system
order. The same seed and size give a byte-identical tree.

- `phrases`: the banks of invented places, services, themes and words;
- `site_files`: mkdocs.yml, the settings, the strategy and the home page;
- `records`: the engagement records;
- `text`: writing YAML values by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yswd.site import routes

from . import site_files
from .records import Synthesiser


@dataclass
class Summary:
    """What was written, for the command's message and the tests."""

    records: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    action_statuses: dict[str, int] = field(default_factory=dict)


def synthesise(out: Path, records: int, seed: int = 1, ods_code: str | None = None) -> Summary:
    """Write a complete site with `records` engagements into `out` (which must be empty or new).

    `ods_code` goes into organisation.yml, so that sites made for a regional view can be told apart.
    """
    out.mkdir(parents=True, exist_ok=True)
    synth = Synthesiser(seed)
    org = synth.org
    summary = Summary()

    def write(relative: str, text: str) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))

    write("mkdocs.yml", site_files.mkdocs_yml(org))
    write("site_config/organisation.yml", site_files.organisation_yml(org, ods_code))
    write("site_config/glossary.yml", site_files.GLOSSARY)
    write(f"content/{routes.HOME}", site_files.index_md(org))
    write("content/get-involved.md", site_files.get_involved_md(org))
    write("content/strategy.yml", site_files.strategy_yml(org))
    for index in range(records):
        record = synth.record(index)
        write(f"content/{record.folder}/{record.stem}.md", record.text)
        for name, data in record.attached:
            write(f"content/{record.folder}/{name}", data)
        summary.records += 1
        summary.statuses[record.status] = summary.statuses.get(record.status, 0) + 1
        for action_status in record.action_statuses:
            summary.action_statuses[action_status] = summary.action_statuses.get(action_status, 0) + 1
    return summary
