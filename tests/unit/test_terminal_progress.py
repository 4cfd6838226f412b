"""The command line's progress bar counts exactly, finishes on the total, and redraws a bounded number of times."""

from __future__ import annotations

import io
import re

from yswd.cli.progress import REDRAWS, TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_stage_ends_on_its_total_with_few_redraws() -> None:
    screen = Terminal()
    progress = TerminalProgress(screen)
    for done in range(1, 10_001):
        progress.step("Making pages", done, 10_000)
    shown = screen.getvalue()
    positions = [int(n) for n in re.findall(r"(\d+)/10000", shown)]
    assert positions == sorted(positions) and positions[-1] == 10_000
    assert len(positions) <= REDRAWS + 3
    assert shown.endswith("10000/10000\x1b[?25h\n")


def test_each_stage_gets_its_own_bar() -> None:
    screen = Terminal()
    progress = TerminalProgress(screen)
    for stage, total in (("Checking records", 3), ("Writing pages", 5)):
        for done in range(1, total + 1):
            progress.step(stage, done, total)
    lines = screen.getvalue().split("\n")
    assert "Checking records" in lines[0] and lines[0].endswith("3/3\x1b[?25h")
    assert "Writing pages" in lines[1] and lines[1].endswith("5/5\x1b[?25h")
