"""`mkdocs build` with the build cache in `.cache/yswd/` beside mkdocs.yml (see build_cache).

A warm build reads records, personal-data findings, generated pages' HTML, finished pages and
the parts of the search index from the cache when their keys match, and writes this build's
into the next cache. Off with
YSWD_CACHE=off (`yswd build --no-cache`), and never used by `mkdocs serve`, which keeps its own
work in memory between rebuilds.
"""

from __future__ import annotations

import binascii
import json
import shutil
from pathlib import Path

from yswd.content.load import RecordCache
from yswd.content.stored import restore_records, stored_records
from yswd.guards.patterns import Allowed
from yswd.mkdocs_plugin.build_cache import FOLDER, Pack, enabled, read_json, write_json
from yswd.problems import Problem
from yswd.site.search import write_part

CACHED_COMMANDS = ("build", "gh-deploy")
RECORDS = "records.json"


class DiskCache:
    """One build's view of the cache: what the last build left, and what this one keeps."""

    def __init__(self, root: Path, audience: str) -> None:
        self.folder = root / FOLDER
        self.pages = Pack(self.folder / f"pages-{audience}.pack")

    @classmethod
    def for_build(cls, command: str | None, root: Path, audience: str) -> "DiskCache | None":
        return cls(root, audience) if command in CACHED_COMMANDS and enabled() else None

    def load_records(self, records: RecordCache) -> None:
        """Fill an empty cache with the records and personal-data findings the last build kept."""
        data = read_json(self.folder / RECORDS)
        if data is None:
            return
        restore_records(records, data.get("records") if isinstance(data.get("records"), dict) else {})
        for shown, stored in (data.get("scans") or {}).items():
            try:
                digest, texts, email, settings_file, found = stored
                records.scans[shown] = ((digest, Allowed(tuple(texts), email, settings_file)), [Problem(*p) for p in found])
            except (TypeError, ValueError):
                continue
        records.stored_scans = dict(records.scans)

    def save_records(self, records: RecordCache) -> None:
        """Keep this build's records and findings (only those of files still there) for the next build."""
        root = self.folder.parent.parent
        for shown in [shown for shown in records.entries if not (root / shown).is_file()]:
            del records.entries[shown]
        for shown in [shown for shown in records.scans if not (root / shown).is_file()]:
            del records.scans[shown]
        stored = stored_records(records)
        if stored is None and records.scans == records.stored_scans:
            return  # nothing changed since the cache was read
        scans = {
            shown: [digest, list(allowed.texts), allowed.contact_email, allowed.settings_file, [[p.path, p.line, p.field, p.message] for p in found]]
            for shown, ((digest, allowed), found) in records.scans.items()
        }
        write_json(self.folder / RECORDS, {"records": records.stored if stored is None else stored, "scans": scans})

    def page_html(self, fingerprint: str) -> str | None:
        return self.pages.get("html:" + fingerprint)

    def has_page_html(self, fingerprint: str) -> bool:
        return self.pages.has("html:" + fingerprint)

    def keep_page_html(self, fingerprint: str, html: str) -> None:
        self.pages.put("html:" + fingerprint, html)

    def has_output(self, key: str) -> bool:
        return self.pages.has("out:" + key)

    def output(self, key: str) -> str | None:
        return self.pages.get("out:" + key)

    def keep_output(self, key: str, output: str) -> None:
        self.pages.put("out:" + key, output)

    def search_parts(self) -> "PackedParts":
        return PackedParts(self.pages)

    def memo(self, kind: str) -> "PackMemo":
        return PackMemo(self.pages, kind + ":")

    def commit(self) -> None:
        self.pages.commit()

    def abandon(self) -> None:
        self.pages.abandon()


class PackMemo:
    """Texts kept under a prefix of the pack, looked up like a dict (`get`, and setting an item)."""

    def __init__(self, pack: Pack, prefix: str) -> None:
        self.pack, self.prefix = pack, prefix

    def get(self, key: str) -> str | None:
        return self.pack.get(self.prefix + key)

    def __setitem__(self, key: str, text: str) -> None:
        self.pack.put(self.prefix + key, text)


class PackedParts:
    """Parts of the search index kept in the pack, each one entry: its files' paths and contents
    (Pagefind's files are gzip, kept as base64), so no file is made in the cache for them."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    def restore(self, key: str, folder: Path) -> bool:
        text = self.pack.get("search:" + key)
        if text is None:
            return False
        try:
            write_part(folder, json.loads(text))
        except (OSError, ValueError, TypeError, AttributeError, binascii.Error):
            shutil.rmtree(folder, ignore_errors=True)
            return False
        return True

    def keep(self, key: str, files: dict[str, str]) -> None:
        self.pack.put("search:" + key, json.dumps(files))
