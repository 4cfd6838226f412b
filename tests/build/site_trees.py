"""What the tests of rebuilds share: a synthetic site under the fixed build date, its records,
the pages a build draws, and two output trees compared byte for byte."""

from __future__ import annotations

import filecmp
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

import yswd.site.render
from conftest import BUILD_DATE
from yswd.tools.synth import synthesise


@contextmanager
def synthetic_site(tmp_path_factory: pytest.TempPathFactory, name: str, records: int, seed: int) -> Iterator[tuple[Path, Path, pytest.MonkeyPatch]]:
    """A new synthetic site (`work/site`), its work folder, and a patch that holds the build date
    for the tests of one module."""
    work = tmp_path_factory.mktemp(name)
    synthesise(work / "site", records, seed=seed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
        yield work / "site", work, patch


@contextmanager
def pages_drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The source of every page the renderer draws while the block runs, in order: all drawn
    in this process (YSWD_PARALLEL=off), as a helper process's drawing is not seen here."""
    drawn: list[str] = []
    original = yswd.site.render.PageRenderer.render

    def spy(renderer, spec, src_uri):
        drawn.append(src_uri)
        return original(renderer, spec, src_uri)

    with monkeypatch.context() as patch:
        patch.setattr(yswd.site.render.PageRenderer, "render", spy)
        patch.setenv("YSWD_PARALLEL", "off")
        yield drawn


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_tree(served: Path, clean: Path) -> None:
    mismatch = filecmp.dircmp(served, clean)
    got, want = tree(served), tree(clean)
    assert sorted(got) == sorted(want), (set(got) ^ set(want), mismatch.report())
    different = [name for name in want if got[name] != want[name]]
    assert different == [], different[:10]


def records(root: Path) -> list[Path]:
    return sorted((root / "content/engagements").rglob("*.md"))


def published(root: Path) -> list[Path]:
    return [p for p in records(root) if "\nstatus: published\n" in p.read_text(encoding="utf-8")]
