"""The build cache beside mkdocs.yml (`.cache/yswd/`): work kept between builds in new processes.

What is kept is keyed by what it was made from (content hashes, settings, yswd's own code), so
a key either finds exactly what a fresh build would make or finds nothing. Files are written
to a temporary name and renamed into place, so a build that stops half way leaves the last
complete cache. Anything that cannot be read back exactly (a truncated or corrupt file, an
entry whose checksum is wrong) is ignored, never trusted: the build then does the work again.

Two formats, both plain: JSON documents (records and personal-data findings), and a pack of
text entries (generated and finished pages). A pack is an index (JSON: each key's data file,
offset, length and CRC-32 checksum) and data files that are only ever appended to by the build
that made them, never changed after. A build writes only the entries it made, in a data file
of its own, and points its index at the entries it reused where they already are: a warm build
writes what changed, not the whole cache again. A data file whose entries are mostly unused is
copied down to the used ones. Few files, not one per page, because creating thousands of small
files costs more than the work they save.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import zlib
from functools import cache
from pathlib import Path
from typing import IO

FOLDER = Path(".cache") / "yswd"
"""Relative to the folder holding mkdocs.yml."""



def enabled() -> bool:
    """False when YSWD_CACHE=off (or 0, no, false): every build is then a cold build."""
    return os.environ.get("YSWD_CACHE", "on").strip().lower() not in ("off", "0", "no", "false")


@cache
def code_version() -> str:
    """yswd's version and a hash of its own code and templates: a change to either is a new cache."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".yml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    from yswd import __version__

    return f"{__version__}-{digest.hexdigest()[:16]}"


def read_json(path: Path) -> dict | None:
    """A JSON document written by `write_json` for this code version, or None."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != code_version():
        return None
    return data


def write_json(path: Path, data: dict) -> None:
    """Write atomically; a cache that cannot be written is only a slower next build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"version": code_version(), **data}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


DATA_FILES = 8
"""A pack's data files, beyond which the smaller ones are copied into the next."""


class Pack:
    """Read entries of the last complete pack; write this build's entries into the next one.

    `path` is the index; the data files beside it are named `path.<token>`. Builds at once each
    write their own data file, and the last index written wins: an entry the other build wrote
    is then only a miss for the next build.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._index: dict[str, list] = {}
        """The last complete pack: key to [data file, offset, length, checksum]."""
        self._sizes: dict[str, int] = {}
        self._readers: dict[str, IO[bytes]] = {}
        self._new_index: dict[str, list] = {}
        self._name = f"{path.name}.{os.getpid()}-{os.urandom(4).hex()}"
        self._new: IO[bytes] | None = None
        self._failed = False
        self._read_index()

    def _read_index(self) -> None:
        try:
            index = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return
        if not isinstance(index, dict) or index.get("version") != code_version():
            return
        entries, sizes = index.get("entries"), index.get("sizes")
        if isinstance(entries, dict) and isinstance(sizes, dict) and all(type(size) is int for size in sizes.values()):
            self._index, self._sizes = entries, sizes

    def has(self, key: str) -> bool:
        return key in self._new_index or key in self._index

    def get(self, key: str) -> str | None:
        """The text stored under `key` (and kept for the next pack), or None."""
        place = self._new_index.get(key) or self._index.get(key)
        text = self._read(place) if place is not None else None
        if text is not None:
            self._new_index[key] = place
        return text

    def _read(self, place: list) -> str | None:
        try:
            name, offset, length, checksum = place
            if name == self._name and self._new is not None:
                self._new.flush()
            reader = self._readers.get(name)
            if reader is None:
                if os.sep in name or "/" in name or not name.startswith(self.path.name + "."):
                    return None
                reader = self._readers[name] = open(self.path.with_name(name), "rb")
            reader.seek(offset)
            data = reader.read(length)
            if len(data) != length or zlib.crc32(data) != checksum:
                return None
            return data.decode("utf-8")
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, text: str) -> None:
        if key in self._new_index:
            return
        self._new_index[key] = self._write(text.encode("utf-8"))

    def _write(self, data: bytes) -> list:
        """Append to this build's data file; where it went ([] if the cache can't be written)."""
        if self._failed:
            return []
        try:
            if self._new is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._new = open(self.path.with_name(self._name), "xb")
            offset = self._new.tell()
            self._new.write(data)
        except OSError:
            self._failed = True
            return []
        return [self._name, offset, len(data), zlib.crc32(data)]

    def commit(self) -> None:
        """The build succeeded: this build's entries become the pack (unused ones are dropped)."""
        self._compact()
        entries = {key: place for key, place in self._new_index.items() if place}
        used = {place[0] for place in entries.values()}
        sizes = {name: size for name, size in self._sizes.items() if name in used}
        try:
            if self._new is not None:
                self._new.flush()
                sizes[self._name] = self._new.tell()
            if self._failed:
                raise OSError("the cache could not be written")
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"version": code_version(), "sizes": sizes, "entries": entries}), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            self.abandon()
            return
        self._close()
        for path in self.path.parent.glob(self.path.name + ".*"):
            if path.name not in sizes and (path.name in self._sizes or _older_than_a_day(path)):
                _remove(path)  # unused now, or left by a build that stopped (not one still running)

    def _compact(self) -> None:
        """Copy the used entries out of old data files that are mostly unused, and out of all but
        the largest once there are more than `DATA_FILES`, so that those files can go."""
        live: dict[str, int] = {}
        for place in self._new_index.values():
            if place and place[0] != self._name:
                live[place[0]] = live.get(place[0], 0) + place[2]
        largest = max(live, key=lambda name: self._sizes.get(name, 0), default=None)
        copied = {name for name, size in live.items() if size * 2 < self._sizes.get(name, 0) or (len(live) >= DATA_FILES and name != largest)}
        for key, place in self._new_index.items():
            if place and place[0] in copied:
                text = self._read(place)
                self._new_index[key] = self._write(text.encode("utf-8")) if text is not None else []

    def abandon(self) -> None:
        """The build failed: keep the last complete pack as it was."""
        self._close()
        _remove(self.path.with_name(self._name))

    def _close(self) -> None:
        for handle in [*self._readers.values(), *([self._new] if self._new is not None else [])]:
            handle.close()
        self._readers, self._new = {}, None


def _older_than_a_day(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > 86_400
    except OSError:
        return False


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
