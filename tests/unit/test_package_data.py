"""Every file the package reads at run time is installed with it, not only present in a checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "plugins"


def test_every_data_file_in_the_package_is_in_package_data() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    installed: set[Path] = set()
    for package, patterns in settings["tool"]["setuptools"]["package-data"].items():
        folder = PACKAGES.joinpath(*package.split("."))
        installed |= {path for pattern in patterns for path in folder.glob(pattern) if path.is_file()}
    data = {
        path
        for path in (PACKAGES / "yswd").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert len(data) > 30 and any("theme" in path.parts for path in data)
    missing = sorted(str(path.relative_to(PACKAGES)) for path in data - installed)
    assert missing == [], f"in the package but not installed by pip (pyproject.toml, package-data): {missing}"
