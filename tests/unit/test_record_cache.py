"""Records kept between `mkdocs serve` rebuilds: a file not written to since it was read is not
read again, and any write to it (even one that keeps its size and puts its time back) is seen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import yswd.content.load
from yswd.content.load import RecordCache
from yswd.content.records import Layout

EXAMPLE = Path(__file__).resolve().parents[2] / "content" / "engagements"


@pytest.fixture
def site(tmp_path: Path) -> tuple[Layout, list[Path]]:
    docs = tmp_path / "content"
    shutil.copytree(EXAMPLE, docs / "engagements")
    paths = sorted((docs / "engagements").rglob("*.md"))[:5]
    return Layout(root=tmp_path, docs_dir=docs, config_dir=tmp_path / "site_config"), paths


def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: (read.append(path), original(path))[1])
    return read


def title(cache: RecordCache, layout: Layout, path: Path) -> str:
    return cache.entries[layout.shown(path)][1].engagement.title


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files copied a moment ago count as written long ago."""
    monkeypatch.setattr(yswd.content.load, "SETTLED_NS", -10**12)


def test_a_file_not_written_to_is_not_read_again(site, settled, monkeypatch: pytest.MonkeyPatch) -> None:
    layout, paths = site
    cache = RecordCache()
    cache.read(paths, layout)
    read = reads(monkeypatch)
    cache.read(paths, layout)
    assert read == []


def test_a_write_that_keeps_the_size_and_the_time_is_still_seen(site, settled, monkeypatch: pytest.MonkeyPatch) -> None:
    layout, paths = site
    cache = RecordCache()
    cache.read(paths, layout)
    path = paths[0]
    before = path.stat()
    old = title(cache, layout, path)
    text = path.read_text(encoding="utf-8")
    new = "X" + old[1:]
    path.write_text(text.replace(f"title: {old}", f"title: {new}", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    read = reads(monkeypatch)
    cache.read(paths, layout)
    assert read == [path] and title(cache, layout, path) == new


def test_a_file_written_just_now_is_read_again_until_it_settles(site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A filesystem's clock can be coarser than a write, so a fresh file's stamp is not trusted."""
    layout, paths = site
    cache = RecordCache()
    cache.read(paths, layout)
    read = reads(monkeypatch)
    cache.read(paths, layout)
    assert read == paths
    monkeypatch.setattr(yswd.content.load, "SETTLED_NS", -10**12)
    cache.read(paths, layout)
    read.clear()
    cache.read(paths, layout)
    assert read == []
