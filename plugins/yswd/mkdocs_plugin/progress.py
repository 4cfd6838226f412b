"""How far a build has got: records checked, pages made and written, for a progress bar.

The plugin reports each step; whoever runs the build decides how to show it. `yswd build` on a
terminal draws click's progress bar; a plain `mkdocs build`, `yswd serve`, output that is not a
terminal and `--quiet` show nothing. Reporting never logs (so `--strict` counts no warning)
and changes no file.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Protocol

CHECKING = "Checking records"
DRAWING = "Drawing pages"
MAKING = "Making pages"
WRITING = "Writing pages"
INDEXING = "Indexing for search"


class Progress(Protocol):
    def step(self, stage: str, done: int, total: int) -> None:
        """`done` of `total` steps of `stage` are finished."""


class Silent:
    def step(self, stage: str, done: int, total: int) -> None:
        pass


@dataclass(frozen=True)
class Reporting:
    """What the person running the build asked for."""

    progress: Progress = field(default_factory=Silent)
    quiet: bool = False
    """Only warnings and errors: MkDocs' INFO lines are left out."""


_current = Reporting()


def current() -> Reporting:
    return _current


@contextmanager
def reporting(wanted: Reporting) -> Iterator[None]:
    """Report the builds run inside this block as `wanted` says."""
    global _current
    before, _current = _current, wanted
    try:
        yield
    finally:
        _current = before


def hide_info_messages() -> None:
    """Keep MkDocs' own terminal output to warnings and errors (what `--quiet` means for yswd)."""
    for handler in logging.getLogger("mkdocs").handlers:
        handler.setLevel(max(handler.level, logging.WARNING))


@dataclass
class PageCount:
    """The pages of one build, counted through MkDocs' two passes: made (Markdown to HTML), then written."""

    progress: Progress
    total: int
    made: int = 0
    written: int = 0

    def page_made(self) -> None:
        self.made += 1
        self.progress.step(MAKING, self.made, self.total)

    def page_written(self) -> None:
        self.written += 1
        self.progress.step(WRITING, self.written, self.total)
