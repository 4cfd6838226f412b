"""Build speed and memory at scale: our public build against plain MkDocs on the same text.

For each size (1,000 and 10,000 records) this script:

1. writes a synthetic site with `yswd synth` (ours), and a "plain" twin: one ordinary
   Markdown page per record, carrying the same text (title, summary, facts, themes,
   actions, timelines, impact, documents and story), with the same theme and Markdown
   extensions, the search plugin only, and a navigation that, like ours, does not list
   every page;
2. times cold `mkdocs build` runs of both, alternating ours and plain, in fresh
   processes into a removed site folder, and takes medians;
3. measures each build's peak memory (the child's maximum RSS, from `wait4`).

It then profiles our largest build with pyinstrument and writes the table and the
profile's top lines into benchmarks/README.md between the RESULTS markers.

    .venv/bin/python benchmarks/build_speed.py            # 1k and 10k, 3 runs each
    .venv/bin/python benchmarks/build_speed.py --quick    # 200 and 1,000, 1 run, no README change

Targets (from the issue): ratio ours/plain at most 1.15 at 10,000 records; peak RSS
under 1 GB at 10,000 (Pagefind, a child process, included); time growth from 1k to 10k at most 11x.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yswd.content.load import load_content
from yswd.content.records import EngagementFile, Layout
from yswd.content.model import ACTION_STATUS_WORDS
from yswd.mkdocs_plugin.theme_setup import THEME_DIR, THEME_STYLESHEET
from yswd.tools.synth import synthesise

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = HERE / "README.md"
BUILD_DATE = "1764547200"  # 1 December 2025: the same "today" as the tests
START, END = "<!-- RESULTS:START -->", "<!-- RESULTS:END -->"

TARGET_RATIO = 1.15
TARGET_RSS_MB = 1024
TARGET_GROWTH = 11.0


# --- the plain twin ----------------------------------------------------------------------


def plain_page(record: EngagementFile, org) -> str:
    """One record as an ordinary Markdown page: the same words our page shows."""
    e = record.engagement
    out = [f"# {e.title}", ""]
    if e.summary:
        out += [e.summary, ""]
    where = ", ".join(org.localities[k] for k in e.localities) or f"The whole of {org.area} (area-wide)"
    out += [
        f"- Type: {org.engagement_types[e.type]}",
        f"- Dates: {e.start}" + (f" to {e.end}" if e.end else ""),
        f"- Where: {where}",
        f"- Topics: {', '.join(org.topics[k] for k in e.topics)}",
        "",
    ]
    if e.take_part:
        out += ["## Have your say", "", e.take_part, ""]
    if e.reach:
        out += ["## Who took part", ""]
        if e.reach.participants is not None:
            out += [f"**{e.reach.participants}** people took part, through: {', '.join(m if isinstance(m, str) else m.name for m in e.reach.methods)}.", ""]
        if e.aims:
            out += ["| Aim | Target | Reached |", "|---|---|---|"]
            out += [f"| {a.text} | {a.target} | {e.reach.groups.get(a.measure, e.reach.participants)} |" for a in e.aims]
            out.append("")
        if e.reach.groups:
            out += ["| Group | People |", "|---|---|"]
            out += [f"| {org.groups[k]} | {v} |" for k, v in e.reach.groups.items()]
            out.append("")
    if e.you_said:
        out += ["## You said, we did", ""]
        for theme in e.you_said:
            out += [f"### You said: {theme.theme}", ""]
            if theme.count is not None:
                out += [f"Raised by {theme.count} people.", ""]
            if theme.detail:
                out += [theme.detail, ""]
            if theme.quote:
                out += [f"> {theme.quote}", ""]
            out += ["#### We did", ""]
            for action in e.we_did:
                if theme.id in action.responds_to:
                    out.append(f"- {ACTION_STATUS_WORDS[action.status]}: {action.action}")
                    for label, value in (("Why not", action.reason), ("Who", action.owner), ("Progress", action.progress),
                                         ("Due", action.due), ("Done", action.completed)):
                        if value is not None:
                            out.append(f"    - {label}: {value}")
                    for update in action.updates:
                        out.append(f"    - {update.date}: {update.text}")
            out.append("")
    if e.impact:
        out += ["## What changed", "", e.impact, ""]
    out += ["## Telling people what happened", ""]
    out += [f"On {e.feedback_given.date}: {e.feedback_given.how}" if e.feedback_given else "We have not yet told participants the outcome.", ""]
    if e.evaluation:
        out += ["## What people thought of taking part", "", f"{e.evaluation.responses} people rated it {e.evaluation.rating} out of 5.", ""]
    if e.documents:
        out += ["## Documents", ""] + [f"- [{d.title}]({d.url if '://' in d.url else 'https://example.org/' + d.url})" for d in e.documents] + [""]
    if record.body.strip():
        out += ["## More about this engagement", "", record.body.strip(), ""]
    return "\n".join(out)


def dress(site: Path, config: dict) -> None:
    """Give the plain twin yswd's theme, which the plugin adds to ours: its folder as the
    custom_dir, its stylesheet, no web fonts and no generator link."""
    config["theme"] = {**config["theme"], "custom_dir": str(THEME_DIR), "font": False}
    config["extra_css"] = [THEME_STYLESHEET]
    config["extra"] = {"generator": False}
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def commit_site(site: Path) -> None:
    """Put our site in a git repository, one commit, so that the build reads each record's history."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.nhs.uk", "GIT_COMMITTER_NAME": "Bench",
           "GIT_COMMITTER_EMAIL": "bench@example.nhs.uk", "GIT_AUTHOR_DATE": "2025-12-01T00:00:00Z", "GIT_COMMITTER_DATE": "2025-12-01T00:00:00Z"}
    (site / ".gitignore").write_text("site/\n.site.yswd-*/\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Publish the synthetic site"]):
        subprocess.run(["git", *command], cwd=site, env=env, check=True)


def write_plain_twin(ours: Path, twin: Path) -> int:
    """The plain site: one ordinary page per record, same theme, extensions and text.

    It uses the stack's own search (mkdocs-material's `search` plugin), as a plain site
    would; ours indexes with Pagefind inside the build.
    """
    content = load_content(Layout(ours, ours / "content", ours / "site_config"))
    assert not content.problems, content.problems[:5]
    docs = twin / "docs"
    (docs / "engagements").mkdir(parents=True)
    config = yaml.safe_load((ours / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir="docs", plugins=["search"], nav=[{"Home": "index.md"}], not_in_nav="/engagements/\n")
    dress(twin, config)
    (docs / "index.md").write_text("# Home\n\nEvery engagement has its own page.\n", encoding="utf-8")
    for record in content.engagements:
        (docs / "engagements" / f"{record.id}.md").write_text(plain_page(record, content.organisation), encoding="utf-8")
    return len(content.engagements)


# --- timing ----------------------------------------------------------------------------------


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    together_mb: list[float] = field(default_factory=list)
    """The most memory its processes held at one moment, summed (PSS, sampled every 0.25 s)."""
    pages: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mb(self) -> float:
        return max(self.rss_mb)

    @property
    def together_peak_mb(self) -> float:
        return max(self.together_mb)


def environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_DATE, "YSWD_AUDIENCE": "public"}


def clean(site: Path) -> None:
    """Make the next build cold: no output, no half-built folder, no build cache (.cache/yswd)."""
    for path in [site / "site", *site.glob(".site.yswd-*"), site / ".cache"]:
        shutil.rmtree(path, ignore_errors=True)


def build_once(site: Path, sample: bool = False) -> tuple[float, float, float]:
    """One cold build in a fresh process: (wall seconds, peak RSS in MB of its largest process,
    and with `sample` peak memory in MB of all its processes at once, else 0).

    The build shares work with processes beside it (a forked helper, Pagefind), so the largest
    process alone is not what the machine must hold: a thread sums the proportional set size
    (PSS: shared pages split between the processes sharing them) of the build and every
    process under it, four times a second. Reading a large process's PSS makes the kernel walk
    its memory while the build waits, so builds that are timed are not sampled."""
    clean(site)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env=environment(),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    together = [0.0]
    sampler = threading.Thread(target=_sample_memory, args=(process.pid, together), daemon=True)
    if sample:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if sample:
        sampler.join()
    stderr = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {site}:\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024, together[0]  # ru_maxrss is in kilobytes on Linux


def _sample_memory(pid: int, peak: list[float]) -> None:
    """Until `pid` ends: the largest sum of PSS over it and its descendants, in MB, into peak[0]."""
    while os.path.exists(f"/proc/{pid}/stat") and _state(pid) not in ("Z", "X", ""):
        peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(pid)) / 1024)
        time.sleep(0.25)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def count_pages(site: Path) -> int:
    return sum(1 for _ in (site / "site").rglob("*.html"))


def measure(ours: Path, plain: Path, runs: int) -> tuple[Runs, Runs]:
    results = {"ours": Runs(), "plain": Runs()}
    for run in range(runs):
        order = [("ours", ours), ("plain", plain)] if run % 2 == 0 else [("plain", plain), ("ours", ours)]
        for name, site in order:
            seconds, rss, _ = build_once(site)
            results[name].seconds.append(seconds)
            results[name].rss_mb.append(rss)
            print(f"  run {run + 1}: {name:5} {seconds:7.2f} s  {rss:7.0f} MB", flush=True)
    for name, site in (("ours", ours), ("plain", plain)):
        _, rss, together = build_once(site, sample=True)
        results[name].rss_mb.append(rss)
        results[name].together_mb.append(together)
        print(f"  memory: {name:5} {together:7.0f} MB all processes at once (an untimed build)", flush=True)
    for name, site in (("ours", ours), ("plain", plain)):
        results[name].pages = count_pages(site)
    return results["ours"], results["plain"]


# --- profiling -------------------------------------------------------------------------------


def profile(site: Path, out: Path) -> str:
    """Our build under pyinstrument: the functions with most time, self and total."""
    from pyinstrument.session import Session

    clean(site)
    session_file = out / "build.pyisession"
    subprocess.run(
        [sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session_file), "-m", "mkdocs", "build", "-q"],
        cwd=site, env=environment(), check=True, stdout=subprocess.DEVNULL,
    )
    return render_profile(Session.load(str(session_file)), site.name)


def render_profile(session, name: str, top: int = 25) -> str:
    from pyinstrument.renderers import ConsoleRenderer

    parts = []
    for mode in ("self", "total"):
        text = ConsoleRenderer(flat=True, flat_time=mode, unicode=False, color=False, short_mode=True).render(session)
        lines = [line.rstrip() for line in text.splitlines() if line[:1].isdigit()]  # no banner
        parts.append(f"Top {top} by {mode} time (seconds):\n" + "\n".join(lines[:top]))
    return f"pyinstrument, our build of {name}: {session.duration:.1f} s with the profiler on\n\n" + "\n\n".join(parts)


TIMING_HOOK = """\
# Written by benchmarks/build_speed.py for one build, then removed: times yswd's parts.
import atexit, json, os, resource, time
from importlib import import_module

PARTS = [
    ("yswd.guards.checking", "load_content", "yswd: read files, parse YAML, validate models"),
    ("yswd.guards.checking", "check", "yswd: rules across fields and records"),
    ("yswd.guards.checking", "check_personal_data", "yswd: personal-data guard"),
    ("yswd.mkdocs_plugin.plugin", "plan_site", "yswd: plan the site"),
    ("yswd.mkdocs_plugin.plugin", "add_histories", "yswd: each record's history from git (one git log, one cat-file)"),
    ("yswd.mkdocs_plugin.plugin", "data_files", "yswd: open data and feed"),
    ("yswd.mkdocs_plugin.generated_html", "GeneratedHtml.draw_ahead", "yswd: draw the generated pages, on two cores (wall time)"),
    ("yswd.site.render", "PageRenderer.render", "  of which this process's share (Jinja, Markdown, nh3)"),
    ("yswd.site.render", "MarkdownRenderer.__call__", "    of which staff Markdown + nh3"),
    ("yswd.site.glossary", "Glossary.mark", "yswd: glossary abbreviations (this process's pages)"),
    ("yswd.site.search", "SearchIndex.finish", "yswd: Pagefind, what is left once every page is written"),
    ("mkdocs.commands.build", "_populate_page", "MkDocs: populate every page (includes yswd's on_page_content)"),
    ("mkdocs.commands.build", "_build_page", "MkDocs: theme template and write, every page"),
]
spent, calls = {}, {}
for module_name, attribute, label in PARTS:
    try:
        owner = import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, name)
    except (ImportError, AttributeError):
        continue

    def timed(*args, _original=original, _label=label, **kwargs):
        started = time.perf_counter()
        try:
            return _original(*args, **kwargs)
        finally:
            spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - started
            calls[_label] = calls.get(_label, 0) + 1

    setattr(owner, name, timed)
    spent[label], calls[label] = 0.0, 0
STARTED = time.perf_counter()


@atexit.register
def _write():
    with open(os.environ["YSWD_BENCH_TIMINGS"], "w", encoding="utf-8") as out:
        json.dump({
            "total": time.perf_counter() - STARTED, "spent": spent, "calls": calls,
            "self_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }, out)
"""


def breakdown(site: Path, out: Path) -> str:
    """Where our build's time goes, measured without a profiler: one build with a timing hook."""
    clean(site)
    config_file = site / "mkdocs.yml"
    original = config_file.read_text(encoding="utf-8")
    hook = site / "_yswd_bench_timing.py"
    timings = out / "timings.json"
    hook.write_text(TIMING_HOOK, encoding="utf-8")
    config = yaml.safe_load(original)
    config["hooks"] = [*config.get("hooks", []), hook.name]
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env={**environment(), "YSWD_BENCH_TIMINGS": str(timings)},
                       check=True, stdout=subprocess.DEVNULL)
    finally:
        config_file.write_text(original, encoding="utf-8")
        hook.unlink()
    data = json.loads(timings.read_text(encoding="utf-8"))
    total = data["total"]
    rows = [f"Where the time of one build of {site.name} goes ({total:.0f} s from loading mkdocs.yml, no profiler):", "",
            "| part | seconds | share | calls |", "|---|---:|---:|---:|"]
    for label, seconds in data["spent"].items():
        rows.append(f"| {label} | {seconds:.1f} | {100 * seconds / total:.0f}% | {data['calls'][label]:,} |")
    rows += ["", f"Peak memory of that build: the MkDocs process {data['self_rss_mb']:,.0f} MB; "
                 f"its largest child process (the helper that draws on the second core, or Pagefind) {data['children_rss_mb']:,.0f} MB."]
    return "\n".join(rows)


# --- report ----------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def code_version() -> str:
    result = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def disk(folder: Path) -> str:
    """The file system the sites were built on, which matters: ext4 without a journal looks
    over every recently deleted inode before it makes a file (README, "The file system")."""
    try:
        mounts = [line.split()[:3] for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "an unknown file system"
    target = str(folder.resolve())
    device, point, kind = max((m for m in mounts if target == m[1] or target.startswith(m[1].rstrip("/") + "/")), key=lambda m: len(m[1]))
    if kind == "ext4":
        journal = any(Path("/proc/fs/jbd2").glob(f"{Path(device).name}-*"))
        kind = f"ext4 {'with' if journal else 'without'} a journal"
    return f"{kind} ({point})"


def report(results: dict[int, tuple[Runs, Runs]], runs: int, profile_text: str | None, breakdown_text: str | None = None, where: str = "") -> str:
    sizes = sorted(results)
    rows = [
        "| records | pages (ours / plain) | ours median s | plain median s | ratio ours/plain | ms a page (ours / plain) "
        "| largest process, peak RSS MB (ours / plain) | all processes at once, peak PSS MB (ours / plain) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        ours, plain = results[n]
        rows.append(
            f"| {n:,} | {ours.pages:,} / {plain.pages:,} | {ours.median:.1f} | {plain.median:.1f} | {ours.median / plain.median:.2f} "
            f"| {1000 * ours.median / ours.pages:.1f} / {1000 * plain.median / plain.pages:.1f} | {ours.peak_mb:,.0f} / {plain.peak_mb:,.0f} "
            f"| {ours.together_peak_mb:,.0f} / {plain.together_peak_mb:,.0f} |"
        )
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} at commit {code_version()}, on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{where}; "
        f"{runs} alternating cold runs of each build, medians; peak memory is the largest over the runs.",
        "",
        *rows,
        "",
    ]
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ours_growth = results[large][0].median / results[small][0].median
        plain_growth = results[large][1].median / results[small][1].median
        ratio = results[large][0].median / results[large][1].median
        rss = results[large][0].together_peak_mb
        lines += [
            f"Growth from {small:,} to {large:,} records: ours {ours_growth:.1f}x, plain {plain_growth:.1f}x "
            f"(records grew {large / small:.0f}x).",
            "",
            "| target | measured | |",
            "|---|---:|---|",
            f"| ratio ours/plain at {large:,} <= {TARGET_RATIO} | {ratio:.2f} | {verdict(ratio <= TARGET_RATIO)} |",
            f"| peak memory at {large:,}, all processes at once, < {TARGET_RSS_MB:,} MB | {rss:,.0f} MB | {verdict(rss < TARGET_RSS_MB)} |",
            f"| growth {small:,} -> {large:,} <= {TARGET_GROWTH:g}x | {ours_growth:.1f}x | {verdict(ours_growth <= TARGET_GROWTH)} |",
            "",
        ]
    if breakdown_text:
        lines += [breakdown_text, ""]
    if profile_text:
        lines += ["```text", profile_text, "```", ""]
    return "\n".join(lines)


def ratio_table(what: str, rows: list[tuple[str, list[float], str]], ratio: float, ratios: list[float], target: float, digits: int) -> str:
    """The edit-loop and warm-build results as README lines: a heading sentence, each timed
    row's median and runs, then the ratio of medians against its target and each run's ratio."""
    lines = [what, "", "| | median | per run |", "|---|---:|---|"]
    for label, times, unit_format in rows:
        lines.append(f"| {label} | {statistics.median(times):{unit_format}} s | {', '.join(f'{t:{unit_format}}' for t in times)} s |")
    lines.append(
        f"| ratio (target at most {target}) | **{ratio:.{digits}f}**, {'met' if ratio <= target else 'missed'} | "
        f"{', '.join(f'{r:.{digits}f}' for r in ratios)} |"
    )
    return "\n".join(lines)


def write_into_readme(text: str, start: str = START, end: str = END) -> None:
    """Replace what is between the two markers in benchmarks/README.md (each benchmark has its own)."""
    readme = README.read_text(encoding="utf-8")
    before, rest = readme.split(start, 1)
    _, after = rest.split(end, 1)
    README.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 and 1,000 records, one run each, no profile")
    parser.add_argument("--sizes", type=int, nargs="+", help="record counts (default 1000 10000)")
    parser.add_argument("--runs", type=int, help="alternating runs per size (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-profile", action="store_true", help="skip the timing breakdown and the pyinstrument profile")
    parser.add_argument("--keep", type=Path, help="keep the generated sites in this folder")
    args = parser.parse_args()
    sizes = args.sizes or ([200, 1000] if args.quick else [1000, 10000])
    runs = args.runs or (1 if args.quick else 3)
    work = args.keep or Path(tempfile.mkdtemp(prefix="yswd-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, tuple[Runs, Runs]] = {}
    try:
        for n in sizes:
            ours, plain = work / f"ours-{n}", work / f"plain-{n}"
            for folder in (ours, plain):
                shutil.rmtree(folder, ignore_errors=True)
            print(f"{n:,} records: writing the sites", flush=True)
            synthesise(ours, n, args.seed)
            commit_site(ours)
            write_plain_twin(ours, plain)
            results[n] = measure(ours, plain, runs)
        profile_text = breakdown_text = None
        if not (args.quick or args.no_profile):
            print("timing the parts of our largest build", flush=True)
            breakdown_text = breakdown(work / f"ours-{max(sizes)}", work)
            print("profiling our largest build", flush=True)
            profile_text = profile(work / f"ours-{max(sizes)}", work)
        text = report(results, runs, profile_text, breakdown_text, disk(work))
        print(text)
        if not args.quick and len(sizes) >= 2:
            write_into_readme(text)
            print(f"Wrote the results into {README}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
