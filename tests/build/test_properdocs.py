"""The plugins run unchanged on ProperDocs, the maintained fork of MkDocs 1.x.

The test keeps its own environment in .venv-properdocs (made on first use), so that
ProperDocs' `mkdocs` import redirection is tested apart from the MkDocs in .venv.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_DATE, ROOT

ENV_DIR = ROOT / ".venv-properdocs"


def properdocs_env() -> Path:
    # Reinstalled whenever pyproject.toml changes, so new dependencies reach this environment too.
    marker = ENV_DIR / f".installed-{hashlib.sha256((ROOT / 'pyproject.toml').read_bytes()).hexdigest()[:16]}"
    if not marker.exists():
        subprocess.run([sys.executable, "-m", "venv", str(ENV_DIR)], check=True)
        subprocess.run(
            [str(ENV_DIR / "bin/python"), "-m", "pip", "install", "--quiet", "properdocs>=1.6.7", "mkdocs-material", "-e", str(ROOT)],
            check=True,
            timeout=600,
        )
        marker.touch()
    return ENV_DIR / "bin"


@pytest.mark.slow
def test_example_builds_with_properdocs(tmp_path: Path) -> None:
    bin_dir = properdocs_env()
    for name in ("content", "site_config"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}

    result = subprocess.run([str(bin_dir / "properdocs"), "build", "--strict"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)

    assert result.returncode == 0, result.stderr
    assert "properdocs" in (bin_dir / "properdocs").read_text()
    page = (tmp_path / "site/engagements/maternity-scan-appointments-2023/index.html").read_text(encoding="utf-8")
    assert "You said:</span> Waiting a long time on the day of the scan" in page
    assert (tmp_path / "site/you-said-we-did/index.html").is_file()
    assert not list((tmp_path / "site").rglob("*.yml"))
