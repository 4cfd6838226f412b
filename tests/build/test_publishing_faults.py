"""Faults while a build is put in place: at every instant the site is the old one or the new one, whole.

Each fault runs in a real process of its own (tests/build/fault_injection.py): a SIGKILL at a
named step of the swap, a rename the system refuses, a search index cut short. After each,
the site folder must hold exactly the old site or exactly the new one, and be served.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import BUILD_DATE, MINIMAL, SiteFolder, tree_digest

INJECT = Path(__file__).resolve().parent / "fault_injection.py"
RECORD = "content/engagements/scan-times.md"
OLD_TITLE, NEW_TITLE = "Scan appointment times", "Scan appointment hours"
CHANGED = "The new site was built but could not be put in place of"


def _litter(site: SiteFolder) -> list[str]:
    return sorted(p.name for p in site.root.iterdir() if p.name.startswith(".site"))


def _served_title(folder: Path) -> str:
    """The record page's title as a web server serving `folder` sends it."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/engagements/scan-times/"
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()
    return page.split("<title>", 1)[1].split(" - ", 1)[0]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[dict[str, str], dict[str, str]]:
    """The digests of the old and the new site, from clean builds of each version."""
    digests = []
    for title in (OLD_TITLE, NEW_TITLE):
        folder = SiteFolder(tmp_path_factory.mktemp("reference") / "site")
        shutil.copytree(MINIMAL, folder.root)
        folder.write(RECORD, folder.read(RECORD).replace(OLD_TITLE, title))
        assert folder.mkdocs("build").returncode == 0
        digests.append(tree_digest(folder.root / "site"))
    assert digests[0] != digests[1]
    return digests[0], digests[1]


def _inject(site: SiteFolder, step: str) -> subprocess.CompletedProcess:
    site.write(RECORD, site.read(RECORD).replace(OLD_TITLE, NEW_TITLE))
    return site.run(sys.executable, str(INJECT), step)


def _fails_keeping_the_old_site(site: SiteFolder, sites, step: str) -> str:
    """Build, then build a change with a fault at `step`: it fails with a plain message (its
    stderr, returned), leaving the old site whole and no half-built folder behind."""
    assert site.mkdocs("build").returncode == 0
    result = _inject(site, step)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert tree_digest(site.root / "site") == sites[0]
    assert _litter(site) == []
    return result.stderr


KILLS = {
    "kill_before_exchange": "old",
    "kill_while_indexing": "old",
    "kill_after_exchange": "new",
    "kill_while_removing_the_old_site": "new",
}


@pytest.mark.parametrize("step", sorted(KILLS))
def test_a_kill_during_the_swap_leaves_a_whole_site_that_is_served(site: SiteFolder, sites, step: str) -> None:
    old, new = sites
    assert site.mkdocs("build").returncode == 0
    result = _inject(site, step)
    assert result.returncode == -9, result.stderr
    expected = {"old": old, "new": new}[KILLS[step]]
    assert tree_digest(site.root / "site") == expected
    assert _served_title(site.root / "site") == {"old": OLD_TITLE, "new": NEW_TITLE}[KILLS[step]]

    again = site.mkdocs("build")
    assert again.returncode == 0, again.stderr
    assert tree_digest(site.root / "site") == new
    assert _litter(site) == [], "the killed build's folder was not cleared"


def test_a_kill_between_two_renames_is_repaired_by_the_next_build(site: SiteFolder, sites) -> None:
    """Where the file system can't exchange folders, the old site is set aside for one instant."""
    old, new = sites
    assert site.mkdocs("build").returncode == 0
    assert _inject(site, "kill_between_the_two_renames").returncode == -9
    assert tree_digest(site.root / ".site.yswd-old") == old

    again = site.mkdocs("build")
    assert again.returncode == 0, again.stderr
    assert tree_digest(site.root / "site") == new
    assert _litter(site) == []


def test_without_an_atomic_exchange_the_two_renames_still_publish(site: SiteFolder, sites) -> None:
    assert site.mkdocs("build").returncode == 0
    result = _inject(site, "no_exchange")
    assert result.returncode == 0, result.stderr
    assert tree_digest(site.root / "site") == sites[1]
    assert _litter(site) == []


REFUSED = {
    "exchange_fails_eacces": "permission denied",
    "exchange_fails_eperm": "the system does not allow it",
    "exchange_fails_exdev": "it is on another disk, or is a mount point",
    "second_rename_fails_exdev": "it is on another disk, or is a mount point",
}


@pytest.mark.parametrize("step", sorted(REFUSED))
def test_a_refused_rename_is_a_plain_error_and_keeps_the_old_site(site: SiteFolder, sites, step: str) -> None:
    stderr = _fails_keeping_the_old_site(site, sites, step)
    assert f"Error: {CHANGED} {site.root / 'site'} ({REFUSED[step]}). The old site is unchanged: fix the folder's permissions and build again." in stderr


BROKEN_INDEX = {
    "index_cut_short": "These files are missing or cut short: en_",
    "index_entry_missing": "Its list of contents (pagefind-entry.json) is missing or unreadable.",
    "index_page_missing": "It holds 1 of the 2 pages that should be searchable.",
    "pagefind_fails": "Pagefind could not build the search index:",
}


@pytest.mark.parametrize("step", sorted(BROKEN_INDEX))
def test_a_broken_search_index_fails_the_build_and_keeps_the_old_site(site: SiteFolder, sites, step: str) -> None:
    assert BROKEN_INDEX[step] in _fails_keeping_the_old_site(site, sites, step)


def test_two_builds_at_once_each_use_their_own_folder(site: SiteFolder, sites) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE}
    command = [sys.executable, "-m", "mkdocs", "build"]
    builds = [
        subprocess.Popen(command, cwd=site.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [build.communicate(timeout=300) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    folders = {line.rsplit(": ", 1)[1] for _, err in outputs for line in err.splitlines() if "Building documentation to directory" in line}
    assert len(folders) == 2
    assert tree_digest(site.root / "site") == sites[0]
    assert _litter(site) == []


def test_a_site_folder_that_is_a_symlink_updates_the_folder_it_points_to(site: SiteFolder, sites) -> None:
    web_root = site.root.parent / "www" / "html"
    web_root.mkdir(parents=True)
    (web_root / "stale.html").write_text("old")
    (site.root / "site").symlink_to(web_root)

    assert site.mkdocs("build").returncode == 0
    assert (site.root / "site").is_symlink() and (site.root / "site").resolve() == web_root
    assert tree_digest(web_root) == sites[0]
    assert sorted(p.name for p in web_root.parent.iterdir()) == ["html"]
