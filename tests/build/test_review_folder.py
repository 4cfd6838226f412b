"""The reader panel's build goes only into its own folder, however the command is written.

Drafts in the public folder are a data leak, so every way the README and a hurried member of
staff would run the review build is tried here: from the site's folder, from another folder with
`-f` (relative and absolute), through `make review`, and with a custom public `site_dir`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_DATE, ROOT, SiteFolder

DRAFT_TITLE = "A draft the public must never see"
DRAFT = f"""---
title: {DRAFT_TITLE}
type: survey
status: draft
start: 2025-05-01
---
Draft story.
"""


@pytest.fixture
def site_with_draft(site: SiteFolder) -> SiteFolder:
    site.record("draft-only.md", DRAFT)
    return site


def assert_review_build_in_its_own_folder(site: SiteFolder, public: str = "site") -> None:
    review = site.root / "site-review"
    assert (review / "engagements" / "draft-only" / "index.html").is_file()
    assert (review / "robots.txt").is_file()
    public_dir = site.root / public
    leaked = [p for p in public_dir.rglob("*") if p.is_file() and DRAFT_TITLE.encode() in p.read_bytes()] if public_dir.exists() else []
    assert leaked == []
    assert not (public_dir / "engagements" / "draft-only").exists()


def test_yswd_build_review_from_the_site_folder(site_with_draft: SiteFolder) -> None:
    result = site_with_draft.yswd("build", "--audience", "review")
    assert result.returncode == 0, result.stderr
    assert_review_build_in_its_own_folder(site_with_draft)
    assert not (site_with_draft.root / "site").exists()


@pytest.mark.parametrize("how", ["relative", "absolute"])
def test_yswd_build_review_from_another_folder_with_f(site_with_draft: SiteFolder, tmp_path: Path, how: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = site_with_draft.root / "mkdocs.yml"
    named = str(config) if how == "absolute" else str(Path("..") / site_with_draft.root.name / "mkdocs.yml")
    result = subprocess.run(
        [sys.executable, "-m", "yswd", "build", "--audience", "review", "-f", named],
        cwd=elsewhere, capture_output=True, text=True, env={**_env(), "SOURCE_DATE_EPOCH": BUILD_DATE},
    )
    assert result.returncode == 0, result.stderr
    assert_review_build_in_its_own_folder(site_with_draft)
    assert not (site_with_draft.root / "site").exists()
    assert list(elsewhere.iterdir()) == []


def test_review_build_with_a_custom_public_site_dir(site_with_draft: SiteFolder) -> None:
    site_with_draft.write("mkdocs.yml", site_with_draft.read("mkdocs.yml") + "site_dir: public\n")
    assert site_with_draft.yswd("build").returncode == 0
    result = site_with_draft.yswd("build", "--audience", "review")
    assert result.returncode == 0, result.stderr
    assert_review_build_in_its_own_folder(site_with_draft, public="public")


def test_plain_mkdocs_with_the_audience_variable(site_with_draft: SiteFolder) -> None:
    result = site_with_draft.mkdocs("build", "-f", "mkdocs.yml", env={"YSWD_AUDIENCE": "review"})
    assert result.returncode == 0, result.stderr
    assert_review_build_in_its_own_folder(site_with_draft)


def test_site_dir_option_naming_the_public_folder_is_an_error(site_with_draft: SiteFolder) -> None:
    result = site_with_draft.mkdocs("build", "-d", "site", env={"YSWD_AUDIENCE": "review"})
    assert result.returncode == 1
    assert (
        "A review build was asked to write into the public site folder (site). "
        "The review build always goes into site-review: leave out --site-dir (-d)."
    ) in result.stderr
    assert not (site_with_draft.root / "site").exists()


@pytest.mark.parametrize("review_dir", ["site", "./site/", "site/review"])
def test_review_site_dir_in_the_public_folder_is_an_error(site_with_draft: SiteFolder, review_dir: str) -> None:
    mkdocs_yml = site_with_draft.read("mkdocs.yml").replace("  - yswd\n", f"  - yswd:\n      review_site_dir: {review_dir}\n")
    site_with_draft.write("mkdocs.yml", mkdocs_yml)
    result = site_with_draft.yswd("build", "--audience", "review")
    assert result.returncode == 1
    assert "The review build would be written into the public site folder (site)." in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site_with_draft.root / "site").exists()


def test_make_review_builds_into_site_review(tmp_path: Path) -> None:
    """`make review` as the README writes it, on a copy of the repository's example."""
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in ("Makefile", "pyproject.toml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, copy / name)
    for folder in ("content", "site_config"):
        shutil.copytree(ROOT / folder, copy / folder)
    venv = Path(sys.prefix)
    # -o: treat the installed yswd as up to date, so make never reinstalls into this environment.
    result = subprocess.run(
        ["make", "review", f"VENV={venv}", "-o", f"{venv}/bin/yswd"],
        cwd=copy, capture_output=True, text=True, env={**_env(), "SOURCE_DATE_EPOCH": BUILD_DATE},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (copy / "site-review" / "review" / "index.html").is_file()
    assert not (copy / "site").exists()


def _env() -> dict[str, str]:
    return dict(os.environ)
