"""Two builds of the same content give byte-identical output trees.

Each pair of builds runs in folders with different paths and with different
PYTHONHASHSEEDs, so output that depends on where the site sits, on set or dict order
driven by string hashing, or on the clock shows up as a difference. The only date taken
from outside the content is the build date, SOURCE_DATE_EPOCH.

What MkDocs itself stamps, and how it is pinned (checked below):
- sitemap.xml: a <lastmod> for every page, which MkDocs sets to the build date;
- sitemap.xml.gz: the gzip header's modification time, also the build date.
Both come from SOURCE_DATE_EPOCH when it is set, and from the clock when it is not.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import re
import shutil
import struct
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import BUILD_DATE, ROOT, SiteFolder
from yswd.tools.synth import synthesise


def build_in(folder: Path, audience: str, hash_seed: str) -> Path:
    site = SiteFolder(folder)
    result = site.mkdocs("build", "--strict", env={"YSWD_AUDIENCE": audience, "PYTHONHASHSEED": hash_seed})
    assert result.returncode == 0, result.stderr
    return folder / ("site" if audience == "public" else "site-review")


def copy_example(to: Path) -> Path:
    for name in ("content", "site_config"):
        shutil.copytree(ROOT / name, to / name)
    shutil.copy(ROOT / "mkdocs.yml", to / "mkdocs.yml")
    return to


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def explain(first: Path, second: Path) -> str:
    """The files that differ, with the first lines that differ in each."""
    a, b = digests(first), digests(second)
    lines = [f"only in the first build: {sorted(set(a) - set(b))[:10]}", f"only in the second: {sorted(set(b) - set(a))[:10]}"]
    for name in sorted(n for n in set(a) & set(b) if a[n] != b[n])[:10]:
        try:
            left = (first / name).read_text(encoding="utf-8").splitlines()
            right = (second / name).read_text(encoding="utf-8").splitlines()
            diff = list(difflib.unified_diff(left, right, lineterm="", n=0))[2:8]
        except UnicodeDecodeError:
            diff = ["(binary)"]
        lines.append(f"{name} differs:\n  " + "\n  ".join(line[:200] for line in diff))
    return "\n".join(lines)


def assert_identical(first: Path, second: Path) -> None:
    assert digests(first) == digests(second), explain(first, second)


def test_example_site_builds_byte_identical(tmp_path: Path) -> None:
    first = build_in(copy_example(tmp_path / "a"), "public", "1")
    second = build_in(copy_example(tmp_path / "second" / "in" / "a" / "longer" / "path"), "public", "2")
    assert len(digests(first)) > 100
    assert_identical(first, second)
    build_date = datetime.fromtimestamp(int(BUILD_DATE), tz=timezone.utc)

    # What MkDocs stamps is the build date, pinned by SOURCE_DATE_EPOCH.
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {build_date.date().isoformat()}
    header = (first / "sitemap.xml.gz").read_bytes()[:10]
    assert struct.unpack("<I", header[4:8])[0] == int(BUILD_DATE)
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


@pytest.mark.parametrize("audience", ["review"])
def test_synthetic_site_builds_byte_identical(tmp_path: Path, audience: str) -> None:
    """A larger, more varied site, for the reader panel: drafts, withdrawn records, every status."""
    synthesise(tmp_path / "a", 120, seed=5)
    synthesise(tmp_path / "b" / "elsewhere", 120, seed=5)
    first = build_in(tmp_path / "a", audience, "3")
    second = build_in(tmp_path / "b" / "elsewhere", audience, "4")
    assert_identical(first, second)
