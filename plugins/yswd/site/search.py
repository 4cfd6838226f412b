"""Site search with Pagefind: a static index in small chunks, fetched only as people search.

mkdocs-material's own search downloads the whole index on every page, which at tens of
thousands of records outweighs the page itself many times over (see benchmarks/README.md).
Pagefind's PyPI package carries its binary, so nothing is fetched at build time.

Pagefind reads only two things of a page: the content marked `data-pagefind-body` and its
title, the first `<h1>` on the page (tests/build/test_search_parts.py). Both are known once a
page's content is made, before the theme draws it, so each page goes to Pagefind then, as a
small page of its own sent down a pipe (Pagefind's service mode, which its Python and Node
APIs use): the index is made on the second core while the theme draws and writes the site,
and no file is made for Pagefind to read. Each part of the index has a key of what went into
it (`_PartPlan.key`): a part an earlier build made from the same pages is taken from the build
cache instead.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import metadata
from pathlib import Path
from typing import Protocol

from yswd.site import routes

OUTPUT = routes.SEARCH_INDEX
BODY_START = '<div data-pagefind-body>'
BODY_END = "</div>"


class SearchIndexError(Exception):
    """Pagefind could not index the built site."""


def searchable(html: str) -> str:
    """Mark a page's content for the index; pages not marked (listings, hubs) stay out of it."""
    return f"{BODY_START}\n{html}\n{BODY_END}"


LEFT_OUT = ".headerlink, .yswd-facts, .yswd-aims, .yswd-groups, svg, .yswd-action__facts, .yswd-readability, .yswd-history"
"""Parts of pages not worth searching: heading links, fact lists, number tables, charts."""

PAGES_PER_PART = 1000
"""Pagefind holds a part's pages in memory while it indexes them (about 180 MB for 1,000 pages,
300 MB for 1,800; benchmarks/README.md), beside the build's own process: more pages than this are indexed in
parts, one Pagefind after another, which the search page searches together (Pagefind's
mergeIndex). A part is also what a warm build makes again when one of its pages changed:
about two seconds of Pagefind at this size. Each part adds a few small requests to a search
(its entry, its metadata and the chunk for each word), so parts are not made smaller."""
OPTIONS = {"force_language": "en", "exclude_selectors": [selector.strip() for selector in LEFT_OUT.split(",")]}
"""What each Pagefind is told when its part is begun."""
MORE_PARTS = "yswd-more.json"
"""In the first part's folder: the other parts' folders, relative to it, for search.js."""


class KeptParts(Protocol):
    """Parts of the index made by earlier builds, by a key of everything that went into them."""

    def restore(self, key: str, folder: Path) -> bool:
        """Put the part kept under `key` in `folder`; False if none is kept (or it can't be read)."""

    def keep(self, key: str, files: dict[str, str]) -> None:
        """Keep the part Pagefind made under `key`: its files' paths and contents (base64)."""


class SearchIndex:
    """Pagefind over the searchable pages of one build, in parts of `PAGES_PER_PART` pages in the
    order they are added. Each page goes to the Pagefind of its part as it is added, one
    Pagefind at a time, since each holds its part in memory: a part's pages wait while the
    part before it is written. A part whose pages are as an earlier build indexed them is
    taken from `kept`, and its Pagefind stopped, once its last page is added."""

    def __init__(self, site_dir: Path, kept: KeptParts | None = None) -> None:
        self.site_dir = site_dir
        self.kept = kept
        self.parts: list[_PartPlan] = []
        self.running: _Pagefind | None = None

    def add(self, page: str, content: str, title: str) -> None:
        """`page` (its path inside site_dir) will be written with this content and title."""
        if not self.parts or self.parts[-1].closed:
            self.parts.append(_PartPlan(self.site_dir / routes.search_index(len(self.parts) + 1)))
        part = self.parts[-1]
        part.add(page, content, title)
        if len(part.pages) == PAGES_PER_PART:
            self._close(part)
        self.advance()

    def all_added(self) -> None:
        """Every page is added: the last part is whole."""
        if self.parts and not self.parts[-1].closed:
            self._close(self.parts[-1])
        self.advance()

    def advance(self) -> None:
        """Pass on what the running Pagefind has not been sent; once it has made its part,
        write and check the part and begin the next."""
        if self.running is not None and self.running.finished():
            self._check_running()
        if self.running is None:
            part = next((part for part in self.parts if not part.done), None)
            if part is None:
                return
            self.running = _Pagefind(part)
        self.running.send()

    def finish(self) -> None:
        """Wait for every part; raises `SearchIndexError` if any is not whole."""
        try:
            self.all_added()
            while self.running is not None:
                self.running.wait()
                self.advance()
        finally:
            self.abandon()
        if self.parts:
            more = [f"../{routes.search_index(number)}/" for number in range(2, len(self.parts) + 1)]
            (self.site_dir / OUTPUT / MORE_PARTS).write_text(json.dumps(more), encoding="utf-8")

    def abandon(self) -> None:
        """Stop a Pagefind still running (the build failed, or is done)."""
        if self.running is not None:
            self.running.stop()
            self.running = None

    def _close(self, part: _PartPlan) -> None:
        part.closed = True
        if self.kept is None or not self.kept.restore(part.key(), part.output):
            return
        try:
            check_index(part.output, len(part.pages))
        except SearchIndexError:
            shutil.rmtree(part.output, ignore_errors=True)  # not whole: made again
            return
        part.done = True
        part.unsent.clear()
        if self.running is not None and self.running.part is part:
            self.abandon()

    def _check_running(self) -> None:
        running, self.running = self.running, None
        assert running is not None
        running.end()
        check_index(running.part.output, len(running.part.pages))
        running.part.done = True
        if self.kept is not None:
            self.kept.keep(running.part.key(), running.files)


@dataclass
class _PartPlan:
    """One part of the index: its pages in order, what they hold, and how far it has got."""

    output: Path
    pages: list[str] = field(default_factory=list)
    unsent: list[tuple[str, str, str]] = field(default_factory=list)
    """Pages not yet sent to Pagefind: path, title for an `<h1>` (if it has none) and content."""
    digest: "hashlib._Hash" = field(default_factory=lambda: hashlib.sha256(_pagefind().encode()))
    closed: bool = False
    done: bool = False
    """Made by Pagefind or taken from the cache, and checked."""

    def add(self, page: str, content: str, title: str) -> None:
        heading = "" if "<h1" in content else title  # else mkdocs-material's content partial shows the title as the <h1>
        self.pages.append(page)
        self.unsent.append((page, heading, content))
        for part in (page, heading, content):
            self.digest.update(b"\0" + part.encode())

    def key(self) -> str:
        """Everything the part is made from: Pagefind's version and options, and what it reads of
        each page (its path, content and title), in order."""
        return self.digest.hexdigest()


def indexed_page(content: str, heading: str) -> str:
    """A page as Pagefind is to read it: the content, below its title as the `<h1>` if given one."""
    title = f"<h1>{escape(heading, quote=False)}</h1>\n" if heading else ""
    return f'<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"></head>\n<body>\n{title}{content}\n</body>\n</html>\n'


class _Pagefind:
    """One Pagefind in its service mode, making one part from pages sent down its input.

    Each message is base64 JSON and a comma, both ways; Pagefind handles them one at a time,
    in order, so a part's pages and then the request for its files are all sent without waiting.
    Its replies are read without waiting too (its output is left non-blocking), so the build
    never stops for them until it needs the part."""

    def __init__(self, part: _PartPlan) -> None:
        from pagefind.service import get_executable

        self.part = part
        self.log = tempfile.TemporaryFile()  # not a pipe: nobody reads it until Pagefind is done
        executable = get_executable()
        if executable is None:
            self.log.close()
            raise SearchIndexError("Pagefind is not installed, so the search index could not be built.")
        try:
            self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        except OSError as error:
            self.log.close()
            raise SearchIndexError(f"Pagefind could not be started to build the search index ({error.strerror}).") from None
        assert self.process.stdin is not None and self.process.stdout is not None
        self.input, self.output = self.process.stdin, self.process.stdout.fileno()
        self.polled = _without_waiting(self.output)
        self.sent = 0
        self.unread: list[bytes] = []
        """The start of a reply not yet whole."""
        self.files: dict[str, str] | None = None
        """The part's files as Pagefind made them, once it has: paths and contents (base64)."""
        self.ended = False
        self.failures: list[str] = []
        self._send({"type": "NewIndex", "config": OPTIONS})

    def send(self) -> None:
        """Send the pages added since, and once the part is whole, the request for its files."""
        unsent, self.part.unsent = self.part.unsent, []
        for page, heading, content in unsent:
            self._send({"type": "AddFile", "index_id": 0, "file_path": page, "file_contents": indexed_page(content, heading)})
        if self.part.closed and not self.part.unsent and self.sent == len(self.part.pages) + 1:
            self._send({"type": "GetFiles", "index_id": 0})

    def finished(self) -> bool:
        """Pagefind has made the part, or has stopped (where its replies can be read without
        waiting; elsewhere that is known only by `wait`)."""
        if self.polled:
            self._read()
        return self.files is not None or self.ended

    def wait(self) -> None:
        """Until Pagefind has made the part, or has stopped."""
        while not (self.files is not None or self.ended):
            if self.polled:
                select.select([self.output], [], [])
            self._read()

    def end(self) -> None:
        """Let Pagefind go and write the part's files; raises `SearchIndexError` if it made none.

        The files come in Pagefind's reply, not from its own writes: those are still under way
        when it replies, and it ends the moment its input does, so a part it wrote itself could
        be cut short (its Python and Node APIs keep it running instead)."""
        try:
            self.input.close()  # Pagefind ends at the end of its input
        except OSError:
            pass
        code = self.process.wait()
        self.log.seek(0)
        said = "\n".join([*self.failures, self.log.read().decode("utf-8", "replace")]).strip()
        self.stop()
        if self.failures or self.files is None or code != 0:
            raise SearchIndexError(f"Pagefind could not build the search index:\n{said or f'it stopped (exit code {code}).'}")
        try:
            write_part(self.part.output, self.files)
        except OSError as error:
            raise SearchIndexError(f"{INCOMPLETE} It could not be written ({error.strerror}).") from None
        except (ValueError, binascii.Error):
            raise SearchIndexError("Pagefind replied with a search index yswd can't read, so it was not written.") from None

    def stop(self) -> None:
        """Pagefind is not needed any more: stop it if it is still running."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.input, self.process.stdout, self.log):
            try:
                pipe.close()
            except OSError:
                pass

    def _send(self, payload: dict) -> None:
        self.sent += 1
        if self.ended:
            return
        message = json.dumps({"message_id": self.sent, "payload": payload})
        try:
            self.input.write(base64.b64encode(message.encode()) + b",")
            self.input.flush()
        except OSError:
            self.ended = True  # it has stopped: end() tells what it said

    def _read(self) -> None:
        """Take in Pagefind's replies: all that have come (without waiting), or the next (waiting)."""
        while not self.ended:
            try:
                chunk = os.read(self.output, 1 << 20)
            except BlockingIOError:
                return
            if not chunk:
                self.ended = True
                return
            *whole, start = chunk.split(b",")
            if whole:  # the part's files are one reply of many megabytes: joined once, not chunk by chunk
                whole[0] = b"".join([*self.unread, whole[0]])
                self.unread = []
            self.unread.append(start)
            for reply in whole:
                try:
                    self._reply(json.loads(base64.b64decode(reply)))
                except (ValueError, TypeError, KeyError, AttributeError, binascii.Error):
                    self.failures.append(f"Pagefind replied with something that is not a message: {reply[:80]!r}")
            if not self.polled:
                return

    def _reply(self, reply: dict) -> None:
        payload, number = reply.get("payload") or {}, reply.get("message_id")
        kind = payload.get("type")
        if kind == "GetFiles":
            self.files = {file["path"]: file["content"] for file in payload.get("files") or []}
        elif kind == "Error":
            page = self.part.pages[number - 2] if isinstance(number, int) and 2 <= number < len(self.part.pages) + 2 else None
            self.failures.append(f"{page}: {payload.get('message')}" if page else str(payload.get("message")))
        elif kind == "NewIndex" and payload.get("index_id") != 0:
            self.failures.append(f"Pagefind began index {payload.get('index_id')}, not 0: this version of Pagefind is not one yswd knows.")


def write_part(folder: Path, files: dict[str, str]) -> None:
    """Write a part of the index into `folder` from its files' paths and contents (base64).
    ValueError for a path that leads out of the folder or content that is not base64."""
    for name, data in files.items():
        path = Path(name)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(name)
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data, validate=True))


def _without_waiting(pipe: int) -> bool:
    """Make reads of the pipe return at once when it is empty: True where the system allows it
    (Windows' pipes don't before Python 3.12; there, replies are read only once they are needed)."""
    try:
        os.set_blocking(pipe, False)
    except (AttributeError, OSError):
        return False
    return True


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@cache
def _pagefind() -> str:
    """Pagefind's version and options, the start of every part's key: looked up once a process,
    when a part is first made, not each time yswd is imported."""
    versions = (_version(name) for name in ("pagefind", "pagefind_bin"))
    return "\0".join([*versions, json.dumps(OPTIONS, sort_keys=True)])


def check_index(folder: Path, pages: int) -> None:
    """Fail unless Pagefind wrote a whole index of every page: a full disk or a killed Pagefind
    can leave files missing or cut short while it still exits 0."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"].values()
        indexed = sum(language["page_count"] for language in languages)
        needed = [f"pagefind.{language['hash']}.pf_meta" for language in languages] + ["pagefind.js"]
        missing = [name for name in needed if not (folder / name).is_file()]
        broken = [path.name for path in sorted(folder.rglob("*.pf_*")) if not _whole(path)]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(INCOMPLETE + " Its list of contents (pagefind-entry.json) is missing or unreadable.") from None
    if missing or broken:
        raise SearchIndexError(f"{INCOMPLETE} These files are missing or cut short: {', '.join((missing + broken)[:5])}.")
    held = min(indexed, len(list((folder / "fragment").glob("*.pf_fragment"))))
    if indexed != pages or held != pages:
        raise SearchIndexError(f"{INCOMPLETE} It holds {held} of the {pages} pages that should be searchable.")


INCOMPLETE = (
    "The search index is incomplete (is the disk full?), so the new site was not put in place and "
    "the old one is unchanged."
)


def _whole(path: Path) -> bool:
    """Pagefind's files are gzip streams of its own format: a cut-short one does not decompress."""
    try:
        return gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd")
    except (OSError, EOFError, zlib.error):
        return False
