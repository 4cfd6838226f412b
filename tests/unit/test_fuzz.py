"""Fuzzing the loader: whatever is in a record file, the outcome is a clean load or our own problems.

Hypothesis mutates a valid record (dropping, duplicating, retyping and garbling fields;
truncating the file; inserting random bytes; deep nesting; huge strings; YAML anchors,
aliases and tags) and runs the whole check (`load_and_check`) on a small site holding it.
Every outcome must be a list of `Problem`s with a file, a line and a short message, or a
clean load that also renders. Never a traceback, a hang (each example runs under a time
limit) or a memory blow-up (each example runs under an address-space limit).

CI runs a bounded number of examples; set YSWD_FUZZ_EXAMPLES (for example 5000) for a
longer run: see benchmarks/README.md.
"""

from __future__ import annotations

import contextlib
import copy
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from typing import Iterator

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, SiteFolder
from yswd.content.markdown_limits import MAX_NESTING, TOO_DEEP, markdown_trouble
from yswd.guards.checking import load_and_check
from yswd.problems import Problem
from yswd.site import routes
from yswd.site.render import MarkdownRenderer, PageRenderer
from yswd.site.plan import plan_site

EXAMPLES = int(os.environ.get("YSWD_FUZZ_EXAMPLES", "60"))
TIME_LIMIT = 20.0
"""Seconds one example may take: far more than any real record needs, so only a hang trips it."""
MEMORY_HEADROOM = 1 << 30
"""Bytes of address space one example may add: a blow-up fails with MemoryError, not the machine."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # timing is bounded by TIME_LIMIT instead: a loaded CI machine must not flake
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    derandomize=EXAMPLES <= 100,  # CI runs the same examples every time; long runs explore
)

VALID = """\
---
id: fuzz-record
title: Scan appointment times
type: survey
status: published
summary: We asked parents-to-be about scan appointment times.
topics: [maternity]
localities: [southbrook]
start: 2025-03-01
end: 2025-04-30
take_part: Fill in the survey online.
aliases: [old-fuzz-record]
commitments: [seldom-heard]
aims:
  - text: Hear from at least 100 people
    measure: participants
    target: 100
  - text: Hear from 20 young people
    measure: young-people
    target: 20
reach:
  participants: 120
  groups: {young-people: 30, carers: 3}
  methods: [online survey, drop-in sessions]
you_said:
  - id: waits
    theme: Waiting too long for a scan
    detail: Most people said *weeks*, not days.
    count: 40
    quote: "I waited nine weeks."
  - id: parking
    theme: Parking is hard
we_did:
  - id: saturday-clinic
    responds_to: [waits]
    action: We opened a Saturday scan clinic.
    status: done
    progress: 100
    owner: Maternity commissioning team
    due: 2025-09-30
    completed: 2025-08-15
    updates:
      - date: 2025-06-02
        text: Contract agreed.
      - date: 2025-07-01
        text: Staff recruited.
  - id: parking-spaces
    responds_to: [parking]
    action: We asked the council for more spaces.
    status: not-taken-forward
    reason: The council said no.
impact: Waits fell from **nine weeks** to four.
feedback_given:
  date: 2025-10-01
  how: Posters in clinics.
evaluation:
  responses: 40
  rating: 4.2
reviews:
  - reviewer: RP-01
    date: 2025-05-01
    verdict: changes-requested
    comments: Explain the scan.
  - reviewer: RP-01
    date: 2025-05-03
    verdict: approved
  - reviewer: RP-02
    date: 2025-05-04
    verdict: approved
updated: 2025-10-02
documents:
  - title: Full report
    url: https://example.nhs.uk/report.pdf
---
The clinic opened in **August**.
"""

FRONT, BODY = VALID.split("\n---\n", 1)
BASE: dict = yaml.safe_load(FRONT.removeprefix("---\n"))


# --- running one example -----------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> SiteFolder:
    root = tmp_path_factory.mktemp("fuzz") / "site"
    shutil.copytree(MINIMAL, root)
    return SiteFolder(root)


def _address_space() -> int:
    """This process's virtual memory in bytes (Linux), or 0 where it can't be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Fail with TimeoutError after TIME_LIMIT, and MemoryError past MEMORY_HEADROOM more memory."""

    def timeout(signum, frame):
        raise TimeoutError(f"one record took more than {TIME_LIMIT:g} seconds to check")

    previous_handler = signal.signal(signal.SIGALRM, timeout)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    limits = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    if used:
        cap = used + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (cap if limits[1] == resource.RLIM_INFINITY else min(cap, limits[1]), limits[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, limits)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)


_MARKDOWN = MarkdownRenderer(["abbr", "tables", "toc"])


def outcome(site: SiteFolder, data: bytes | str) -> list[Problem]:
    """Check a site whose one extra record holds `data`; assert the outcome is one we allow."""
    site.record("fuzz.md", data)
    with bounded():
        content = load_and_check(site.layout)
        for problem in content.problems:
            assert isinstance(problem, Problem)
            assert problem.path.startswith(("content/", "site_config/")), problem
            assert isinstance(problem.line, int) and problem.line >= 1, problem
            assert problem.message.strip(), problem
            assert len(str(problem)) < 2000, f"a problem message of {len(str(problem))} characters: {str(problem)[:200]}..."
        if not content.problems:
            # A clean load must also build: odd but valid values reach the templates, and
            # every page becomes a file whose name the file system accepts.
            plan = plan_site(content, "review", date(2025, 12, 1))
            renderer = PageRenderer(plan, _MARKDOWN)
            for record in content.engagements:
                src_uri = routes.record(record.id)
                assert renderer.render(plan.pages[src_uri], src_uri)
            for src_uri in plan.pages:
                longest = max(len(part.encode("utf-8")) for part in src_uri.split("/"))
                assert longest <= 255, f"a clean record gives a page whose file name has {longest} bytes (the limit is 255)"
    return content.problems


def record_text(front: dict | list | object, body: str = BODY) -> str:
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n{body}"


# --- strategies ----------------------------------------------------------------------------

odd_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([
        "", " ", "~", "null", "yes", "no", "on", "1,200", "50%", "12/03/2025", "2025-02-30", "2025-13-01",
        "2025-01-01T10:00:00", "0755", "1:20", "-1", "1e400", "nan", ".inf", "RP 07", "Draft",
        "published ", "PUBLISHED", "in progress", "javascript:alert(1)", "../../etc/passwd", "https://",
        "<script>alert(1)</script>", "\u202e\u0000", "\ufeff", "a" * 300,
    ]),
)
odd_values = st.recursive(
    odd_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside a parsed record, containers included."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, prefix + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, prefix + (index,))
    return found


def _parent(data: object, path: tuple):
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_records(draw) -> str:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        all_paths = paths(data)
        if not all_paths:
            break
        path = draw(st.sampled_from(all_paths))
        parent = _parent(data, path)
        key = path[-1]
        operation = draw(st.sampled_from(["drop", "duplicate", "retype", "garble", "rename", "nest"]))
        if operation == "drop":
            del parent[key]
        elif operation == "duplicate":
            if isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))
            else:
                parent[f"{key}"] = [parent[key], copy.deepcopy(parent[key])]
        elif operation == "retype":
            parent[key] = draw(odd_values)
        elif operation == "garble":
            original = str(parent[key])
            cut = draw(st.integers(0, len(original)))
            parent[key] = original[:cut] + draw(st.text(max_size=8)) + original[cut + 1 :]
        elif operation == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=20))] = parent.pop(key)
        elif operation == "nest":
            parent[key] = {"value": parent[key], "more": [parent[key]]}
    body = draw(st.sampled_from([BODY, "", "# Heading\n\n<script>x</script>\n", draw(st.text(max_size=200))]))
    return record_text(data, body)


@st.composite
def damaged_files(draw) -> bytes:
    raw = bytearray(VALID.encode("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(raw)))
        operation = draw(st.sampled_from(["truncate", "insert", "delete", "overwrite", "duplicate-line", "indent"]))
        if operation == "truncate":
            del raw[where:]
        elif operation == "insert":
            raw[where:where] = draw(st.binary(min_size=1, max_size=16))
        elif operation == "delete":
            del raw[where : where + draw(st.integers(1, 40))]
        elif operation == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=8))
            raw[where : where + len(chunk)] = chunk
        elif operation == "duplicate-line":
            lines = bytes(raw).split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            raw = bytearray(b"\n".join(lines))
        else:
            lines = bytes(raw).split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines[index] = draw(st.sampled_from([b" ", b"  ", b"\t", b"- "])) + lines[index]
            raw = bytearray(b"\n".join(lines))
    return bytes(raw)


# --- the properties ------------------------------------------------------------------------


@FUZZ
@given(text=mutated_records())
def test_mutated_fields_give_problems_or_a_clean_load(fuzz_site: SiteFolder, text: str) -> None:
    outcome(fuzz_site, text)


@FUZZ
@given(raw=damaged_files())
def test_damaged_files_give_problems_or_a_clean_load(fuzz_site: SiteFolder, raw: bytes) -> None:
    outcome(fuzz_site, raw)


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes_give_problems(fuzz_site: SiteFolder, raw: bytes) -> None:
    assume(raw.strip())
    assert outcome(fuzz_site, raw)


@FUZZ
@given(front=odd_values)
def test_any_yaml_value_as_front_matter(fuzz_site: SiteFolder, front: object) -> None:
    outcome(fuzz_site, record_text(front))


@settings(FUZZ, max_examples=15 if EXAMPLES <= 100 else EXAMPLES // 20)
@given(
    field=st.sampled_from(["title", "summary", "theme", "quote", "detail", "body", "participants", "key", "id", "url"]),
    size=st.sampled_from([300, 10_000, 1_000_000]),
    char=st.sampled_from(["a", "é", "😀", " ", "9", "-", "<", "\\"]),
)
def test_huge_values(fuzz_site: SiteFolder, field: str, size: int, char: str) -> None:
    huge = char * size
    quoted = '"' + huge.replace("\\", "\\\\") + '"'
    text = {
        "title": VALID.replace("title: Scan appointment times", f"title: {quoted}"),
        "summary": VALID.replace("summary: We asked", f"summary: {quoted}\nx: We asked"),
        "theme": VALID.replace("theme: Parking is hard", f"theme: {quoted}"),
        "quote": VALID.replace('quote: "I waited nine weeks."', f"quote: {quoted}"),
        "detail": VALID.replace("detail: Most people said *weeks*, not days.", f"detail: {quoted}"),
        "body": VALID + huge,
        "participants": VALID.replace("participants: 120", f"participants: {'9' * min(size, 100_000)}"),
        "key": VALID.replace("title: Scan", f"{quoted}: x\ntitle: Scan"),
        "id": VALID.replace("id: fuzz-record", f"id: {quoted}"),
        "url": VALID.replace("url: https://example.nhs.uk/report.pdf", f"url: {quoted}"),
    }[field]
    outcome(fuzz_site, text)


# --- named hostile YAML ----------------------------------------------------------------------

ALIAS_BOMB = """\
---
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
title: [*i, *i, *i, *i, *i, *i, *i, *i, *i]
---
"""

HOSTILE_YAML = {
    "alias bomb": ALIAS_BOMB,
    "anchor and alias": VALID.replace("summary: We asked", "summary: &s We asked").replace("take_part: Fill in the survey online.", "take_part: *s"),
    "merge key": VALID.replace("evaluation:\n", "evaluation:\n  <<: {responses: 1}\n"),
    "alias as key": VALID.replace("title: Scan", "? *x\n: y\ntitle: Scan"),
    "self-referencing anchor": "---\na: &a [*a]\n---\n",
    "python tag": VALID.replace("title: Scan appointment times", "title: !!python/object/apply:os.system ['echo hi']"),
    "custom tag": VALID.replace("status: published", "status: !status published"),
    "binary tag": VALID.replace("title: Scan appointment times", "title: !!binary aGVsbG8="),
    "set tag": VALID.replace("topics: [maternity]", "topics: !!set {maternity: null}"),
    "list as key": VALID.replace("title: Scan", "? [a, b]\n: c\ntitle: Scan"),
    "map as key": VALID.replace("title: Scan", "? {a: b}\n: c\ntitle: Scan"),
    "number as key": VALID.replace("title: Scan", "1: x\ntitle: Scan"),
    "null key": VALID.replace("title: Scan", "~: x\ntitle: Scan"),
    "flow nesting 50": VALID.replace("topics: [maternity]", "topics: " + "[" * 50 + "]" * 50),
    "flow nesting 99": VALID.replace("topics: [maternity]", "topics: " + "[" * 99 + "]" * 99),
    "unclosed flow nesting 98": VALID.replace("topics: [maternity]", "topics: " + "[" * 98),
    "mixed brackets 150": VALID.replace("topics: [maternity]", "topics: " + "[{" * 75 + "x"),
    "block nesting 500": "---\ntitle:\n" + "".join("  " * (i + 1) + "- \n" for i in range(500)) + "---\n",
    "many keys": "---\n" + "".join(f"k{i}: v\n" for i in range(5_000)) + "---\n",
    "long list": VALID.replace("topics: [maternity]", "topics: [" + ", ".join(["maternity"] * 10_000) + "]"),
    "many themes": VALID.replace("you_said:\n", "you_said:\n" + "".join(f"  - id: t{i}\n    theme: x\n" for i in range(5000))),
    "integer with 5000 digits": VALID.replace("participants: 120", "participants: " + "9" * 5000),
    "float with 5000 digits": VALID.replace("rating: 4.2", "rating: 4." + "2" * 5000),
    "exponent float": VALID.replace("rating: 4.2", "rating: 1e999999"),
    "date far in the future": VALID.replace("end: 2025-04-30", "end: 9999-12-31"),
    "year zero": VALID.replace("start: 2025-03-01", "start: 0000-01-01"),
    "datetime with bad offset": VALID.replace("start: 2025-03-01", "start: 2025-03-01T10:00:00+99:00"),
    "story of 20,000 opening brackets": VALID + "[" * 20_000 + "\n",
    "story of 400,000 backslashes": VALID + "\\" * 400_000 + "\n",
    "theme detail of 5,000 empty links": VALID.replace("detail: Most people said *weeks*, not days.", "detail: " + "'" + "[]()" * 5_000 + "'"),
    "document separator in fields": VALID.replace("title: Scan", "...\ntitle: Scan"),
    "null bytes": VALID.replace("title: Scan", "title: Sc\x00an"),
    "lone surrogate escape": VALID.replace("title: Scan appointment times", 'title: "\\ud800"'),
    "only front matter markers": "---\n---\n",
    "windows line endings everywhere": VALID.replace("\n", "\r\n"),
    "old mac line endings": VALID.replace("\n", "\r"),
    "byte-order mark then utf-16": "\ufeff".encode("utf-8") + VALID.encode("utf-16-le"),
}


DEEP_NESTING = {
    "flow sequences": VALID.replace("topics: [maternity]", "topics: " + "[" * 100_000 + "]" * 100_000),
    "unclosed flow sequences": "---\ntitle: " + "[" * 100_000 + "\n---\n",
    "flow mappings": "---\ntitle: " + "{a: " * 100_000 + "b" + "}" * 100_000 + "\n---\n",
    "mixed brackets": "---\ntitle: " + "[{" * 50_000 + "\n---\n",
    "block sequences": "---\ntitle: " + "- " * 100_000 + "x\n---\n",
    "complex keys": "---\n" + "? " * 100_000 + "x\n---\n",
    "complex keys after a list": "---\n" + "- " * 59 + "? " * 100_000 + "x\n---\n",
    "indented mappings": "---\n" + "".join(" " * i + "a:\n" for i in range(0, 4000, 2)) + " " * 4000 + "b\n---\n",
}
"""Nesting deep enough to overflow a parser written in C. Each runs `yswd check` in its own
process, so a crash (a segmentation fault, not a Python error) fails the case instead of
stopping the test run."""


@pytest.mark.parametrize("name", list(DEEP_NESTING))
def test_deep_nesting_gives_a_problem_not_a_crash(fuzz_site: SiteFolder, name: str) -> None:
    fuzz_site.record("fuzz.md", DEEP_NESTING[name])
    result = subprocess.run(
        [sys.executable, "-m", "yswd", "check"], cwd=fuzz_site.root, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1, f"exit code {result.returncode} (negative: killed by a signal); {result.stderr[-500:]}"
    assert "Traceback" not in result.stderr
    assert "content/engagements/fuzz.md:" in result.stdout


@pytest.mark.parametrize("name", list(HOSTILE_YAML))
def test_hostile_yaml_gives_problems_or_a_clean_load(fuzz_site: SiteFolder, name: str) -> None:
    outcome(fuzz_site, HOSTILE_YAML[name])


def test_alias_bomb_is_refused_with_our_message(fuzz_site: SiteFolder) -> None:
    problems = outcome(fuzz_site, ALIAS_BOMB)
    assert any("YAML alias" in p.message for p in problems), problems


def test_the_valid_record_is_clean(fuzz_site: SiteFolder) -> None:
    assert outcome(fuzz_site, VALID) == []


# --- escapes for control characters, and nesting of growing depth ------------------------


QUOTED_FIELDS = {
    "title": "title: {}\n",
    "summary": "summary: {}\n",
    "you_said[waits].theme": "you_said:\n  - id: waits\n    theme: {}\n",
    "we_did[clinic].owner": "you_said:\n  - id: waits\n    theme: Waits\nwe_did:\n  - id: clinic\n    responds_to: [waits]\n    action: A clinic.\n    status: planned\n    owner: {}\n",
    "reach.methods[1]": "reach:\n  participants: 10\n  methods: [{}]\n",
}
CONTROL_ESCAPES = [f"\\x{code:02x}" for code in [*range(0, 9), *range(11, 32), 127, *range(128, 160)]] + ["\\0", "\\a", "\\e", "\\u0000", "\\u001b", "\\v", "\\f"]


@given(field=st.sampled_from(sorted(QUOTED_FIELDS)), escape=st.sampled_from(CONTROL_ESCAPES), before=st.text("abc ", max_size=5))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_an_escaped_control_character_in_any_quoted_field_is_a_problem(site, field, escape, before) -> None:
    lines = QUOTED_FIELDS[field].format(f'"{before}{escape}after"')
    defaults = "" if field == "title" else "title: A title\n"
    site.record("escaped.md", f"---\n{defaults}type: survey\nstatus: draft\nstart: 2025-03-01\n{lines}---\nStory.\n")
    problems = [p for p in site.check().problems if p.path == "content/engagements/escaped.md"]
    field_line = (defaults + "type: survey\nstatus: draft\nstart: 2025-03-01\n" + lines).split("\n").index(
        next(line for line in lines.split("\n") if "after" in line)) + 2
    assert [(p.line, p.field, p.message.split(" (")[0]) for p in problems] == [(field_line, field, "contains an invisible control character")]


NESTINGS = {
    "list markers": lambda depth: "- " * depth + "x",
    "numbered markers": lambda depth: "1. " * depth + "x",
    "quotes": lambda depth: "> " * depth + "x",
    "indented lists": lambda depth: "\n".join("    " * level + "- x" for level in range(depth)),
}


@given(kind=st.sampled_from(sorted(NESTINGS)), depth=st.integers(1, 800))
@settings(max_examples=40, deadline=None)
def test_nesting_of_any_depth_is_refused_or_rendered_quickly(kind, depth) -> None:
    story = NESTINGS[kind](depth)
    start = time.process_time()
    trouble = markdown_trouble(story, whole_file=True)
    checking = time.process_time() - start
    if depth > MAX_NESTING:
        assert trouble == (MAX_NESTING if kind == "indented lists" else 0, TOO_DEEP)
    else:
        assert trouble is None
        MarkdownRenderer(["abbr", "admonition", "attr_list", "def_list", "tables", "toc"])(story)
    assert checking < 0.5 + depth * 0.001
