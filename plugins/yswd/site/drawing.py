"""Drawing many pages on two processor cores: a helper process takes pages from the front of
the list while this one takes them from the back, until they meet.

Jinja and Markdown run in Python, on one core at a time, and a 10,000-record site has some
14,000 pages to draw. The helper is a fork of this process, so it starts with the plan, the
templates and the renderer already in memory, nothing copied or sent; it writes what it draws
to a temporary file, read back here once both are done. Only `fork` makes that cheap, so
without it, with one core, with few pages or with YSWD_PARALLEL=off, every page is drawn here,
one after another. Either way each page is drawn by the same code from the same state, so the
pages are the same.

A page the helper could not draw (drawing raised, or the helper died) is drawn here again, so
its error is raised here, as it would be without the helper. What the helper logged is logged
again here, so `mkdocs build --strict` still counts its warnings.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import struct
import tempfile
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Callable, Sequence, TypeVar

T = TypeVar("T")

MIN_PAGES = 50
"""Fewer pages than this are drawn here: starting the helper would cost about what it saves."""
_FOOTER = struct.Struct("<Q")


def parallel_wanted() -> bool:
    """Two cores to use, `fork` to start the helper with, and not turned off (YSWD_PARALLEL=off)."""
    off = os.environ.get("YSWD_PARALLEL", "on").strip().lower() in ("off", "0", "no", "false")
    return not off and hasattr(os, "fork") and len(os.sched_getaffinity(0)) >= 2


def draw_all(
    items: Sequence[T], draw: Callable[[T], str], keep: Callable[[T, str], None], scratch: Path,
    on_progress: Callable[[int, int], None] | None = None, parallel: bool = True,
) -> None:
    """`keep(item, draw(item))` for every item: drawn on two cores when `parallel` (see `parallel_wanted`).

    `scratch` is a folder for the helper's temporary file (removed as it is made), on disk
    rather than in a memory-backed /tmp, as it holds every page the helper draws.
    """
    total = len(items)
    if total < MIN_PAGES or not parallel:
        for done, item in enumerate(items, 1):
            keep(item, draw(item))
            if on_progress is not None:
                on_progress(done, total)
        return
    context = get_context("fork")
    bounds = context.RawArray("q", [0, total])
    """The next item for the helper (from the front), and the end of those left (taken from the back)."""
    lock = context.Lock()
    with tempfile.TemporaryFile(dir=scratch) as out:
        out.flush()
        pid = os.fork()
        if pid == 0:
            _help(items, draw, bounds, lock, out)
        drawn_here: set[int] = set()
        try:
            while (index := _take(bounds, lock, front=False)) is not None:
                keep(items[index], draw(items[index]))
                drawn_here.add(index)
                if on_progress is not None:
                    on_progress(bounds[0] + total - bounds[1], total)
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        _, status = os.waitpid(pid, 0)
        pages, logged = _results(out) if os.waitstatus_to_exitcode(status) == 0 else ({}, [])
        for name, level, message in logged:
            logging.getLogger(name).log(level, "%s", message)
        for index, item in enumerate(items):
            if index not in drawn_here:
                text = _read(out, pages[index]) if index in pages else None
                keep(item, text if text is not None else draw(item))
    if on_progress is not None:
        on_progress(total, total)


def _take(bounds, lock, front: bool) -> int | None:
    with lock:
        if bounds[0] >= bounds[1]:
            return None
        if front:
            bounds[0] += 1
            return bounds[0] - 1
        bounds[1] -= 1
        return bounds[1]


def _help(items: Sequence, draw: Callable, bounds, lock, out: IO[bytes]) -> None:
    """The helper's whole life: draw from the front, write the pages and an index, exit."""
    code = 1
    try:
        logged: list[tuple[str, int, str]] = []
        logging.Logger.callHandlers = lambda self, record: logged.append((record.name, record.levelno, record.getMessage()))
        pages: dict[int, tuple[int, int]] = {}
        while (index := _take(bounds, lock, front=True)) is not None:
            try:
                data = draw(items[index]).encode("utf-8")
            except Exception:
                continue  # drawn again by the main process, which raises the error where it is reported
            pages[index] = (out.tell(), len(data))
            out.write(data)
        index_data = json.dumps({"pages": pages, "logged": logged}).encode("utf-8")
        out.write(index_data + _FOOTER.pack(len(index_data)))
        out.flush()
        code = 0
    finally:
        os._exit(code)  # never the main process's clean-up: its files, caches and atexit handlers are its own


def _results(out: IO[bytes]) -> tuple[dict[int, tuple[int, int]], list[tuple[str, int, str]]]:
    """The helper's index: where each page it drew is in `out`, and what it logged."""
    try:
        out.seek(-_FOOTER.size, os.SEEK_END)
        (length,) = _FOOTER.unpack(out.read(_FOOTER.size))
        out.seek(-_FOOTER.size - length, os.SEEK_END)
        data = json.loads(out.read(length))
        pages = {int(index): (offset, size) for index, (offset, size) in data["pages"].items()}
        return pages, [tuple(entry) for entry in data["logged"]]
    except (OSError, ValueError, KeyError, TypeError, struct.error):
        return {}, []


def _read(out: IO[bytes], place: tuple[int, int]) -> str | None:
    """A page the helper wrote, or None if the file does not hold all of it (a full disk)."""
    offset, size = place
    try:
        data = os.pread(out.fileno(), size, offset)
        return data.decode("utf-8") if len(data) == size else None
    except (OSError, UnicodeDecodeError):
        return None
