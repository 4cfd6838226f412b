"""Real-shaped content beside tests/fixtures/format2: an engagement still open on the build date
(1 December 2025) whose participants are not yet counted. Nothing on the site may date it in
the future or compare a number nobody recorded."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import SiteFolder, page_text
from yswd.dates import MONTHS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = SiteFolder(tmp_path_factory.mktemp("format2-open") / "site")
    shutil.copytree(FIXTURES / "format2", folder.root)
    shutil.copytree(FIXTURES / "format2-extra", folder.root, dirs_exist_ok=True)
    result = folder.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    review = folder.mkdocs("build", "--strict", env={"YSWD_AUDIENCE": "review"})
    assert review.returncode == 0, review.stderr
    return folder.root / "site"


def test_an_open_engagement_is_dated_by_what_was_done_not_by_its_closing_day(site: Path) -> None:
    page = page_text(site, "engagements/open-drop-ins")
    assert "Last changed 3 November 2025" in page
    assert "Status as at 3 November 2025." in page
    assert "31 January 2026 (open now)" in page  # the closing day is still shown as the closing day
    records = {r["id"]: r for r in json.loads((site / "data/engagements.json").read_text(encoding="utf-8"))["records"]}
    assert records["open-drop-ins"]["updated"] == "2025-11-03"
    assert "The latest was updated on 3 November 2025." in page_text(site, "strategy")


def test_a_year_whose_people_were_not_recorded_is_not_compared_as_none(site: Path) -> None:
    report = page_text(site, "reports/2025-26")
    assert "People who took part at least 570 not recorded not known" in report


def test_a_share_says_in_one_pair_of_brackets_how_many_engagements_recorded_no_number(site: Path) -> None:
    strategy = page_text(site, "strategy")
    assert "Now about 2.2% or less (33 of about 1,570 or more people; not recorded for 2 engagements)" in strategy
    assert ") (" not in strategy


def test_an_action_answering_several_themes_lists_them_without_doubled_stops(site: Path) -> None:
    page = page_text(site, "engagements/open-drop-ins")
    assert "In answer to: The car park is too small; The signs to the unit are hard to follow." in page


def test_the_report_says_how_aims_on_numbers_of_people_turned_out_in_sentences(site: Path) -> None:
    report = page_text(site, "reports/2024-25")
    assert "2 aims set a number of people to hear from. 1 was met. For 1, it is not known: the number was given" in report
    assert "engagement aim" not in report


def test_a_draft_without_actions_says_so_in_the_review_build(site: Path) -> None:
    page = page_text(site.parent / "site-review", "engagements/draft-idea")
    assert "What happens next No actions have been written down yet." in page
    assert "1 word (body): Draft." in page and "1 words" not in page


def test_no_page_says_a_record_last_changed_after_the_build_date(site: Path) -> None:
    """The draft starts in January 2026, after the build date (1 December 2025): that is a plan,
    so its page in the review build gives no "Last changed" rather than a day in the future."""
    assert "Last changed" not in page_text(site.parent / "site-review", "engagements/draft-idea")
    assert "Last changed 3 November 2025" in page_text(site.parent / "site-review", "engagements/open-drop-ins")
    months = {name: number for number, name in enumerate(MONTHS, start=1)}
    shown = 0
    for folder in (site, site.parent / "site-review"):
        for path in folder.rglob("*.html"):
            for day, month, year in re.findall(r"Last changed</dt><dd>(?:(\d+) )?([A-Z][a-z]+) (\d{4})</dd>", path.read_text(encoding="utf-8")):
                shown += 1
                assert date(int(year), months[month], int(day or 1)) <= date(2025, 12, 1), path
    assert shown >= 8
