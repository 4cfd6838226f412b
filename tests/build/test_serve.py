"""A real `yswd serve` on 127.0.0.1: a broken record never hangs a page, and stopping yswd stops everything."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import BUILD_DATE, SiteFolder

RECORD = "content/engagements/scan-times.md"
WAIT = 60  # seconds: the most any step may take before the test fails, never a hang


class Served:
    """`yswd serve` in its own process group, with its log collected as it comes."""

    def __init__(self, site: SiteFolder) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE}
        env.pop("NO_MKDOCS_2_WARNING", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "yswd", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=site.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("Serving on")

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def log(self) -> str:
        return "".join(self.lines)

    def wait_for(self, words: str, after: int = 0) -> None:
        deadline = time.monotonic() + WAIT
        while words not in "".join(self.lines[after:]):
            assert self.process.poll() is None, f"yswd serve stopped:\n{self.log()}"
            assert time.monotonic() < deadline, f"no {words!r} within {WAIT} s:\n{self.log()}"
            time.sleep(0.1)

    def page(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=WAIT)


@pytest.fixture
def served(site: SiteFolder):
    server = Served(site)
    yield server
    server.stop()


def descendants(pid: int) -> list[int]:
    """Every process started by `pid`, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, of in parents.items() if of == parent]
        found += children
        frontier += children
    return found


def test_a_broken_record_keeps_the_last_good_site_and_never_hangs_a_page(site: SiteFolder, served: Served) -> None:
    assert "Scan appointment times" in served.page("/engagements/scan-times/")
    good = site.read(RECORD)
    before = len(served.lines)
    site.write(RECORD, good.replace("status: published", "status: publshed"))
    served.wait_for("The preview was not rebuilt", before)
    log = "".join(served.lines[before:])
    assert 'content/engagements/scan-times.md:4: status: should be one of: draft, review, published, withdrawn. Did you mean "published"?' in log
    assert "Traceback" not in log

    started = time.monotonic()
    assert "Scan appointment times" in served.page("/engagements/scan-times/"), "the last good site is served"
    assert "Testshire" in served.page("/")
    assert time.monotonic() - started < 5

    before = len(served.lines)
    site.write(RECORD, good.replace("Scan appointment times", "Scan appointment hours"))
    served.wait_for("Reloading browsers", before)
    assert "Scan appointment hours" in served.page("/engagements/scan-times/"), "fixing the record rebuilds as usual"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_stopping_yswd_stops_the_server(served: Served, stop: signal.Signals) -> None:
    assert descendants(served.process.pid) == [], "no child process to leave behind"
    served.process.send_signal(stop)
    code = served.process.wait(timeout=WAIT)
    assert code in (0, 1), served.log()
    assert "Shutting down" in served.log()
    with pytest.raises(urllib.error.URLError):
        served.page("/")


def test_the_mkdocs_2_notice_is_not_shown(served: Served) -> None:
    assert "MkDocs 2" not in served.log() and "end of life" not in served.log()
