"""Many independent pieces of work (records to read, records to scan, pages to draw) shared
between two processor cores: a helper process takes them from the front of the list while
this one takes them from the back, until they meet.

Jinja, Markdown, YAML building and the personal-data patterns run in Python, on one core at a
time. The helper is a fork of this process, so it starts with everything already loaded,
nothing copied or sent; it writes what it makes to a temporary file, read back here once
both are done. Only `fork` makes that cheap, and forking is only safe with no other thread
running, so without it, with one core, with little work or with YSWD_PARALLEL=off, all of
it is done here, in order. Either way each piece is made by the same code from the same
state, so the results are the same.

A piece the helper could not make (its work raised, or the helper died) is made here again,
so its error is raised here, as it would be without the helper. What the helper logged is
logged again here, so `mkdocs build --strict` still counts its warnings.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import signal
import struct
import tempfile
import threading
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Callable, Generic, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 50
"""Less work than this is done here: starting the helper would cost about what it saves."""
_FOOTER = struct.Struct("<Q")


def parallel_wanted() -> bool:
    """Two cores to use, `fork` to start the helper with, no other thread, and not turned off (YSWD_PARALLEL=off)."""
    off = os.environ.get("YSWD_PARALLEL", "on").strip().lower() in ("off", "0", "no", "false")
    return not off and hasattr(os, "fork") and len(os.sched_getaffinity(0)) >= 2 and threading.active_count() == 1


@dataclass(frozen=True)
class Codec(Generic[R]):
    """How the helper's results are written to its file and read back."""

    encode: Callable[[R], bytes]
    decode: Callable[[bytes], R]


TEXT: Codec[str] = Codec(lambda text: text.encode("utf-8"), lambda data: data.decode("utf-8"))
PICKLED: Codec = Codec(pickle.dumps, pickle.loads)
"""Any Python value: only ever read back from the file this process's own fork wrote."""


def share(
    items: Sequence[T], work: Callable[[T], R], keep: Callable[[T, R], None], codec: Codec[R],
    scratch: Path | None = None, on_progress: Callable[[int, int], None] | None = None, parallel: bool = True,
) -> None:
    """`keep(item, work(item))` for every item: on two cores when `parallel` (see `parallel_wanted`).

    `scratch` is a folder for the helper's temporary file (removed as it is made): a folder on
    disk rather than a memory-backed /tmp when the results are large.
    """
    total = len(items)
    if total < MIN_ITEMS or not parallel:
        for done, item in enumerate(items, 1):
            keep(item, work(item))
            if on_progress is not None:
                on_progress(done, total)
        return
    context = get_context("fork")
    bounds = context.RawArray("q", [0, total])
    """The next item for the helper (from the front), and the end of those left (taken from the back)."""
    lock = context.Lock()
    frozen = gc.get_freeze_count()
    gc.collect()
    gc.freeze()  # the helper's collector then never walks (and so copies) what both processes hold
    with tempfile.TemporaryFile(dir=scratch) as out:
        pid = os.fork()
        if pid == 0:
            _help(items, work, codec, bounds, lock, out)
        done_here: set[int] = set()
        try:
            while (index := _take(bounds, lock, front=False)) is not None:
                keep(items[index], work(items[index]))
                done_here.add(index)
                if on_progress is not None:
                    on_progress(bounds[0] + total - bounds[1], total)
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            if not frozen:
                gc.unfreeze()
            raise
        _, status = os.waitpid(pid, 0)
        if not frozen:
            gc.unfreeze()
        places, logged = _results(out) if os.waitstatus_to_exitcode(status) == 0 else ({}, [])
        for name, level, message in logged:
            logging.getLogger(name).log(level, "%s", message)
        for index, item in enumerate(items):
            if index not in done_here:
                data = _read(out, places[index]) if index in places else None
                keep(item, codec.decode(data) if data is not None else work(item))
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


def _help(items: Sequence, work: Callable, codec: Codec, bounds, lock, out: IO[bytes]) -> None:
    """The helper's whole life: work from the front, write the results and an index, exit."""
    code = 1
    try:
        logged: list[tuple[str, int, str]] = []
        logging.Logger.callHandlers = lambda self, record: logged.append((record.name, record.levelno, record.getMessage()))
        places: dict[int, tuple[int, int]] = {}
        while (index := _take(bounds, lock, front=True)) is not None:
            try:
                data = codec.encode(work(items[index]))
            except Exception:
                continue  # done again by the main process, which raises the error where it is reported
            places[index] = (out.tell(), len(data))
            out.write(data)
        index_data = json.dumps({"places": places, "logged": logged}).encode("utf-8")
        out.write(index_data + _FOOTER.pack(len(index_data)))
        out.flush()
        code = 0
    finally:
        os._exit(code)  # never the main process's clean-up: its files, caches and atexit handlers are its own


def _results(out: IO[bytes]) -> tuple[dict[int, tuple[int, int]], list[tuple[str, int, str]]]:
    """The helper's index: where each result it made is in `out`, and what it logged."""
    try:
        out.seek(-_FOOTER.size, os.SEEK_END)
        (length,) = _FOOTER.unpack(out.read(_FOOTER.size))
        out.seek(-_FOOTER.size - length, os.SEEK_END)
        data = json.loads(out.read(length))
        places = {int(index): (offset, size) for index, (offset, size) in data["places"].items()}
        return places, [tuple(entry) for entry in data["logged"]]
    except (OSError, ValueError, KeyError, TypeError, struct.error):
        return {}, []


def _read(out: IO[bytes], place: tuple[int, int]) -> bytes | None:
    """A result the helper wrote, or None if the file does not hold all of it (a full disk)."""
    offset, size = place
    try:
        data = os.pread(out.fileno(), size, offset)
    except OSError:
        return None
    return data if len(data) == size else None
