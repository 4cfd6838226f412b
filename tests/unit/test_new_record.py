"""`yswd new`: a draft that passes `yswd check` as written, explains every field, and never overwrites."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import typing
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from yswd.content.files import split_front_matter
from yswd.content.model import Engagement
from yswd.content.values import is_slug, slugify
from yswd.content.yamlread import read_yaml

from conftest import BUILD_DATE

NEW = "content/engagements/2025-26/maternity-scans-what-next.md"
"""Where `yswd new "Maternity scans: what next?"` writes, with the tests' build date (1 December 2025)."""


def uncomment_examples(text: str) -> str:
    """Delete the # before every example line, as staff are told to: notes are '# ' + words."""
    return "\n".join(re.sub(r"^#(?=[^ #]|  )", "", line) for line in text.split("\n"))


def test_new_writes_a_draft_that_passes_check(site) -> None:
    result = site.yswd("new", "Maternity scans: what next?", "--type", "survey")
    assert result.returncode == 0, result.stderr
    assert f"Created {NEW}" in result.stdout
    text = site.read(NEW)
    front, _, _ = split_front_matter(text)
    data, _, problems = read_yaml(front)
    assert not problems
    assert data == {"title": "Maternity scans: what next?", "type": "survey", "status": "draft", "start": date(2025, 12, 1)}
    check = site.yswd("check")
    assert check.returncode == 0, check.stdout
    assert "No problems found in 2 records." in check.stdout


def test_a_second_run_refuses_and_leaves_the_file_alone(site) -> None:
    assert site.yswd("new", "Maternity scans: what next?", "--type", "survey").returncode == 0
    site.write(NEW, site.read(NEW).replace("status: draft", "status: draft\n# my notes"))
    before = site.read(NEW)
    again = site.yswd("new", "Maternity scans: what next?", "--type", "survey")
    assert again.returncode == 1
    assert f"{NEW} already exists, and yswd new never overwrites a file" in again.stderr
    assert site.read(NEW) == before


def test_an_id_used_elsewhere_is_refused(site) -> None:
    result = site.yswd("new", "Scan times", "--type", "survey")
    assert result.returncode == 1
    assert 'The id "scan-times" is already used by content/engagements/scan-times.md' in result.stderr
    assert not (site.root / "content/engagements/2025-26/scan-times.md").exists()


def test_an_unknown_type_says_did_you_mean(site) -> None:
    result = site.yswd("new", "Scans", "--type", "survy")
    assert result.returncode == 1
    assert '"survy" is not one of the engagement_types in site_config/organisation.yml. Did you mean "survey"?' in result.stderr
    assert "The ones we know are: survey, focus-group." in result.stderr
    assert not (site.root / "content/engagements/2025-26").exists()


def test_folder_option_and_its_limits(site) -> None:
    ok = site.yswd("new", "Café & carers’ drop-in", "--type", "focus-group", "--folder", "carers/2025")
    assert ok.returncode == 0, ok.stderr
    assert (site.root / "content/engagements/carers/2025/cafe-and-carers-drop-in.md").is_file()
    for bad in ("../outside", "/tmp/elsewhere"):
        refused = site.yswd("new", "Another", "--type", "survey", "--folder", bad)
        assert refused.returncode == 1 and "--folder should be a folder inside content/engagements" in refused.stderr
    assert site.yswd("check").returncode == 0


def test_slugs_are_short_plain_file_names() -> None:
    assert slugify("Maternity scans: what next?") == "maternity-scans-what-next"
    assert slugify("  GP access — Wenmouth 2026  ") == "gp-access-wenmouth-2026"
    assert slugify("Children's A&E") == "childrens-a-and-e"
    assert slugify("A patient’s story of A&E") == "a-patients-story-of-a-and-e"
    long = slugify("word " * 40, 60)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")
    assert slugify("word " * 40) == "-".join(["word"] * 40)  # no limit unless one is given
    assert slugify("?!") == ""


@given(st.text(), st.one_of(st.none(), st.integers(min_value=1, max_value=80)))
def test_a_slug_made_from_any_text_is_a_short_name_or_empty(text: str, limit: int | None) -> None:
    slug = slugify(text, limit)
    assert slug == "" or is_slug(slug)
    assert limit is None or len(slug) <= limit


def _field_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    paths = set()
    for name, info in model.model_fields.items():
        paths.add(prefix + name)
        annotation = info.annotation
        for inner in typing.get_args(annotation) or (annotation,):
            for candidate in typing.get_args(inner) or (inner,):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    paths |= _field_paths(candidate, f"{prefix}{name}.")
    return paths


def _written_paths(value: object, prefix: str = "") -> set[str]:
    paths = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if prefix.endswith("groups."):
                continue
            paths.add(prefix + key)
            paths |= _written_paths(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for item in value:
            paths |= _written_paths(item, prefix)
    return paths


def test_every_field_of_the_format_is_explained_and_its_example_is_valid(site) -> None:
    assert site.yswd("new", "Maternity scans: what next?", "--type", "survey").returncode == 0
    uncommented = uncomment_examples(site.read(NEW))
    front, _, _ = split_front_matter(uncommented)
    data, _, problems = read_yaml(front)
    assert not problems
    missing = _field_paths(Engagement) - _written_paths(data)
    assert not missing, f"fields without an example in the template: {sorted(missing)}"
    # with every example in use, the record is valid as a draft and complete enough for review
    site.write(NEW, uncommented)
    assert site.yswd("check").returncode == 0, site.yswd("check").stdout
    site.write(NEW, uncommented.replace("status: draft", "status: review"))
    result = site.yswd("check")
    assert result.returncode == 0, result.stdout


def test_from_another_folder_the_paths_printed_open_from_there(site) -> None:
    """Staff who run yswd from the folder above the site are told paths that work where they are."""
    parent = site.root.parent
    config = f"{site.root.name}/mkdocs.yml"
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE}
    made = subprocess.run([sys.executable, "-m", "yswd", "new", "-f", config, "Bus times", "--type", "survey"], cwd=parent, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    written = f"{site.root.name}/content/engagements/2025-26/bus-times.md"
    assert made.stdout == f"Created {written} (a draft). Fill it in, then run: yswd check -f {config}\n"
    assert (parent / written).is_file()
    # readability finds the site from the record's own folder, with no -f
    read = subprocess.run([sys.executable, "-m", "yswd", "readability", written], cwd=parent, env=env, capture_output=True, text=True)
    assert read.returncode == 0, read.stderr
    assert "content/engagements/2025-26/bus-times.md" in read.stdout
