"""Warm builds (the build cache in .cache/yswd/) give exactly what a cold build gives.

Each test changes a small synthetic site (a record, a record's status, the settings, the
strategy, a theme template, yswd's version), builds it warm (with the cache the last build
left) and cold (YSWD_CACHE=off), and compares the two output trees byte for byte, the search
index included.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import yswd
import yswd.site.search
from conftest import BUILD_DATE, SiteFolder
from site_trees import assert_same_tree, pages_drawn, published, synthetic_site, tree
from yswd.mkdocs_plugin.build_cache import FOLDER, code_version
from yswd.mkdocs_plugin.disk_cache import DiskCache, PackedParts
from yswd.mkdocs_plugin.plugin import YouSaidWeDidPlugin
from yswd.site.search import _Pagefind
from yswd.tools.synth import synthesise


class Builds:
    def __init__(self, root: Path, work: Path):
        self.root, self.work = root, work

    def build(self, name: str, monkeypatch: pytest.MonkeyPatch, cache: bool = True, parallel: bool | None = None) -> Path:
        """A build as a new `mkdocs build` process makes it (caches in memory start empty)."""
        out = self.work / name
        shutil.rmtree(out, ignore_errors=True)
        monkeypatch.setenv("YSWD_CACHE", "on" if cache else "off")
        if parallel is not None:
            monkeypatch.setenv("YSWD_PARALLEL", "on" if parallel else "off")
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(out))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        return out

    def compare(self, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int]:
        """A warm build, checked against a cold one; the warm build's output and pages drawn."""
        warm, drawn, _ = self.compare_drawn(monkeypatch)
        return warm, drawn

    def compare_drawn(self, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int, int]:
        """A warm build, checked against a cold one; the warm output, and the pages each drew."""
        with pages_drawn(monkeypatch) as drawn:
            warm = self.build("warm", monkeypatch)
            warm_drawn = len(drawn)
            cold = self.build("cold", monkeypatch, cache=False)
        assert_same_tree(warm, cold)
        return warm, warm_drawn, len(drawn) - warm_drawn


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    with synthetic_site(tmp_path_factory, "warm", 40, seed=5) as (root, work, patch):
        site = Builds(root, work)
        site.build("first", patch)
    return site


def test_a_warm_build_draws_only_what_changed_and_matches_a_cold_build(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    record = published(builds.root)[2]
    record.write_text(record.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Warm ", 1), encoding="utf-8")
    _, drawn = builds.compare(monkeypatch)
    assert 0 < drawn < 40, "unchanged pages come from the cache"


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_pages_drawn_on_two_cores_are_the_pages_drawn_on_one(builds: Builds, monkeypatch: pytest.MonkeyPatch, cache: bool) -> None:
    """site/drawing.py shares the pages between two processes (this machine's cores permitting)."""
    shutil.rmtree(builds.root / FOLDER, ignore_errors=True)
    two = builds.build("two-cores", monkeypatch, cache=cache, parallel=True)
    shutil.rmtree(builds.root / FOLDER, ignore_errors=True)
    one = builds.build("one-core", monkeypatch, cache=cache, parallel=False)
    assert_same_tree(two, one)


def test_a_record_made_draft_is_gone_everywhere_from_a_warm_build(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    builds.build("before", monkeypatch)
    record = published(builds.root)[0]
    found = re.search(r"^id: (.*)$", record.read_text(encoding="utf-8"), flags=re.M)
    record_id = found[1] if found else record.stem
    assert (builds.work / "before" / "engagements" / record_id / "index.html").is_file()
    record.write_text(record.read_text(encoding="utf-8").replace("\nstatus: published\n", "\nstatus: draft\n", 1), encoding="utf-8")
    warm, _ = builds.compare(monkeypatch)
    assert not (warm / "engagements" / record_id).exists()
    everything = tree(warm)
    mentions = [name for name, data in everything.items() if f"engagements/{record_id}".encode() in data or record_id.encode() in data]
    assert mentions == [], mentions


def test_a_settings_change_reaches_every_page_of_a_warm_build(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = builds.root / "site_config/organisation.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("\nname: ", "\nname: Renamed ", 1), encoding="utf-8")
    assert settings.read_text(encoding="utf-8") != text
    builds.compare(monkeypatch)


def test_a_strategy_change_reaches_a_warm_build(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    strategy = builds.root / "content/strategy.yml"
    text = strategy.read_text(encoding="utf-8")
    assert "\n    name: Reader panel\n" in text
    strategy.write_text(text.replace("\n    name: Reader panel\n", "\n    name: Panel of volunteer readers\n", 1), encoding="utf-8")
    warm, _ = builds.compare(monkeypatch)
    assert "Panel of volunteer readers" in (warm / "ways-to-take-part/index.html").read_text(encoding="utf-8")


def test_a_theme_template_change_reaches_every_page_of_a_warm_build(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    mkdocs_yml = builds.root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1), encoding="utf-8")
    template = builds.root / "overrides/main.html"
    template.parent.mkdir(exist_ok=True)
    template.write_text('{% extends "yswd-base.html" %}\n{% block announce %}First notice{% endblock %}\n', encoding="utf-8")
    builds.build("with-template", monkeypatch)
    template.write_text('{% extends "yswd-base.html" %}\n{% block announce %}Second notice{% endblock %}\n', encoding="utf-8")
    warm, _ = builds.compare(monkeypatch)
    pages = [text for name, text in tree(warm).items() if name.endswith(".html")]
    assert not any(b"First notice" in page for page in pages)
    assert sum(b"Second notice" in page for page in pages) > 40


def test_a_new_yswd_version_uses_nothing_from_the_cache(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    builds.build("before-upgrade", monkeypatch)
    _, warm_drawn, cold_drawn = builds.compare_drawn(monkeypatch)
    assert warm_drawn < cold_drawn, "the same version reuses what it drew"
    monkeypatch.setattr(yswd, "__version__", "99.0.0")
    code_version.cache_clear()
    try:
        _, warm_drawn, cold_drawn = builds.compare_drawn(monkeypatch)
    finally:
        code_version.cache_clear()
    assert warm_drawn == cold_drawn, "a cache made by another version of yswd is not used"


def test_a_corrupt_or_truncated_cache_is_ignored(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    builds.build("fill", monkeypatch)
    folder = builds.root / FOLDER
    for path in folder.iterdir():
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    builds.compare(monkeypatch)
    for pack in folder.glob("*.pack.*"):
        data = bytearray(pack.read_bytes())
        for at in range(0, len(data), max(1, len(data) // 50)):
            data[at] ^= 0x55  # flip bits in many entries, leaving the index readable
        pack.write_bytes(bytes(data))
    (folder / "records.json").write_text("{not json", encoding="utf-8")
    builds.compare(monkeypatch)


def test_no_cache_is_written_with_the_cache_off(site: SiteFolder) -> None:
    result = site.yswd("build", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert not (site.root / ".cache").exists()
    result = site.mkdocs("build", env={"YSWD_CACHE": "off"})
    assert result.returncode == 0, result.stderr
    assert not (site.root / ".cache").exists()
    assert site.mkdocs("build").returncode == 0
    assert (site.root / FOLDER / "records.json").is_file()


def test_pages_wait_in_the_cache_between_the_passes_and_are_drawn_again_if_it_cannot_give_them(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between MkDocs' two passes a generated page's HTML waits in the cache's pack, not in memory;
    a page the pack can't give back is drawn again, and the site is the same either way."""
    held: list[str] = []
    original = YouSaidWeDidPlugin.on_env

    def note(plugin, env, *, config, files):
        held.extend(file.page.content for file in files.documentation_pages() if file.page is not None and file.page.content)
        return original(plugin, env, config=config, files=files)

    with monkeypatch.context() as patch:
        patch.setattr(YouSaidWeDidPlugin, "on_env", note)
        builds.build("warm", monkeypatch)
    assert sum(text.startswith("<!-- yswd:page-html ") for text in held) > 0.9 * len(held)
    builds.compare(monkeypatch)
    shutil.rmtree(builds.root / FOLDER)
    monkeypatch.setattr(DiskCache, "page_html", lambda cache, fingerprint: None)
    builds.compare(monkeypatch)


def test_an_action_status_change_that_moves_no_engagement_reaches_the_status_pages(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    """The status pages count actions as well as engagements, so a change of one action's status
    that leaves every status with the same engagements still reaches them."""
    for record in published(builds.root):
        text = record.read_text(encoding="utf-8")
        statuses = re.findall(r"^    status: (planned|in-progress)$", text, flags=re.M)
        if statuses.count("planned") >= 2 and "in-progress" in statuses:
            record.write_text(text.replace("\n    status: planned\n", "\n    status: in-progress\n", 1), encoding="utf-8")
            break
    else:
        pytest.skip("no record with two planned actions and one in progress")
    warm, _ = builds.compare(monkeypatch)
    assert "actions in" in (warm / "action-status/index.html").read_text(encoding="utf-8")


def finished_outputs(root: Path) -> set[str]:
    """The keys of the finished pages the build cache holds (the pack's index, build_cache.py)."""
    entries = json.loads((root / FOLDER / "pages-public.pack").read_bytes())["entries"]
    return {key for key in entries if key.startswith("out:")}


def test_finished_pages_are_reused_whatever_the_process_hash_seed(tmp_path: Path) -> None:
    """A page's key once took in a set's order, which each process draws afresh: a new
    `mkdocs build` then drew every page through the theme again about one time in two."""
    root = tmp_path / "site"
    synthesise(root, 12, seed=3)
    site = SiteFolder(root)
    kept = []
    for seed in ("1", "2", "3"):
        result = site.mkdocs("build", env={"PYTHONHASHSEED": seed, "YSWD_CACHE": "on"})
        assert result.returncode == 0, result.stderr
        kept.append(finished_outputs(root))
    assert kept[0] and kept[0] == kept[1] == kept[2], "each build found every finished page under the same key"


def test_the_search_index_is_kept_part_by_part_and_indexed_again_only_where_pages_changed(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm build runs Pagefind only for the parts of the index that hold a changed page, and
    takes the rest from the cache; a kept part that does not read back whole is made again."""
    monkeypatch.setattr(yswd.site.search, "PAGES_PER_PART", 7)
    builds.build("parts", monkeypatch)
    started: list[str] = []
    end = _Pagefind.end

    def counted(pagefind):
        started.append(pagefind.part.output.name)
        end(pagefind)

    monkeypatch.setattr(_Pagefind, "end", counted)
    unchanged = builds.build("unchanged", monkeypatch)
    assert started == [], "nothing changed: every part comes from the cache"
    parts = 1 + len(list(unchanged.glob("pagefind-*")))
    assert parts >= 4
    record = published(builds.root)[5]
    record.write_text(record.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Searched ", 1), encoding="utf-8")
    warm = builds.build("warm", monkeypatch)
    assert 0 < len(started) < parts, started
    assert_same_tree(warm, builds.build("cold", monkeypatch, cache=False))

    restore = PackedParts.restore

    def damaged(kept, key, folder):
        found = restore(kept, key, folder)
        if found:
            fragment = sorted((folder / "fragment").iterdir())[0]
            fragment.write_bytes(fragment.read_bytes()[:20])
        return found

    monkeypatch.setattr(PackedParts, "restore", damaged)
    started.clear()
    again = builds.build("damaged", monkeypatch)
    assert len(started) == parts, "every part was made again"
    assert_same_tree(again, warm)
