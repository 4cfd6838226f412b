"""`yswd synth`: a complete, valid, varied site of any size, byte-identical for a seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SiteFolder
from yswd.content.records import EngagementFile
from yswd.content.model import ACTION_STATUSES, STATUSES, Engagement
from yswd.tools.synth import synthesise


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteFolder, list[EngagementFile]]:
    """300 records, checked once for the whole module."""
    folder = SiteFolder(tmp_path_factory.mktemp("synth") / "site")
    synthesise(folder.root, 300, seed=7)
    content = folder.check()
    assert [str(p) for p in content.problems] == []
    return folder, content.engagements


def test_same_seed_gives_a_byte_identical_tree(tmp_path: Path) -> None:
    synthesise(tmp_path / "a", 120, seed=3)
    synthesise(tmp_path / "b", 120, seed=3)
    synthesise(tmp_path / "c", 120, seed=4)
    first = tree(tmp_path / "a")
    assert first == tree(tmp_path / "b")
    assert first != tree(tmp_path / "c")


def test_output_checks_clean_with_the_requested_record_count(corpus) -> None:
    folder, records = corpus
    assert len(records) == 300
    assert len(list((folder.root / "content/engagements").rglob("*.md"))) == 300


def test_records_are_spread_across_folders_and_years(corpus) -> None:
    folder, records = corpus
    years = {r.folder.parts[1] for r in records}
    assert len(years) >= 6
    assert len({r.folder for r in records}) >= 30


def test_every_status_and_action_status_is_present(corpus) -> None:
    _, records = corpus
    statuses = [r.engagement.status for r in records]
    assert set(statuses) == set(STATUSES)
    unpublished = sum(s != "published" for s in statuses) / len(statuses)
    assert 0.03 <= unpublished <= 0.2, unpublished
    assert {a.status for r in records for a in r.engagement.we_did} == set(ACTION_STATUSES)


def _fields_used(value: object, prefix: str, used: set[str]) -> None:
    if isinstance(value, list):
        for item in value:
            _fields_used(item, prefix, used)
    elif hasattr(value, "model_fields_set"):
        for name in value.model_fields_set:
            used.add(f"{prefix}{name}")
            _fields_used(getattr(value, name), f"{prefix}{name}.", used)


def _fields_known(model: type, prefix: str = "") -> set[str]:
    names = set()
    for name, info in model.model_fields.items():
        names.add(f"{prefix}{name}")
        inner = info.annotation
        for candidate in getattr(inner, "__args__", ()) + (inner,):
            if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
                names |= _fields_known(candidate, f"{prefix}{name}.")
    return names


def test_every_field_of_the_format_is_used(corpus) -> None:
    _, records = corpus
    used: set[str] = set()
    for record in records:
        _fields_used(record.engagement, "", used)
    # Exceptions to the personal-data guard need text that looks like personal data:
    # a synthetic corpus holds none, by design.
    missing = _fields_known(Engagement) - used - {"allow_personal_data", "allow_personal_data.text", "allow_personal_data.reason"}
    assert missing == set()


def test_aims_are_met_and_missed_and_reviews_vary(corpus) -> None:
    _, records = corpus
    results = set()
    for record in records:
        e = record.engagement
        for aim in e.aims:
            reached = e.reach.count if aim.measure == "participants" else e.reach.groups.get(aim.measure)
            if reached is not None:
                results.add(reached >= aim.target)
    assert results == {True, False}
    verdicts = {r.verdict for rec in records for r in rec.engagement.reviews}
    assert verdicts == {"approved", "changes-requested"}
    assert any(r.engagement.aliases for r in records)
    assert any("://" not in d.url for r in records for d in r.engagement.documents)
    assert any(d.url.startswith("http://") for r in records for d in r.engagement.documents)


PERSONAL_DATA = {
    "e-mail address": re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    "phone number": re.compile(r"(\+44|\b0)[ -]?\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b"),
    "postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"),
    "NHS-number-like run of 10 digits": re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b"),
    "date of birth": re.compile(r"born on|\bDOB\b", re.IGNORECASE),
}


def test_content_holds_no_personal_data(corpus) -> None:
    folder, _ = corpus
    contact = re.search(r"^contact_email: (\S+)$", folder.read("site_config/organisation.yml"), re.M).group(1)
    for name, data in tree(folder.root).items():
        text = data.decode("utf-8").replace(contact, "")
        for kind, pattern in PERSONAL_DATA.items():
            found = pattern.search(text)
            assert found is None, f"{name}: {kind}: {found.group(0)!r}"


def test_mkdocs_yml_uses_the_repository_theme_extensions_and_plugins(corpus) -> None:
    folder, _ = corpus
    ours = yaml.safe_load(folder.read("mkdocs.yml"))
    repository = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("theme", "plugins", "markdown_extensions", "docs_dir"):
        assert ours[key] == repository[key], key


def test_small_site_builds_with_strict_mkdocs(tmp_path: Path) -> None:
    folder = SiteFolder(tmp_path / "site")
    synthesise(folder.root, 25, seed=11)
    result = folder.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    built = {p.parent.name for p in (folder.root / "site/engagements").glob("*/index.html")}
    records = folder.check().engagements
    published = {r.id for r in records if r.engagement.status == "published"}
    assert published and published <= built
    assert not {r.id for r in records if r.engagement.status != "published"} & built


def test_command_writes_a_site_and_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = SiteFolder(tmp_path)
    made = folder.yswd("synth", "--records", "5", "--out", "new", "--seed", "2")
    assert made.returncode == 0, made.stderr
    assert "Wrote a synthetic site with 5 records to new." in made.stdout
    assert len(list((tmp_path / "new/content/engagements").rglob("*.md"))) == 5
    checked = SiteFolder(tmp_path / "new").yswd("check")
    assert checked.returncode == 0, checked.stdout

    refused = folder.yswd("synth", "--records", "5", "--out", "new")
    assert refused.returncode == 1
    assert "new is not empty. Choose a new or empty folder: synth never overwrites files." in refused.stderr
    assert "Traceback" not in refused.stderr
