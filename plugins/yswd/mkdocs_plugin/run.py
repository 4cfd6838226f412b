"""`yswd build` and `yswd serve`: MkDocs' own command line, run inside the yswd process.

In the same process, not as a child: messages, options and exit codes are exactly those of
`mkdocs build` and `mkdocs serve`, and stopping yswd stops the server, because there is no child
to leave behind (even when yswd is killed outright). SIGTERM and SIGHUP (a closed terminal) stop
it the way Ctrl+C does, so a server shuts down cleanly and removes its temporary folder, and a
build throws its half-built folder away and leaves the previous site as it was.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.__main__ import cli as mkdocs_cli

from yswd.mkdocs_plugin.progress import Reporting, reporting

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def run_mkdocs(command: str, config_file: Path, audience: str, extra: list[str], wanted: Reporting = Reporting()) -> int:
    """Run `mkdocs <command> -f <config_file> <extra>` for `audience`, reporting as `wanted`; return its exit code."""
    environment = {"YSWD_AUDIENCE": audience, "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1")}
    with _environment(environment), _stop_like_ctrl_c(), reporting(wanted):
        try:
            mkdocs_cli.main([command, "-f", str(config_file), *extra], prog_name="mkdocs")
        except SystemExit as stopped:
            return stopped.code if isinstance(stopped.code, int) else (0 if stopped.code is None else 1)
    return 0


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """The plugin reads YSWD_AUDIENCE from the environment, as in `YSWD_AUDIENCE=review mkdocs build`."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _stop_like_ctrl_c() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into KeyboardInterrupt, which MkDocs handles (only the main thread can)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}

    def interrupt(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    for number in STOP_SIGNALS:
        signal.signal(number, interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
