"""The edit loop: from saving one record to seeing it on its page in a real `yswd serve`.

    .venv/bin/python benchmarks/edit_loop.py [--records 2000] [--edits 5]

Writes a synthetic site, starts `yswd serve` on it, and then, alternately, times a cold
`mkdocs build` of the same site (a fresh process, in a copy without the output folder or the
build cache) and one edit: the
title of a record is changed on disk, and the record's page is fetched from the server every
50 ms until it shows the new title. Reports medians and their ratio, measured in one run,
and writes them into benchmarks/README.md between the EDIT_LOOP markers.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

from build_speed import code_version, disk, ratio_table, write_into_readme

BUILD_DATE = "1764547200"
TARGET = 0.15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 600) -> float:
    start = time.monotonic()
    while text not in fetch(url):
        if time.monotonic() - start > limit:
            raise SystemExit(f"{url} never showed {text!r}")
        time.sleep(0.05)
    return time.monotonic()


def cold_build(root: Path, env: dict[str, str]) -> float:
    """A cold build of the site as it is now, in a copy without the build cache or output: the
    served site's own .cache/yswd is in use by `yswd serve`, and would make the build warm."""
    copy = root.parent / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".cache", "site", ".site.yswd-*"))
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=copy, env=env, check=True)
    took = time.monotonic() - start
    shutil.rmtree(copy, ignore_errors=True)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    work = Path(tempfile.mkdtemp(prefix="yswd-edit-loop-"))
    root = work / "site"
    subprocess.run([sys.executable, "-m", "yswd", "synth", "--records", str(args.records), "--out", str(root)], check=True, env=env)
    record = next(p for p in sorted((root / "content/engagements").rglob("*.md")) if "\nstatus: published\n" in p.read_text(encoding="utf-8"))
    found = re.search(r"^id: (.*)$", record.read_text(encoding="utf-8"), flags=re.M)
    record_id = found[1] if found else record.stem
    port = free_port()
    url = f"http://127.0.0.1:{port}/engagements/{record_id}/"
    log = open(work / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "yswd", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=log, stderr=log
    )
    try:
        first_start = time.monotonic()
        wait_for(url, "<html")
        print(f"first serve build: {time.monotonic() - first_start:.1f} s")
        colds, edits = [], []
        for n in range(args.edits):
            colds.append(cold_build(root, env))
            marker = f"Edited {n} for the edit loop"
            text = record.read_text(encoding="utf-8")
            text = re.sub(r"^title: .*$", f'title: "{marker}"', text, count=1, flags=re.M)
            time.sleep(1)  # let the server settle after the cold build's churn
            saved = time.monotonic()
            record.write_text(text, encoding="utf-8")
            edits.append(wait_for(url, marker) - saved)
            print(f"run {n + 1}: cold build {colds[-1]:.1f} s, save to page {edits[-1]:.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    cold, edit = statistics.median(colds), statistics.median(edits)
    ratio = edit / cold
    print(
        f"\n{args.records} records, {args.edits} alternating runs, medians: cold build {cold:.1f} s, "
        f"save to page {edit:.2f} s, ratio {ratio:.3f} (target at most {TARGET}): {'met' if ratio <= TARGET else 'MISSED'}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; built on {disk(work)}")
    write_into_readme(ratio_table(
        f"Measured {date.today().isoformat()} at commit {code_version()}, {args.records:,} records, {args.edits} alternating runs in one run of the script, "
        f"on {os.cpu_count()} cores shared with other work (load average {os.getloadavg()[0]:.1f} at the end), built on {disk(work)}.",
        [("cold `mkdocs build`", colds, ".1f"), ("`yswd serve`, save to page", edits, ".2f")],
        ratio, [e / c for e, c in zip(edits, colds)], TARGET, 3,
    ), "<!-- EDIT_LOOP:START -->", "<!-- EDIT_LOOP:END -->")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
