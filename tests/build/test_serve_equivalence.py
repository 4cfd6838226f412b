"""A `mkdocs serve` rebuild that reuses unchanged pages gives the same site as a clean build.

Each edit is made to a small synthetic site, rebuilt the way `mkdocs serve` rebuilds (the same
plugin instance, into the folder it is serving), then compared byte for byte with a clean
build of the same files: navigation, hubs, listings, figures, open data and the sitemap.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import BUILD_DATE
from site_trees import assert_same_tree, pages_drawn, published, synthetic_site, tree
from test_serve import Served as Server
from yswd.tools.synth import synthesise

SERVE_URL = "http://127.0.0.1:8000/"


class Served:
    """A site rebuilt as `mkdocs serve` does, beside a clean build of the same files."""

    def __init__(self, root: Path, work: Path):
        self.root = root
        self.served = work / "served"
        self.clean = work / "clean"

    def _build(self, out: Path, fresh: bool):
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(out))
        config.site_url = SERVE_URL
        if fresh:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=SERVE_URL)
        return config.plugins["yswd"]

    def start(self) -> None:
        self._build(self.served, fresh=True)

    def rebuild_and_compare(self) -> set[str]:
        """Rebuild the served folder, compare it with a clean build; the pages reused."""
        plugin = self._build(self.served, fresh=False)
        reused = set(plugin.finished_pages.reused.pages)
        self._build(self.clean, fresh=True)
        assert_same_tree(self.served, self.clean)
        return reused


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Served:
    with synthetic_site(tmp_path_factory, "serve", 36, seed=3) as (root, work, _):
        site = Served(root, work)
        site.start()
        yield site


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)


def test_an_edited_title_is_redrawn_everywhere_and_nothing_else_is(served: Served) -> None:
    record = published(served.root)[3]
    record.write_text(re.sub(r"^title: .*$", 'title: "Edited for the test"', record.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    reused = served.rebuild_and_compare()
    assert len(reused) > 40, "unchanged pages are reused, not drawn again"
    record_id = re.search(r"^id: (.*)$", record.read_text(encoding="utf-8"), flags=re.M)
    assert f"engagements/{record_id[1] if record_id else record.stem}.md" not in reused


SUMMARIES = ("reports/", "ways-to-take-part/", "strategy/", "data/", "accessibility/")
"""Pages drawn from figures over many records, or from the settings alone."""


def test_an_edit_redraws_only_the_reports_ways_and_strategy_pages_that_show_the_record(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    record = published(served.root)[6]
    title = "Retitled for the summaries test"
    record.write_text(re.sub(r"^title: .*$", f'title: "{title}"', record.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    with pages_drawn(monkeypatch) as drawing:
        served._build(served.served, fresh=False)
    drawn = set(drawing)
    served._build(served.clean, fresh=True)
    assert_same_tree(served.served, served.clean)
    shows, hides = set(), set()
    for page in served.clean.rglob("index.html"):
        src_uri = page.relative_to(served.clean).with_suffix(".md").as_posix()
        if src_uri.startswith(SUMMARIES):
            (shows if title in page.read_text(encoding="utf-8") else hides).add(src_uri)
    assert shows and len(hides) > 5
    assert shows <= drawn, "a page showing the new title was drawn again"
    everything = {"reports/index.md"}  # its context is every year's report, so every edit draws it
    assert not (hides - everything) & drawn, sorted(hides & drawn)


def test_moving_a_record_to_another_year_and_topic_redraws_hubs_and_listings(served: Served) -> None:
    record = published(served.root)[5]
    text = record.read_text(encoding="utf-8")
    text = re.sub(r"^start: .*$", "start: 2019-05-01", text, count=1, flags=re.M)
    text = re.sub(r"^topics: .*$", "topics: [mental-health]", text, count=1, flags=re.M)
    record.write_text(text, encoding="utf-8")
    served.rebuild_and_compare()


def test_adding_and_deleting_records_while_serving(served: Served) -> None:
    source = published(served.root)[7]
    copy = source.with_name("a-new-record-for-the-test.md")
    copy.write_text(source.read_text(encoding="utf-8").replace("\ntitle: ", "\nid: a-new-record-for-the-test\ntitle: ", 1), encoding="utf-8")
    served.rebuild_and_compare()
    assert (served.served / "engagements/a-new-record-for-the-test/index.html").is_file()
    copy.unlink()
    published(served.root)[0].unlink()
    served.rebuild_and_compare()
    assert not (served.served / "engagements/a-new-record-for-the-test").exists()


def test_unpublishing_a_record_removes_it_from_the_served_site(served: Served) -> None:
    record = published(served.root)[2]
    record.write_text(record.read_text(encoding="utf-8").replace("\nstatus: published\n", "\nstatus: draft\n", 1), encoding="utf-8")
    served.rebuild_and_compare()


def test_a_settings_change_redraws_every_page(served: Served) -> None:
    settings = served.root / "site_config/organisation.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    served.rebuild_and_compare()
    mkdocs_yml = served.root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace("site_name: \"", "site_name: \"Renamed ", 1), encoding="utf-8")
    assert served.rebuild_and_compare() == set(), "a new site name is on every page"


def test_a_broken_edit_then_its_fix(served: Served) -> None:
    record = published(served.root)[4]
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("\nstatus: published\n", "\nstatus: publishd\n", 1), encoding="utf-8")
    config = load_config(str(served.root / "mkdocs.yml"), site_dir=str(served.served))
    with pytest.raises(Exception):
        build(config, serve_url=SERVE_URL)
    record.write_text(good.replace("\ntitle: ", "\ntitle: Fixed ", 1), encoding="utf-8")
    served.rebuild_and_compare()


def test_a_real_yswd_serve_matches_a_clean_build_after_an_edit_an_addition_and_a_deletion(tmp_path: Path) -> None:
    """The same, through a real `yswd serve` (its file watcher, its rebuilds, its HTTP server)."""
    root = tmp_path / "site"
    synthesise(root, 12, seed=4)
    server = Server(SimpleNamespace(root=root))
    try:
        first, second = published(root)[:2]
        edited = re.sub(r"^title: .*$", 'title: "Edited while serving"', first.read_text(encoding="utf-8"), count=1, flags=re.M)
        after = len(server.lines)
        first.write_text(edited, encoding="utf-8")
        server.wait_for("Reloading browsers", after)
        assert_served_as_built(server, root, tmp_path / "clean-1")
        added = second.with_name("added-while-serving.md")
        after = len(server.lines)
        added.write_text(second.read_text(encoding="utf-8").replace("\ntitle: ", "\nid: added-while-serving\ntitle: ", 1), encoding="utf-8")
        server.wait_for("Reloading browsers", after)
        assert "added-while-serving" in assert_served_as_built(server, root, tmp_path / "clean-2")
        gone = re.search(r"^id: (.*)$", second.read_text(encoding="utf-8"), flags=re.M)
        gone_id = gone[1] if gone else second.stem
        after = len(server.lines)
        second.unlink()
        server.wait_for("Reloading browsers", after)
        built = assert_served_as_built(server, root, tmp_path / "clean-3")
        assert "added-while-serving" in built and f"engagements/{gone_id}/" not in built
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}/engagements/{gone_id}/", timeout=10)
    finally:
        server.stop()


def assert_served_as_built(server: Server, root: Path, out: Path) -> str:
    """Every file of a clean build of the same files, fetched from the server, is the same
    (bar the reload script the server adds to each page); the clean build's home page."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(out))
    config.site_url = f"http://127.0.0.1:{server.port}/"
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=config.site_url)
    config.plugins.on_shutdown()
    different = []
    for name, want in tree(out).items():
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/{name}", timeout=10) as response:
            got = response.read()
        if name.endswith(".html") and want != got:
            end = want.rindex(b"</body>")
            reload_script = got[end : len(got) - (len(want) - end)]
            got = want if got.startswith(want[:end]) and got.endswith(want[end:]) and reload_script.startswith(b"<script>") else got
        if got != want:
            different.append(name)
    assert different == [], different[:10]
    return (out / "index.html").read_text(encoding="utf-8") + (out / "data/engagements.json").read_text(encoding="utf-8")
