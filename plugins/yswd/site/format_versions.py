"""The versions of the open data format (engagements.json): which is current, what each changed,
and where each version's JSON Schema is kept.

The current version's schema is generated from the export models (exports.py). Every version's
schema is kept as it was published, in `standards/`, because files in that version are still out
there: readers check them against the schema they were written to (and a test keeps the current
version's generated schema equal to its kept copy, so a published version never changes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yswd.site import routes

FORMAT_NAME = "yswd-engagements"
FORMAT_VERSION = "2.2"
"""The version of engagements.json this code writes."""
NOT_BLANK = r"\S"
"""A label's pattern: some words, not only spaces."""
STANDARDS = Path(__file__).resolve().parent / "standards"
_VERSION = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


@dataclass(frozen=True)
class Version:
    number: str
    changes: str
    """What this version changed from the one before, in words."""

    @property
    def parts(self) -> tuple[int, int]:
        major, minor = self.number.split(".")
        return int(major), int(minor)

    @property
    def schema_path(self) -> str:
        """Where a site publishes this version's schema."""
        return routes.schema_of(self.number)

    @property
    def kept(self) -> Path:
        """Its schema, as it was published."""
        return STANDARDS / f"engagements-{self.number}.schema.json"


VERSIONS = (
    Version(
        "2.2",
        "An action's due date and the dates of its updates may be a month (2021-03) when only the month is "
        "known, as start, end, decisions and completed already may. Every 2.1 file is a valid 2.2 file.",
    ),
    Version(
        "2.1",
        "Adds vocabulary: each topic, locality and group key the publisher uses, with its label as the "
        "publisher's pages show it (\"camhs\": \"CAMHS and children's wellbeing\"), so that a reader need not "
        "make words from keys. Every topic, locality and group key in a record, and every group in population, "
        "must have its label there.",
    ),
    Version(
        "2.0",
        "Adds the format block (name, version, schema and documentation), and publisher becomes a block with "
        "the organisation's name, ods_code and site_url, so that regional views can tell organisations apart. "
        "Records gain led_by, partners, involvement, ways, phases, decisions, participants_precision, "
        "participants_note, group_shares, method_counts and history; the file gains population.",
    ),
    Version("1.0", "The first version: the publisher as a name alone, and no format block."),
)
"""Newest first. A new minor version only adds fields; a new major version may change them."""


def parse(version: str) -> tuple[int, int] | None:
    """(major, minor) of a version written as 2.1; None if it is not written like that."""
    found = _VERSION.match(version)
    return (int(found[1]), int(found[2])) if found else None


def known(version: tuple[int, int]) -> Version | None:
    """The newest version we know with the same major version, no newer than `version`."""
    same = [v for v in VERSIONS if v.parts[0] == version[0] and v.parts <= version]
    return max(same, key=lambda v: v.parts, default=None)
