"""Shared fixtures: real site folders on disk, real commands, real builds."""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from yswd.guards.checking import load_and_check
from yswd.content.records import Content, Layout

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
BUILD_DATE = "1764547200"  # 1 December 2025, 00:00 UTC: every test build has the same "today"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class SiteFolder:
    """A site repository in a temporary folder, with helpers to change, check and build it."""

    root: Path

    @property
    def layout(self) -> Layout:
        return Layout(root=self.root, docs_dir=self.root / "content", config_dir=self.root / "site_config")

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def record(self, name: str, text: str | bytes) -> Path:
        """Write an engagement record at content/engagements/<name>."""
        return self.write(f"content/engagements/{name}", text)

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def check(self) -> Content:
        return load_and_check(self.layout)

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run a command in the site folder, as staff would, with the test build date."""
        full_env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE, **(env or {})}
        return subprocess.run(args, cwd=self.root, env=full_env, capture_output=True, text=True, timeout=600)

    def yswd(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return self.run(sys.executable, "-m", "yswd", *args, env=env)

    def mkdocs(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return self.run(sys.executable, "-m", "mkdocs", *args, env=env)


def page_text(site: Path, url: str) -> str:
    """A built page's words as a reader sees them: no scripts or styles, inline tags joined up,
    blocks apart, spaces collapsed."""
    markup = (site / url / "index.html").read_text(encoding="utf-8")
    markup = re.sub(r"(?s)<(script|style)\b.*?</\1>", "", markup)
    blocks = re.sub(r"<(p|li|td|th|h\d|dt|dd|tr)\b", r" <\1", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", blocks)).split())


def list_item_tags(reader) -> list[tuple[str, ...]]:
    """For each list item in a tagged PDF (a pypdf reader), the tags of its children: PDF/UA
    wants its number (Lbl) and its content in one body (LBody)."""
    def kids(node) -> list:
        found = node.get("/K")
        found = found if isinstance(found, list) else [] if found is None else [found]
        return [kid.get_object() if hasattr(kid, "get_object") else kid for kid in found]

    items, nodes = [], [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while nodes:
        node = nodes.pop()
        if isinstance(node, dict):
            if node.get("/S") == "/LI":
                items.append(tuple(str(kid.get("/S")) if isinstance(kid, dict) else "content" for kid in kids(node)))
            nodes.extend(kids(node))
    return items


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file of a folder by path, with a hash of its bytes: two equal digests are the same site."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def site(tmp_path: Path) -> SiteFolder:
    """A small valid site: one published record, settings and a strategy."""
    shutil.copytree(MINIMAL, tmp_path / "site")
    return SiteFolder(tmp_path / "site")


BARE_MKDOCS_YML = """\
site_name: NHS Fennick Vale ICB
theme: material
plugins: [yswd]
docs_dir: content
"""
"""The least mkdocs.yml a new site would write: no theme settings or overrides of its own."""


@pytest.fixture(scope="session")
def example_public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once for the public with `mkdocs build --strict`."""
    return _build_example(tmp_path_factory, "public")


@pytest.fixture(scope="session")
def example_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once for the reader panel."""
    return _build_example(tmp_path_factory, "review")


def git_env(day: str) -> dict[str, str]:
    """Git run apart from the machine's settings, with every date fixed: the same commits every time."""
    stamp = f"{day}T12:00:00+00:00"
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Engagement team",
        "GIT_AUTHOR_EMAIL": "team@example.nhs.uk",
        "GIT_COMMITTER_NAME": "Engagement team",
        "GIT_COMMITTER_EMAIL": "team@example.nhs.uk",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }


def git(folder: Path, *args: str, day: str = "2025-01-01") -> str:
    result = subprocess.run(["git", *args], cwd=folder, env=git_env(day), capture_output=True, text=True, check=True)
    return result.stdout


def commit_all(folder: Path, message: str, day: str) -> str:
    """Commit everything in `folder` (a repository is made if there is none); the commit's id."""
    if not (folder / ".git").exists():
        git(folder, "init", "-q", "-b", "main")
        (folder / ".gitignore").write_text("site/\nsite-review/\n", encoding="utf-8")
    git(folder, "add", "-A", day=day)
    git(folder, "commit", "-q", "-m", message, day=day)
    return git(folder, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def bare_public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's records and settings under BARE_MKDOCS_YML, built once for the public.

    Every kind of page is there, at the same addresses as in the example; everything about
    how they look and work comes from the package, since the site has no theme settings.
    """
    return _build_example(tmp_path_factory, "public", BARE_MKDOCS_YML)


def _build_example(tmp_path_factory: pytest.TempPathFactory, audience: str, mkdocs_yml: str | None = None) -> Path:
    """The example, committed to a git repository as staff would keep it, so pages carry their history."""
    copy = tmp_path_factory.mktemp(f"example-{audience}" if mkdocs_yml is None else f"bare-{audience}")
    for name in ("content", "site_config"):
        shutil.copytree(ROOT / name, copy / name)
    if mkdocs_yml is None:
        shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    else:
        (copy / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    commit_all(copy, "Publish the example site", "2025-11-03")
    folder = SiteFolder(copy)
    result = folder.mkdocs("build", "--strict", env={"YSWD_AUDIENCE": audience})
    assert result.returncode == 0, result.stderr
    return copy / ("site" if audience == "public" else "site-review")
