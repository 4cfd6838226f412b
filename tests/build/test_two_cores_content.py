"""Records read, checked and scanned for personal data on two cores (two_cores.py) give exactly
the records and problems that one core gives, mistakes and personal data included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from yswd.content.records import Layout
from yswd.guards.checking import load_and_check
from yswd.tools.synth import synthesise
from yswd.two_cores import parallel_wanted


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("two-cores") / "site"
    synthesise(root, 120, seed=7)
    records = sorted((root / "content/engagements").rglob("*.md"))
    first, second, third, fourth = records[3], records[40], records[77], records[101]
    first.write_text(first.read_text(encoding="utf-8").replace("\nstatus: ", "\nstatus: finished\nstatuss: ", 1), encoding="utf-8")
    second.write_text(second.read_text(encoding="utf-8") + "\nCall Jo on 07700 900123 to take part.\n", encoding="utf-8")
    third.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    fourth.write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    return root


def checked(root: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool) -> tuple[list, list, int]:
    forks = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    with monkeypatch.context() as patch:
        patch.setenv("YSWD_PARALLEL", "on" if parallel else "off")
        patch.setattr(os, "fork", counted)
        content = load_and_check(Layout(root, root / "content", root / "site_config"))
    records = sorted(((r.id, r.engagement.model_dump_json(), r.body, r.source.marks.lines) for r in content.engagements), key=str)
    return records, content.problems, len(forks)


def test_two_cores_read_and_scan_what_one_core_does(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one_records, one_problems, one_forks = checked(site, monkeypatch, parallel=False)
    two_records, two_problems, two_forks = checked(site, monkeypatch, parallel=True)
    assert one_forks == 0
    monkeypatch.setenv("YSWD_PARALLEL", "on")
    if parallel_wanted():  # two cores, and no other thread left running in this test process
        assert two_forks == 2, "records are read, then scanned, each with a helper"
    assert len(one_records) == 118, "the record with a wrong field is still read, for its other checks"
    assert two_records == one_records
    assert two_problems == one_problems
    found = [(Path(p.path).name, p.line, p.field, p.message.split(".")[0]) for p in one_problems]
    assert [(name, line, field) for name, line, field, _ in found] == [
        ("designing-school-nursing-together-17.md", 5, "status"),
        ("designing-school-nursing-together-17.md", 6, "(unknown field)"),
        ("focus-groups-on-respite-care-114.md", 89, "body"),
        ("reader-panel-review-of-the-cancer-support-centre-leaflets-59.md", 2, ""),
        ("designing-cervical-screening-together-2.md", 2, ""),
    ], found
    assert "phone number" in found[2][3]
