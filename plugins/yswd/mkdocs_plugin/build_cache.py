"""The build cache beside mkdocs.yml (`.cache/yswd/`): work kept between builds in new processes.

What is kept is keyed by what it was made from (content hashes, settings, yswd's own code), so
a key either finds exactly what a fresh build would make or finds nothing. Files are written
to a temporary name and renamed into place, so a build that stops half way leaves the last
complete cache. Anything that cannot be read back exactly (a truncated or corrupt file, an
entry whose checksum is wrong) is ignored, never trusted: the build then does the work again.

Two formats, both plain: JSON documents (records and personal-data findings), and a pack of
text entries (finished pages) written in one stream as the build goes: each entry's text
followed by an index (JSON) of keys, offsets, lengths and CRC-32 checksums, then the index's
own offset and length. One file, not one per page, because creating thousands of small files
costs more than the work they save.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from functools import cache
from pathlib import Path
from typing import IO

FOLDER = Path(".cache") / "yswd"
"""Relative to the folder holding mkdocs.yml."""

_FOOTER = struct.Struct("<QQ8s")
_MAGIC = b"yswdpak1"


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


class Pack:
    """Read entries of the last complete pack; write this build's entries into the next one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._old: IO[bytes] | None = None
        self._index: dict[str, list[int]] = {}
        self._new: IO[bytes] | None = None
        self._new_index: dict[str, list[int]] = {}
        self._temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        self._open_old()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._new = open(self._temporary, "wb")
        except OSError:
            self._new = None

    def _open_old(self) -> None:
        try:
            handle = open(self.path, "rb")
        except OSError:
            return
        try:
            handle.seek(-_FOOTER.size, os.SEEK_END)
            offset, length, magic = _FOOTER.unpack(handle.read(_FOOTER.size))
            handle.seek(offset)
            index = json.loads(handle.read(length)) if magic == _MAGIC else None
        except (OSError, ValueError, struct.error):
            index = None
        if not isinstance(index, dict) or index.get("version") != code_version() or not isinstance(index.get("entries"), dict):
            handle.close()
            return
        self._old, self._index = handle, index["entries"]

    def has(self, key: str) -> bool:
        return key in self._new_index or key in self._index

    def get(self, key: str) -> str | None:
        """The text stored under `key` (and kept for the next pack), or None."""
        if key in self._new_index:
            return self._read(self._new, self._new_index[key])
        place = self._index.get(key)
        text = self._read(self._old, place) if place is not None else None
        if text is not None:
            self.put(key, text)
        return text

    def _read(self, handle: IO[bytes] | None, place: list[int]) -> str | None:
        try:
            offset, length, checksum = place
            if handle is self._new and handle is not None:
                handle.flush()
                with open(self._temporary, "rb") as reader:
                    reader.seek(offset)
                    data = reader.read(length)
            else:
                assert handle is not None
                handle.seek(offset)
                data = handle.read(length)
            if len(data) != length or zlib.crc32(data) != checksum:
                return None
            return data.decode("utf-8")
        except (OSError, ValueError, TypeError, AssertionError):
            return None

    def put(self, key: str, text: str) -> None:
        if self._new is None or key in self._new_index:
            return
        data = text.encode("utf-8")
        try:
            offset = self._new.tell()
            self._new.write(data)
        except OSError:
            self._abandon()
            return
        self._new_index[key] = [offset, len(data), zlib.crc32(data)]

    def commit(self) -> None:
        """The build succeeded: this build's entries become the pack (unused ones are dropped)."""
        self._close_old()
        if self._new is None:
            return
        try:
            offset = self._new.tell()
            index = json.dumps({"version": code_version(), "entries": self._new_index}).encode()
            self._new.write(index + _FOOTER.pack(offset, len(index), _MAGIC))
            self._new.close()
            os.replace(self._temporary, self.path)
        except OSError:
            self._abandon()
        self._new = None

    def abandon(self) -> None:
        """The build failed: keep the last complete pack as it was."""
        self._close_old()
        self._abandon()

    def _abandon(self) -> None:
        if self._new is not None:
            self._new.close()
            self._new = None
        try:
            self._temporary.unlink()
        except OSError:
            pass

    def _close_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None
