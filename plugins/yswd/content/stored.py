"""Records read and checked by an earlier build, as plain data the build cache keeps as JSON.

Reading a record (YAML with a line for every key, then validation) depends only on its bytes
and on yswd's code, so a record is stored with the hash of its bytes and used again only for
the same bytes, in a cache made by the same code. Stored records are validated again on the
way in (pydantic's own check, several times quicker than reading the YAML), so what a build
uses is always a model that passed every check of this version.

Only records that loaded without a problem are stored: a record with mistakes is read afresh
and its problems reported as always.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from pydantic import ValidationError

from yswd.content.load import RecordCache
from yswd.content.records import EngagementFile, Source
from yswd.content.model import Engagement
from yswd.content.yamlread import Marks


def stored_records(cache: RecordCache) -> dict[str, dict] | None:
    """The records of this build (and only those) as the build cache keeps them; None when
    they are the very ones read from it, so the cache need not be written again."""
    records = {}
    for key, (digest, record, problems, _text) in cache.entries.items():
        if record is None or problems or record.invalid:
            continue
        stored = cache.stored.get(key)
        records[key] = stored if stored is not None and stored.get("digest") == digest else _record_to_json(record)
    if records.keys() == cache.stored.keys() and all(records[k] is cache.stored[k] for k in records):
        return None
    return records


def restore_records(cache: RecordCache, records: dict) -> None:
    """Fill an empty cache with records kept by an earlier build; anything unreadable is left out."""
    for key, stored in records.items():
        record = _record_from_json(stored)
        if record is not None:
            cache.entries[key] = (record.digest, record, [], None)
            cache.stored[key] = stored


def _record_to_json(record: EngagementFile) -> dict:
    return {
        "id": record.id,
        "engagement": record.engagement.model_dump(mode="json"),
        "body": record.body,
        "body_line": record.body_line,
        "path": record.source.path,
        "marks": json.dumps([[list(path), line] for path, line in record.source.marks.lines.items()], separators=(",", ":")),
        "folder": record.folder.as_posix(),
        "digest": record.digest,
    }


def _record_from_json(stored: object) -> EngagementFile | None:
    try:
        assert isinstance(stored, dict)
        engagement = Engagement.model_validate(stored["engagement"])
        assert isinstance(stored["marks"], str)
        marks = StoredMarks(stored["marks"])
        return EngagementFile(
            str(stored["id"]),
            engagement,
            str(stored["body"]),
            int(stored["body_line"]),
            Source(str(stored["path"]), marks),
            PurePosixPath(stored["folder"]),
            str(stored["digest"]),
        )
    except (AssertionError, KeyError, TypeError, ValueError, ValidationError):
        return None


class StoredMarks(Marks):
    """Line marks read from the cache only when a problem needs a line: most builds never do."""

    def __init__(self, packed: str) -> None:
        self._packed = packed
        self._lines: dict | None = None

    @property
    def lines(self) -> dict:  # type: ignore[override]
        if self._lines is None:
            try:
                self._lines = {tuple(path): int(line) for path, line in json.loads(self._packed)}
            except (TypeError, ValueError):  # damaged: problems then point at the file's first line
                self._lines = {}
        return self._lines
