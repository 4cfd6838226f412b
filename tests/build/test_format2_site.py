"""Real-shaped records written to Format 2 (tests/fixtures/format2) check clean and publish with
nothing invented: months stay months, unknown counts read "not recorded", rough numbers keep
their "about" and "at least", and shares say whose figure they are."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import SiteFolder, page_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "format2"

INVENTED = [
    # days nobody wrote: the first and last days of the months the records give
    "1 June 2017", "2017-06-01", "30 September 2017", "2017-09-30", "1 November 2017", "2017-11-01",
    "1 December 2017", "2017-12-01", "1 May 2019", "2019-05-01", "30 June 2019", "2019-06-30",
    "1 June 2020", "2020-06-01", "1 September 2024", "2024-09-01", "30 November 2024", "2024-11-30",
    "1 January 2025", "2025-01-01", "31 January 2025", "2025-01-31", "2027-03-01",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteFolder, Path, str]:
    folder = SiteFolder(tmp_path_factory.mktemp("format2") / "site")
    shutil.copytree(FIXTURE, folder.root)
    result = folder.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    review = folder.mkdocs("build", "--strict", env={"YSWD_AUDIENCE": "review"})
    assert review.returncode == 0, review.stderr
    return folder, folder.root / "site", review.stderr


text = page_text


def test_real_shaped_records_check_clean() -> None:
    folder = SiteFolder(FIXTURE)
    assert folder.check().problems == []


def test_months_show_as_months_and_rough_numbers_say_so(built) -> None:
    _, site, _ = built
    page = text(site, "engagements/gluten-free-prescriptions")
    assert "Dates June 2017 to September 2017" in page
    assert "About 1,000 people took part, through: online survey (880 people), paper survey." in page
    assert "Almost 1,000 people answered, online and on paper." in page
    assert "Hear from at least 800 people 800 about 1,000 Met" in page
    assert "72.9% of people who took part (reported by Coeliac Testshire's survey of its members)." in page
    assert "Done: date not recorded" in page
    assert "In December 2017: A letter to everyone who left an address, and this page." in page
    assert "Run with Northshire CCG, Coeliac Testshire" in page
    assert "How far people were involved Consult: we asked for views on our plans" in page
    assert "Equality impact assessment" in page and "Report: Consultation report" in page
    assert "At least 450 people took part." in text(site, "engagements/gp-access-survey")


def test_an_unknown_count_is_not_recorded_and_its_aim_neither_met_nor_missed(built) -> None:
    _, site, _ = built
    page = text(site, "engagements/walk-in-centre")
    assert "The number of people who took part was not recorded." in page
    assert "The survey replies were counted with another consultation's, and cannot be told apart." in page
    assert "Hear from at least 500 people 500 Not recorded Not recorded" in page
    assert " Met " not in page and "Not met" not in page
    assert "Done: June 2020" in page
    assert "We told participants (the date was not recorded): This page" in page
    assert "Led by Northvale CCG" in page


def test_an_aim_short_of_its_target_on_at_least_so_many_people_is_not_known(built) -> None:
    _, site, _ = built
    assert "Hear from 500 people 500 at least 450 Not known" in text(site, "engagements/gp-access-survey")
    records = {r["id"]: r for r in json.loads((site / "data/engagements.json").read_text(encoding="utf-8"))["records"]}
    assert records["gp-access-survey"]["aims"] == [
        {"text": "Hear from 500 people", "measure": "participants", "target": 500, "reached": 450, "met": None}
    ]
    assert 'For 1, it is not known: the number was given as "at least"' in text(site, "reports/2024-25")


def test_a_record_without_a_story_has_no_empty_heading(built) -> None:
    _, site, _ = built
    assert "What we asked and why" not in text(site, "engagements/gp-access-survey")  # a summary, no story
    assert "What we asked and why" in text(site, "engagements/scan-times")


def test_the_timeline_runs_in_date_order_with_the_reversal_last(built) -> None:
    _, site, _ = built
    page = text(site, "engagements/gluten-free-prescriptions")
    timeline = page[page.index("Timeline"):page.index("What happens next")]
    consultation = timeline.index("June 2017 to September 2017: Public consultation")
    agreed = timeline.index("November 2017: Joint commissioning committee decided: Stop prescribing gluten-free food for adults. Agreed.")
    reversed_ = timeline.index("8 March 2018: Joint commissioning committee decided: Keep bread and flour mixes on prescription after a national review. Reversed an earlier decision.")
    assert consultation < agreed < reversed_
    # Listening events before the consultation's start (29 July 2019) are a phase of it, first in its timeline
    walk_in = text(site, "engagements/walk-in-centre")
    assert "Dates 29 July 2019 to 18 October 2019" in walk_in
    assert walk_in.index("May 2019 to June 2019: Listening events") < walk_in.index("29 July 2019 to 18 October 2019: Public consultation") < walk_in.index("13 February 2020:")


def test_each_action_is_shown_once_with_every_theme_it_answers(built) -> None:
    _, site, _ = built
    page = text(site, "engagements/gluten-free-prescriptions")
    assert page.count("We stopped prescribing gluten-free food, except bread and flour mixes.") == 1
    assert "In answer to: People wanted to keep gluten-free food on prescription; Some said bread" in page
    assert ".;" not in page  # a theme's full stop is not doubled up with the separator
    assert "See above: what we did answers this together with an earlier theme." in page
    assert "Status as at 3 April 2018." in page
    survey = text(site, "engagements/gp-access-survey")
    assert "Raised by fewer than 5 people." in survey
    assert survey.count("Status as at January 2025.") == 2  # the update of one, the record's latest date for the other


def test_totals_add_what_is_known_and_say_what_is_not(built) -> None:
    _, site, _ = built
    # about 1,000 + at least 450 + 120: rough, and a lower bound, so neither word is lost
    assert "People who took part about 1,570 or more (not recorded for 1 engagement)" in text(site, "")
    assert "People who took part not recorded" in text(site, "reports/2019-20")
    assert "People who took part at least 570" in text(site, "reports/2024-25")  # at least 450 + 120
    strategy = text(site, "strategy")
    assert "Now about 1,570 or more people (not recorded for 1 engagement)" in strategy
    report = text(site, "reports/2017-18")
    assert "Surveys 1 about 1,000" in report
    assert "Consult 1 about 1,000" in report


def test_ways_to_take_part_have_pages_listing_the_engagements_that_used_them(built) -> None:
    _, site, _ = built
    surveys = text(site, "ways-to-take-part/surveys")
    assert "How to join Sign up for our survey mailing list at https://example.nhs.uk/surveys" in surveys
    assert "3 published engagements used this way to take part" in surveys
    groups = text(site, "ways-to-take-part/patient-groups")
    assert "1 published engagement used this way to take part" in groups and "The future of the walk-in centre" in groups
    assert "practice patient groups: Ask at your practice's reception desk." in text(site, "ways-to-take-part")


def test_no_day_is_invented_anywhere_in_the_site(built) -> None:
    _, site, _ = built
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".xml"):
            written = path.read_text(encoding="utf-8")
            for day in INVENTED:
                assert not re.search(rf"(?<!\d){re.escape(day)}", written), f"{day} in {path.relative_to(site)}"


def test_open_data_keeps_what_was_written(built) -> None:
    _, site, _ = built
    data = json.loads((site / "data/engagements.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((site / "data/schema.json").read_text(encoding="utf-8")))
    records = {r["id"]: r for r in data["records"]}
    gluten, walk_in = records["gluten-free-prescriptions"], records["walk-in-centre"]
    assert (gluten["start"], gluten["end"], gluten["participants"], gluten["participants_precision"]) == ("2017-06", "2017-09", 1000, "about")
    assert gluten["method_counts"] == {"online survey": 880} and gluten["methods"] == ["online survey", "paper survey"]
    assert gluten["you_said"][0]["share"] == 72.9 and gluten["we_did"][0]["completed"] == "unknown"
    assert [d["outcome"] for d in gluten["decisions"]] == ["agreed", "reversed"] and gluten["decisions"][0]["date"] == "2017-11"
    assert gluten["feedback_given"]["date"] == "2017-12" and gluten["partners"] == ["Northshire CCG", "Coeliac Testshire"]
    assert [d["kind"] for d in gluten["documents"]] == ["eqia", "report"]
    assert walk_in["participants"] is None and walk_in["participants_note"].startswith("The survey replies")
    assert walk_in["phases"][0] == {"name": "Listening events", "start": "2019-05", "end": "2019-06"}
    assert walk_in["led_by"] == "Northvale CCG" and records["scan-times"]["led_by"] == "Testshire Integrated Care Board"
    rows = list(csv.DictReader(io.StringIO((site / "data/engagements.csv").read_text(encoding="utf-8"))))
    gluten_row = next(r for r in rows if r["engagement_id"] == "gluten-free-prescriptions")
    assert (gluten_row["start"], gluten_row["completed"], gluten_row["participants_precision"]) == ("2017-06", "unknown", "about")
    assert next(r for r in rows if r["engagement_id"] == "walk-in-centre")["participants_precision"] == "not recorded"


def test_a_due_date_and_an_update_known_only_to_the_month_stay_months(built) -> None:
    """"By March 2025" is written 2025-03: it shows, sorts and is published as the month."""
    folder, site, _ = built
    survey = text(site, "engagements/gp-access-survey")
    assert "Due: March 2025" in survey and "(planned, due March 2025)" in survey
    assert survey.index("2 December 2024") < survey.index("January 2025: The practices in the north started call-backs.")
    assert "Due March 2027" in text(site, "strategy")
    data = json.loads((site / "data/engagements.json").read_text(encoding="utf-8"))
    actions = {a["id"]: a for r in data["records"] for a in r["we_did"]}
    assert actions["help-online"]["due"] == "2025-03"
    assert [u["date"] for u in actions["call-back"]["updates"]] == ["2024-12-02", "2025-01"]
    assert json.loads((site / "data/schema.json").read_text(encoding="utf-8"))["title"] == "yswd engagements, format 2.2"
    older = json.loads((site / "data/schema/2.1.json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert not jsonschema.Draft202012Validator(older, format_checker=checker).is_valid(data), "2.1 has no month due dates"
    rows = list(csv.DictReader(io.StringIO((site / "data/engagements.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["action_id"] == "help-online")["due"] == "2025-03"


def test_a_change_done_on_a_date_not_recorded_is_listed_apart_in_the_year_it_was_reported_done(built) -> None:
    """Its record says it is done as at 3 April 2018 (2018-19): that report lists it on its own,
    no year counts it as completed, and the all-time figures count it as done."""
    _, site, _ = built
    report = text(site, "reports/2018-19")
    assert "Done; date not recorded" in report
    assert "1 action reported done in 2018-19 has no record of when it was done, so it is not counted as completed in this year or any other." in report
    assert "We did: We stopped prescribing gluten-free food, except bread and flour mixes. Done; date not recorded · Reported done as at 3 April 2018" in report
    assert "Changes completed in the year 0" in report and "No actions were completed in 2018-19." in report
    assert "Done; date not recorded" not in text(site, "reports/2017-18")
    data = json.loads((site / "data/engagements.json").read_text(encoding="utf-8"))
    done = sum(1 for r in data["records"] for a in r["we_did"] if a["status"] == "done")
    assert f"Actions: done {done}" in text(site, "")


def test_review_build_advises_on_statuses_that_may_be_out_of_date(built) -> None:
    folder, _, log = built
    assert "status may be out of date: it says planned as at January 2025" in log
    assert "status may be out of date: it says in-progress as at January 2025" in log
    assert log.count("status may be out of date") == 2
    page = (folder.root / "site-review/engagements/gp-access-survey/index.html").read_text(encoding="utf-8")
    assert "we_did[help-online].status: status may be out of date" in html.unescape(page)


def test_a_groups_share_of_at_least_so_many_people_is_at_most_the_figure_everywhere(built) -> None:
    """60 carers of at least 450 people are at most 13.33...% of them (the whole may be larger, never
    smaller): shown rounded up, at most 13.4%, so that "at most" stays true."""
    _, site, _ = built
    survey = text(site, "engagements/gp-access-survey")
    assert "Unpaid carers 60 at most 13.4%" in survey
    assert "At least 450 people took part, and perhaps more, so each group's share is at most the figure shown." in survey
    report = text(site, "reports/2024-25")  # scan-times (120 exactly) and gp-access-survey (at least 450)
    assert "Unpaid carers 63 at most 12%" in report  # 11.05% at most, to a whole per cent
    assert "At least 570 people took part in the year (for some engagements we know only that at least so many took part)" in report
    data = json.loads((site / "data/engagements.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in data["records"]}
    assert (records["gp-access-survey"]["group_shares"]["carers"], records["gp-access-survey"]["group_shares_precision"]) == (13.4, "at-most")
    assert records["scan-times"]["group_shares_precision"] == "exact" and records["walk-in-centre"]["group_shares_precision"] is None
