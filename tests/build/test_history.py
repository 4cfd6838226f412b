"""Each record's history from git, through real repositories and real builds: renames, a draft
period that must not show, a shallow clone, no git at all, and commit subjects as untrusted text."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import SiteFolder, commit_all, git

RECORD = "content/engagements/scan-times.md"
NHS_NUMBER = "943 476 5919"  # a valid check digit


def commit(site: SiteFolder, message: str, day: str) -> str:
    return commit_all(site.root, message, day)


def set_status(site: SiteFolder, status: str, path: str = RECORD) -> None:
    text = re.sub(r"^status: \w+", f"status: {status}", site.read(path), count=1, flags=re.M)
    site.write(path, text)


def edit(site: SiteFolder, words: str, path: str = RECORD) -> None:
    site.write(path, site.read(path) + f"\n{words}\n")


def text_of(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def build(site: SiteFolder, audience: str = "public", env: dict | None = None) -> tuple[Path, str]:
    result = site.mkdocs("build", "--strict", env={"YSWD_AUDIENCE": audience, **(env or {})})
    assert result.returncode == 0, result.stderr
    return site.root / ("site" if audience == "public" else "site-review"), result.stderr


def history_of(out: Path, record_id: str) -> dict | None:
    data = json.loads((out / "data/engagements.json").read_text(encoding="utf-8"))
    return next(r for r in data["records"] if r["id"] == record_id)["history"]


@pytest.fixture
def repo(site: SiteFolder) -> SiteFolder:
    return site


def test_history_follows_a_rename_and_the_json_carries_it(repo: SiteFolder) -> None:
    first = commit(repo, "Publish the scan times survey", "2025-05-03")
    edit(repo, "We added the results.")
    second = commit(repo, "Add the survey results", "2025-06-10")
    (repo.root / "content/engagements/2025-26").mkdir()
    git(repo.root, "mv", RECORD, "content/engagements/2025-26/scan-times.md")
    third = commit(repo, "File the record under its year", "2025-07-21")

    out, _ = build(repo)
    page = text_of(out / "engagements/scan-times/index.html")
    assert "First published 3 May 2025 Last changed 21 July 2025" in page
    assert (
        "Changes to this page 3 changes, newest first 21 July 2025 : File the record under its year "
        "10 June 2025 : Add the survey results 3 May 2025 : Publish the scan times survey"
    ) in page
    assert "is not available in this copy" not in page
    assert history_of(out, "scan-times") == {
        "first_published": "2025-05-03",
        "first_published_exact": True,
        "last_changed": "2025-07-21",
        "changes": [
            {"date": "2025-07-21", "commit": third, "description": "File the record under its year"},
            {"date": "2025-06-10", "commit": second, "description": "Add the survey results"},
            {"date": "2025-05-03", "commit": first, "description": "Publish the scan times survey"},
        ],
        "history_before_missing": None,
    }
    assert "<details>" in (out / "engagements/scan-times/index.html").read_text(encoding="utf-8")


def test_a_drafts_history_never_shows_publicly(repo: SiteFolder) -> None:
    set_status(repo, "draft")
    commit(repo, "Draft: plans to close Southbrook clinic", "2025-03-02")
    edit(repo, "More draft notes.")
    commit(repo, "Draft notes from the closed meeting", "2025-03-20")
    set_status(repo, "published")
    commit(repo, "Publish after the reader panel approved it", "2025-05-01")
    edit(repo, "An update.")
    commit(repo, "Add the August update", "2025-08-16")

    out, _ = build(repo)
    page = text_of(out / "engagements/scan-times/index.html")
    assert "First published 1 May 2025 Last changed 16 August 2025" in page
    assert "2 changes, newest first 16 August 2025 : Add the August update 1 May 2025 : Publish after the reader panel approved it" in page
    history = history_of(out, "scan-times")
    assert [c["date"] for c in history["changes"]] == ["2025-08-16", "2025-05-01"]
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            written = path.read_text(encoding="utf-8", errors="replace")
            assert "Southbrook clinic" not in written and "closed meeting" not in written, path
            assert "2025-03-02" not in written and "2 March 2025" not in written, path

    review, _ = build(repo, "review")
    listed = text_of(review / "engagements/scan-times/index.html")
    assert "4 changes, newest first" in listed
    assert "20 March 2025 : Draft notes from the closed meeting (draft)" in listed


def test_a_shallow_clone_says_what_it_cannot_know(repo: SiteFolder, tmp_path: Path) -> None:
    commit(repo, "Publish the scan times survey", "2025-05-03")
    edit(repo, "Results.")
    commit(repo, "Add the results", "2025-06-10")
    repo.write("content/engagements/new-record.md", repo.read(RECORD).replace("title: Scan appointment times", "title: Clinic hours"))
    commit(repo, "Publish the clinic hours record", "2025-07-01")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    copy = SiteFolder(clone)

    out, _ = build(copy)
    page = text_of(out / "engagements/scan-times/index.html")
    assert "First published On or before 1 July 2025 Last changed 1 July 2025" in page
    assert "History before 1 July 2025 is not available in this copy of the site's records." in page
    history = history_of(out, "scan-times")
    assert history["first_published"] == "2025-07-01" and history["first_published_exact"] is False
    assert history["history_before_missing"] == "2025-07-01"

    deeper = tmp_path / "deeper"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo.root}", str(deeper))
    out, _ = build(SiteFolder(deeper))
    # The new record was created inside the copy's history: all of it is known
    assert history_of(out, "new-record")["first_published_exact"] is True
    assert history_of(out, "new-record")["history_before_missing"] is None
    assert history_of(out, "scan-times")["history_before_missing"] == "2025-06-10"


def test_without_git_pages_fall_back_to_updated(site: SiteFolder, tmp_path: Path) -> None:
    no_git = tmp_path / "bin"
    no_git.mkdir()
    python = Path(os.sys.executable)
    (no_git / "python").symlink_to(python)
    out, _ = build(site, env={"PATH": str(no_git)})
    page = text_of(out / "engagements/scan-times/index.html")
    assert "Last changed 15 August 2025" in page  # the record's latest date: the action's completion
    assert "First published" not in page and "Changes to this page" not in page
    assert history_of(out, "scan-times") is None
    # Not a repository at all: the same
    out, _ = build(site)
    assert "First published" not in text_of(out / "engagements/scan-times/index.html")


def test_commit_subjects_are_escaped_and_screened_for_personal_data(repo: SiteFolder) -> None:
    commit(repo, "Publish <script>alert('x')</script> & friends", "2025-05-03")
    edit(repo, "One.")
    commit(repo, "Fix the note from jane.doe@example.com", "2025-05-04")
    edit(repo, "Two.")
    commit(repo, f"Remove patient {NHS_NUMBER} from the notes", "2025-05-05")
    edit(repo, "Three.")
    commit(repo, "Reply to engagement@testshire.example.nhs.uk", "2025-05-06")  # the public contact: allowed
    edit(repo, "Four.")
    commit(repo, "Tidy\x1e\x1fthe \u202enotes\x1e", "2025-05-07")  # separators and a direction change

    out, log = build(repo)
    raw = (out / "engagements/scan-times/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends" in raw
    assert "<script>alert" not in raw
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml"):
            written = path.read_text(encoding="utf-8", errors="replace")
            assert "jane.doe" not in written and NHS_NUMBER not in written, path
    page = text_of(out / "engagements/scan-times/index.html")
    assert "7 May 2025 : Tidy the notes 6 May 2025 : Reply to engagement@testshire.example.nhs.uk" in page
    assert "5 May 2025 : description not shown 4 May 2025 : description not shown" in page
    descriptions = [c["description"] for c in history_of(out, "scan-times")["changes"]]
    assert descriptions[2:4] == [None, None] and len(descriptions) == 5
    assert "looks like it holds an e-mail address, so it is not shown" in log
    assert "looks like it holds an NHS number, so it is not shown" in log
    assert "jane.doe" not in log and NHS_NUMBER not in log


def test_history_is_deterministic_and_can_be_turned_off(repo: SiteFolder, tmp_path: Path) -> None:
    commit(repo, "Publish", "2025-05-03")
    edit(repo, "More.")
    commit(repo, "Add more", "2025-05-04")
    first, _ = build(repo)
    data = (first / "data/engagements.json").read_bytes()
    page = (first / "engagements/scan-times/index.html").read_bytes()
    shutil.rmtree(first)
    again, _ = build(repo)
    assert (again / "data/engagements.json").read_bytes() == data
    assert (again / "engagements/scan-times/index.html").read_bytes() == page
    elsewhere = tmp_path / "another" / "clone"
    git(tmp_path, "clone", "-q", f"file://{repo.root}", str(elsewhere))  # the same commit, in another folder
    cloned, _ = build(SiteFolder(elsewhere))
    assert (cloned / "data/engagements.json").read_bytes() == data
    assert (cloned / "engagements/scan-times/index.html").read_bytes() == page
    repo.write("mkdocs.yml", repo.read("mkdocs.yml").replace("  - yswd", "  - yswd:\n      history: none"))
    off, _ = build(repo)
    assert "First published" not in text_of(off / "engagements/scan-times/index.html")
