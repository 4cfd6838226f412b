"""`yswd init`: a new organisation's site repository that checks and builds straight away, as its README says."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_DATE, ROOT
from yswd import __version__
from yswd.content.model import FORMAT
from yswd.site.field_reference import field_reference
from yswd.tools.init import TEMPLATE

NAME = "NHS Fennick Vale ICB"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """A command as staff type it: `yswd ...` and `mkdocs ...` run with this Python's packages."""
    command = [sys.executable, "-m", args[0], *args[1:]] if args[0] in ("yswd", "mkdocs") else list(args)
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def init(folder: Path, name: str = NAME) -> subprocess.CompletedProcess:
    return run("yswd", "init", str(folder), "--name", name, cwd=folder.parent)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "fennick-vale"
    result = init(folder)
    assert result.returncode == 0, result.stderr
    assert "content/engagements/2025-26/our-first-engagement.md" in result.stdout
    return folder


def readme_commands(site: Path) -> list[list[str]]:
    """The commands in the generated README's "Check and build" section, exactly as written there."""
    readme = (site / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Check and build", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the README shows the commands to check and build"
    return [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_commands_check_and_build_the_new_site_in_its_folder(new_site: Path) -> None:
    commands = readme_commands(new_site)
    assert commands == [["yswd", "check"], ["mkdocs", "build", "--strict"]]
    checked = run(*commands[0], cwd=new_site)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == "No problems found in 1 record.\n"
    built = run(*commands[1], cwd=new_site)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    home = (new_site / "site" / "index.html").read_text(encoding="utf-8")
    assert f"You said, we did: {NAME}" in home
    assert "our-first-engagement" not in home, "the draft is not on the public site"
    assert not (new_site / "site" / "engagements").exists()
    assert (new_site / "site" / "how-to-edit" / "index.html").is_file()
    assert "fonts.googleapis.com" not in home
    way = (new_site / "site" / "ways-to-take-part" / "surveys" / "index.html").read_text(encoding="utf-8")
    assert "How to join" in way and "Open surveys are listed on the home page of this site." in way


@pytest.mark.parametrize("how", ["relative", "absolute"])
def test_the_readme_commands_work_from_another_folder_with_f(new_site: Path, tmp_path: Path, how: str) -> None:
    config = new_site / "mkdocs.yml"
    named = str(config) if how == "absolute" else os.path.relpath(config, tmp_path)
    for command in readme_commands(new_site):
        result = run(*command, "-f", named, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
    assert (new_site / "site" / "index.html").is_file()
    assert not (tmp_path / "site").exists(), "the site goes beside its mkdocs.yml, not into the working folder"


def test_the_review_build_of_the_new_site_shows_the_draft_in_its_own_folder(new_site: Path) -> None:
    result = run("yswd", "build", "--audience", "review", "--strict", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert (new_site / "site-review" / "engagements" / "our-first-engagement" / "index.html").is_file()
    assert ".gitignore" in os.listdir(new_site)
    ignored = (new_site / ".gitignore").read_text(encoding="utf-8").split()
    assert {"/site/", "/site-review/", "/.cache/", ".site.yswd-*"} <= set(ignored)


def test_the_new_site_is_a_complete_repository(new_site: Path) -> None:
    files = sorted(p.relative_to(new_site).as_posix() for p in new_site.rglob("*") if p.is_file() and not _built(p, new_site))
    assert files == [
        ".github/workflows/publish.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        "README.md",
        "content/engagements/2025-26/our-first-engagement.md",
        "content/how-to-edit.md",
        "content/index.md",
        "content/strategy.yml",
        "mkdocs.yml",
        "requirements.txt",
        "site_config/glossary.yml",
        "site_config/organisation.yml",
    ]
    assert (new_site / ".github/workflows/publish.yml").read_bytes() == (TEMPLATE / "dot-github/workflows/publish.yml").read_bytes()
    mkdocs_yml = yaml.safe_load((new_site / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs_yml["site_name"] == f"You said, we did: {NAME}"
    assert mkdocs_yml["theme"]["name"] == "material" and "custom_dir" not in mkdocs_yml["theme"]
    assert mkdocs_yml["plugins"] == ["yswd"]
    organisation = yaml.safe_load((new_site / "site_config/organisation.yml").read_text(encoding="utf-8"))
    assert organisation["name"] == NAME and organisation["format"] == FORMAT
    source = "https://github.com/yswd/yswd"
    assert [line for line in (new_site / "requirements.txt").read_text().splitlines() if not line.startswith("#")] == [
        f"yswd @ git+{source}@v{__version__}"
    ]
    hooks = yaml.safe_load((new_site / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"] == [{"repo": source, "rev": f"v{__version__}", "hooks": [{"id": "yswd-check"}]}]
    hook_ids = [hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))]
    assert hook_ids == ["yswd-check"], "the hook the new site names is the one yswd's repository offers"


def test_every_setting_is_explained_in_the_new_organisation_yml(new_site: Path) -> None:
    text = (new_site / "site_config/organisation.yml").read_text(encoding="utf-8")
    organisation = next(section for section in field_reference() if section.anchor == "organisation")
    for dotted, _, _ in organisation.fields:
        name = dotted.rsplit(".", 1)[-1].removesuffix("[]")
        assert re.search(rf"(?m)^\s*#?\s*(- )?{name}:", text), f"{dotted} is not in the new organisation.yml"
        section = re.search(rf"(?m)^#?{dotted.split('.')[0].removesuffix('[]')}:", text)
        assert section, f"{dotted} is not under its section"
        line_before = text[: section.start()].rstrip("\n").rsplit("\n", 1)[-1]
        assert line_before.startswith("#"), f"{dotted} has no note above it or its section"


def test_a_name_with_quotes_and_colons_is_written_safely(tmp_path: Path) -> None:
    name = 'St Elsewhere\'s "Trust": North & South'
    folder = tmp_path / "awkward"
    assert init(folder, name).returncode == 0
    organisation = yaml.safe_load((folder / "site_config/organisation.yml").read_text(encoding="utf-8"))
    assert organisation["name"] == name
    assert yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"] == f"You said, we did: {name}"
    assert run("yswd", "check", cwd=folder).returncode == 0


@pytest.mark.parametrize("kind", ["a file in it", "a hidden file in it", "a file, not a folder"])
def test_init_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "existing"
    if kind == "a file, not a folder":
        target.write_text("notes\n")
    else:
        target.mkdir()
        (target / ("notes.md" if kind == "a file in it" else ".git")).write_text("notes\n")
    before = _snapshot(tmp_path)
    result = init(target)
    assert result.returncode == 1
    assert "is not an empty folder, and yswd init never changes files that are already there" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(tmp_path) == before


def test_init_into_an_empty_folder_that_exists(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert init(tmp_path / "empty").returncode == 0
    assert (tmp_path / "empty" / "mkdocs.yml").is_file()


def test_init_needs_a_name(tmp_path: Path) -> None:
    result = init(tmp_path / "nameless", "   ")
    assert result.returncode == 1 and "Give the organisation's name, in quotes" in result.stderr
    assert not (tmp_path / "nameless").exists()


def test_yswd_new_without_a_site_points_to_yswd_init(tmp_path: Path) -> None:
    result = run("yswd", "new", "Evening clinics", "--type", "survey", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: mkdocs.yml was not found. Run yswd in the site's folder, or name its mkdocs.yml with -f. "
        'To start a new site, run: yswd init FOLDER --name "Your organisation\'s name"\n'
    )
    assert list(tmp_path.iterdir()) == []


def test_the_example_site_has_the_staff_guide_that_init_writes() -> None:
    """One staff guide: the example site shows the one every new site starts with."""
    assert (ROOT / "content/how-to-edit.md").read_bytes() == (TEMPLATE / "content/how-to-edit.md").read_bytes()


def test_the_example_and_a_new_site_are_written_to_the_format_this_yswd_reads(new_site: Path) -> None:
    """Format 2 (led_by, phases, decisions, unknown counts, ...) is what this yswd reads, and both
    the example and every new site say so, so an older yswd refuses them with one clear message."""
    assert FORMAT == 2
    example = yaml.safe_load((ROOT / "site_config/organisation.yml").read_text(encoding="utf-8"))
    created = yaml.safe_load((new_site / "site_config/organisation.yml").read_text(encoding="utf-8"))
    assert example["format"] == created["format"] == FORMAT


def test_yswd_version_is_the_package_version(tmp_path: Path) -> None:
    result = run("yswd", "--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"yswd, version {__version__}\n"
    assert version("yswd") == __version__, "pyproject.toml takes the version from yswd/__init__.py"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"(?m)^## {re.escape(__version__)}\b", changelog), "the CHANGELOG has a section for this version"


def _built(path: Path, root: Path) -> bool:
    return path.relative_to(root).parts[0] in ("site", "site-review", ".cache")  # .cache/yswd/: the build cache


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}
