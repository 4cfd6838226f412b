"""The documented install line works: yswd installed from a tagged version in git carries its version
and the whole site template, and `yswd init` from that install writes a complete site."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import BUILD_DATE, ROOT
from yswd import __version__
from yswd.tools.init import TEMPLATE


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.slow
def test_yswd_installed_from_a_git_tag_starts_a_complete_site(tmp_path: Path) -> None:
    clone = tmp_path / "yswd"
    run("git", "clone", "--quiet", str(ROOT), str(clone), cwd=tmp_path)
    run("git", "-c", "user.name=Release", "-c", "user.email=release@example.org", "tag", f"v{__version__}", cwd=clone)
    wheels = tmp_path / "wheels"
    # The line the README and requirements.txt give, with this clone as the git host.
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), f"yswd @ git+file://{clone}@v{__version__}", cwd=tmp_path)
    [wheel] = wheels.glob("yswd-*.whl")
    assert wheel.name.startswith(f"yswd-{__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    template = {f"yswd/tools/site_template/{p.relative_to(TEMPLATE).as_posix()}" for p in TEMPLATE.rglob("*") if p.is_file()}
    assert template <= names, sorted(template - names)

    installed = tmp_path / "installed"
    run(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(installed), str(wheel), cwd=tmp_path)
    env = {"PYTHONPATH": str(installed), "SOURCE_DATE_EPOCH": BUILD_DATE}
    where = run(sys.executable, "-c", "import yswd; print(yswd.__file__)", cwd=tmp_path, env=env).stdout
    assert where.startswith(str(installed)), "the test runs the installed copy, not the source tree"
    run(sys.executable, "-m", "yswd", "init", "site", "--name", "NHS Fennick Vale ICB", cwd=tmp_path, env=env)
    written = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert {".github/workflows/publish.yml", ".gitignore", ".pre-commit-config.yaml", "requirements.txt", "mkdocs.yml"} <= written
    checked = run(sys.executable, "-m", "yswd", "check", cwd=tmp_path / "site", env=env)
    assert checked.stdout == "No problems found in 1 record.\n"
