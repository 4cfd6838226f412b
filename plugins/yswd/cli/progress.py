"""Progress bars on a terminal for long builds and checks: click's bar, one for each stage.

Drawn on standard error, so the output of `yswd check --format json` stays clean, and only
when standard error is a terminal. While a bar is on screen, a line MkDocs logs first clears
the bar's line, so a warning is never glued to the end of a half-drawn bar.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

import click

CLEAR_LINE = "\r\x1b[K"
REDRAWS = 200
"""At most about this many redraws a stage, so 10,000 pages do not mean 10,000 lines sent to the terminal."""


class TerminalProgress:
    """The `yswd.mkdocs_plugin.progress.Progress` the command line gives a build on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.stage: str | None = None
        self.done = 0
        self.bar: click._termui_impl.ProgressBar | None = None

    def step(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = click.progressbar(
                length=max(total, 1), label=stage.ljust(20), file=self.stream, show_pos=True, show_eta=False,
                update_min_steps=max(1, total // REDRAWS),
            )
            self.bar.__enter__()
            for handler in _log_handlers():
                handler.addFilter(self._clear_line)
        assert self.bar is not None
        self.bar.update(done - self.done)
        self.done = done
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
            for handler in _log_handlers():
                handler.removeFilter(self._clear_line)
        self.bar = None
        self.stage = None
        self.done = 0

    def _clear_line(self, record: logging.LogRecord) -> bool:
        self.stream.write(CLEAR_LINE)
        return True


def terminal_progress(quiet: bool) -> TerminalProgress | None:
    """A progress bar on standard error, unless it is not a terminal or the person asked for quiet."""
    return None if quiet or not sys.stderr.isatty() else TerminalProgress(sys.stderr)


def _log_handlers() -> list[logging.Handler]:
    return list(logging.getLogger("mkdocs").handlers)
