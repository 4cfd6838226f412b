"""Warm builds: `mkdocs build` in a new process after one record changed, with the build cache.

    .venv/bin/python benchmarks/warm_build.py [--records 2000] [--runs 3]

Writes a synthetic site and fills its cache with one build. Then, for each run: one record's
title is changed; a warm build (a new process, the cache in .cache/yswd/) and a cold build
(a new process, YSWD_CACHE=off) of that same state are timed, alternating which goes first,
each into a removed output folder; the two outputs are compared byte for byte. Reports
medians and their ratio, measured in one run, and writes them into benchmarks/README.md
between the WARM markers.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from build_speed import code_version, disk, ratio_table, write_into_readme

BUILD_DATE = "1764547200"
TARGET = 0.50


def timed_build(root: Path, out: Path, env: dict[str, str]) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=root, env=env, check=True)
    return time.monotonic() - start


def same_tree(a: Path, b: Path) -> bool:
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    if names != sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()):
        return False
    return all(filecmp.cmp(a / name, b / name, shallow=False) for name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    warm_env, cold_env = {**env, "YSWD_CACHE": "on"}, {**env, "YSWD_CACHE": "off"}
    work = Path(tempfile.mkdtemp(prefix="yswd-warm-"))
    root = work / "site"
    subprocess.run([sys.executable, "-m", "yswd", "synth", "--records", str(args.records), "--out", str(root)], check=True, env=env)
    record = next(p for p in sorted((root / "content/engagements").rglob("*.md")) if "\nstatus: published\n" in p.read_text(encoding="utf-8"))
    print(f"filling the cache: {timed_build(root, work / 'warm', warm_env):.1f} s")
    warms, colds = [], []
    for n in range(args.runs):
        text = re.sub(r"^title: .*$", f'title: "Changed {n} for the warm build"', record.read_text(encoding="utf-8"), count=1, flags=re.M)
        record.write_text(text, encoding="utf-8")
        order = [("warm", warm_env, warms), ("cold", cold_env, colds)]
        for name, build_env, times in order if n % 2 == 0 else reversed(order):
            times.append(timed_build(root, work / name, build_env))
        identical = same_tree(work / "warm", work / "cold")
        print(f"run {n + 1}: warm {warms[-1]:.1f} s, cold {colds[-1]:.1f} s, outputs identical: {identical}")
        if not identical:
            raise SystemExit("the warm build differs from the cold build")
    warm, cold = statistics.median(warms), statistics.median(colds)
    ratio = warm / cold
    print(
        f"\n{args.records} records, {args.runs} alternating runs, medians: warm {warm:.1f} s, cold {cold:.1f} s, "
        f"ratio {ratio:.2f} (target at most {TARGET}): {'met' if ratio <= TARGET else 'MISSED'}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; built on {disk(work)}")
    write_into_readme(ratio_table(
        f"Measured {date.today().isoformat()} at commit {code_version()}, {args.records:,} records, {args.runs} alternating runs in one run of the script, "
        f"on {os.cpu_count()} cores shared with other work (load average {os.getloadavg()[0]:.1f} at the end), built on {disk(work)}; "
        "every warm output was byte-identical to its cold twin.",
        [("cold build (YSWD_CACHE=off)", colds, ".1f"), ("warm build, one record changed", warms, ".1f")],
        ratio, [w / c for w, c in zip(warms, colds)], TARGET, 2,
    ), "<!-- WARM:START -->", "<!-- WARM:END -->")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
