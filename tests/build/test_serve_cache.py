"""`mkdocs serve` rebuilds reuse what did not change: records are not read again, pages not redrawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import yswd.content.load
import yswd.guards.personal_data
from conftest import BUILD_DATE, SiteFolder

SECOND = """---
title: Evening clinic times
type: survey
status: draft
start: 2025-02-01
---
"""


def record_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[str]:
    """Wrap `module.name` so that each call's file name is recorded in the returned list."""
    calls: list[str] = []
    original = getattr(module, name)

    def spy(path, *args, **kwargs):
        calls.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_serve_rebuild_reads_only_the_changed_record(site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
    site.record("evening.md", SECOND)
    out = tmp_path / "served"

    def config():
        return load_config(str(site.root / "mkdocs.yml"), site_dir=str(out))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)
    plugin = first.plugins["yswd"]
    assert len(plugin.generated.pages) > 5

    loaded = record_calls(monkeypatch, yswd.content.load, "load_engagement")
    scanned = record_calls(monkeypatch, yswd.guards.personal_data, "_scan_record")
    site.write("content/engagements/scan-times.md", site.read("content/engagements/scan-times.md").replace("Scan appointment times", "Scan appointment hours"))
    second = config()
    assert second.plugins["yswd"] is plugin, "MkDocs keeps a plugin with on_startup across serve rebuilds"
    build(second)

    assert loaded == ["scan-times.md"]
    assert scanned == ["scan-times.md"], "the personal-data guard scans only what changed"
    assert "Scan appointment hours" in (out / "engagements/scan-times/index.html").read_text(encoding="utf-8")
    assert "Scan appointment hours" in (out / "you-said-we-did/index.html").read_text(encoding="utf-8")
    first.plugins.on_shutdown()


def test_a_plain_build_keeps_no_page_cache(site: SiteFolder) -> None:
    config = load_config(str(site.root / "mkdocs.yml"), site_dir=str(site.root / "out"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    assert config.plugins["yswd"].generated.pages == {}
