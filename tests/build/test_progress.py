"""Progress bars on a terminal (a real pseudo-terminal), silence elsewhere and under --quiet, and the same site either way."""

from __future__ import annotations

import hashlib
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from conftest import BUILD_DATE, SiteFolder
from test_serve_cache import SECOND

STAGES = ("Checking records", "Making pages", "Writing pages", "Indexing for search")


def on_terminal(site: SiteFolder, *args: str) -> tuple[int, str]:
    """Run yswd with a pseudo-terminal for all its output, as when staff type it; (exit code, what it showed)."""
    master, child = pty.openpty()
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE, "TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "yswd", *args], cwd=site.root, env=env, stdin=child, stdout=child, stderr=child)
    os.close(child)
    shown, deadline = b"", time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal closed: the command has finished
                break
            if not data:
                break
            shown += data
        elif process.poll() is not None:
            break
    os.close(master)
    return process.wait(timeout=60), shown.decode("utf-8", "replace")


def site_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_a_build_on_a_terminal_shows_each_stage_and_makes_the_same_site(site: SiteFolder) -> None:
    site.record("evening.md", SECOND)
    piped = site.yswd("build", "--strict")
    assert piped.returncode == 0, piped.stderr
    plain = site_digest(site.root / "site")

    code, shown = on_terminal(site, "build", "--strict")
    assert code == 0, shown
    pages = len(list((site.root / "site").rglob("*.html"))) - 1  # 404.html is a theme template, not a page
    for stage in STAGES:
        assert stage in shown, shown
    assert "2/2" in shown, "both records are counted"
    assert f"{pages}/{pages}" in shown, "every page is counted"
    assert "WARNING" not in shown and "Documentation built" in shown
    assert site_digest(site.root / "site") == plain, "progress changes no file"


def test_a_log_line_clears_the_bar_first(site: SiteFolder) -> None:
    site.write("content/about.md", "# About\n\nSee [the missing page](missing.md).\n")
    code, shown = on_terminal(site, "build")
    assert code == 0, shown
    assert "Making pages" in shown
    assert re.search(r"\r\x1b\[K(\x1b\[[0-9;]*m)?WARNING", shown), repr(shown)


def test_quiet_on_a_terminal_shows_no_bars_and_no_notes(site: SiteFolder) -> None:
    code, shown = on_terminal(site, "build", "--strict", "--quiet")
    assert code == 0, shown
    assert shown == ""
    code, shown = on_terminal(site, "check", "--quiet")
    assert (code, shown) == (0, "")
    code, shown = on_terminal(site, "check")
    assert code == 0 and "Checking records" in shown and "1/1" in shown
    assert shown.endswith("No problems found in 1 record.\r\n")
    assert (site.root / "site" / "index.html").is_file()


def test_quiet_still_shows_warnings(site: SiteFolder) -> None:
    site.write("content/about.md", "# About\n\nSee [the missing page](missing.md).\n")
    code, shown = on_terminal(site, "build", "--quiet")
    assert code == 0
    assert "WARNING" in shown and "missing.md" in shown
    assert "INFO" not in shown and not any(stage in shown for stage in STAGES)


def test_no_progress_when_the_output_is_not_a_terminal(site: SiteFolder) -> None:
    built = site.yswd("build", "--strict")
    assert built.returncode == 0, built.stderr
    assert not any(stage in built.stderr + built.stdout for stage in STAGES)
    assert "\r" not in built.stderr and "Documentation built" in built.stderr
    checked = site.yswd("check")
    assert (checked.stdout, checked.stderr) == ("No problems found in 1 record.\n", "")
    as_json = site.yswd("check", "--format", "json")
    assert (as_json.stdout, as_json.stderr) == ("[]\n", "")
