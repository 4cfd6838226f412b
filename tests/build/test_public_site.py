"""The public site's finding aids, figures, open data, feed and statements, from real builds."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SiteFolder
from yswd.guards.checking import load_and_check

from yswd.site.exports import neutralise
from yswd.site.feed import feed_day


@pytest.fixture(scope="module")
def published():
    content = load_and_check(SiteFolder(ROOT).layout)
    return [r for r in content.engagements if r.engagement.status == "published"]


def text_of(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def test_open_data_json_validates_against_its_schema(example_public: Path, published) -> None:
    data = json.loads((example_public / "data/engagements.json").read_text(encoding="utf-8"))
    schema = json.loads((example_public / "data/schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert {r["id"] for r in data["records"]} == {r.id for r in published}
    assert data["licence"] == "Open Government Licence v3.0"
    record = next(r for r in data["records"] if r["id"] == "maternity-scan-appointments-2023")
    assert record["url"] == "https://engage.harrowdale-wenmouth.example.nhs.uk/engagements/maternity-scan-appointments-2023/"
    assert record["financial_year"] == "2023-24"
    assert record["participants"] == 344


def test_open_data_csv_has_a_row_per_action(example_public: Path, published) -> None:
    rows = list(csv.DictReader(io.StringIO((example_public / "data/engagements.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(max(1, len(r.engagement.we_did)) for r in published)
    multi_topic = next(r for r in published if len(r.engagement.topics) > 1)
    row = next(row for row in rows if row["engagement_id"] == multi_topic.id)
    assert "; " in row["topics"]
    assert {row["engagement_id"] for row in rows} == {r.id for r in published}


def test_csv_neutralises_formulas_in_every_published_cell(site: SiteFolder) -> None:
    record = site.read("content/engagements/scan-times.md")
    record = record.replace("title: Scan appointment times", 'title: "=HYPERLINK(1)"')
    record = record.replace("action: We opened a Saturday scan clinic.", 'action: "+SUM(1)"\n    owner: "@SUM(1)"')
    record = record.replace(
        "    completed: 2025-08-15\n",
        '    completed: 2025-08-15\n  - id: second\n    responds_to: [waits]\n    action: "-2+3"\n'
        '    status: not-taken-forward\n    reason: "@cmd|\' /C calc\'!A0"\n    owner: "-1"\n',
    )
    site.write("content/engagements/scan-times.md", record)
    site.record("draft-plan.md", "---\ntitle: \"@draft\"\ntype: survey\nstatus: draft\nstart: 2025-01-01\n---\n")
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO((site.root / "site/data/engagements.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 3  # header + the published record's two actions; the draft is not published
    header = rows[0]
    first, second = (dict(zip(header, row)) for row in rows[1:])
    assert (first["title"], first["action"], first["owner"]) == ("'=HYPERLINK(1)", "'+SUM(1)", "'@SUM(1)")
    assert (second["action"], second["reason"], second["owner"]) == ("'-2+3", "'@cmd|' /C calc'!A0", "'-1")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_character_a_spreadsheet_starts_a_formula_with_is_neutralised(start: str) -> None:
    # A tab or carriage return cannot start a field (the content format trims them), but a cell
    # can still only start with one if the check covers it: the guard does not rely on the trim.
    assert neutralise(start + "SUM(1)") == "'" + start + "SUM(1)"
    assert neutralise("SUM(1)" + start) == "SUM(1)" + start


def test_feed_is_dated_by_the_records_not_the_clock(example_public: Path, published) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(example_public / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert entries
    by_id = {r.id: r for r in published}
    for entry in entries:
        record_id = entry.find("a:link", ns).get("href").rstrip("/").rsplit("/", 1)[-1]
        assert entry.find("a:updated", ns).text == feed_day(by_id[record_id].engagement).isoformat() + "T00:00:00+00:00"
    newest = max(feed_day(r.engagement) for r in published)
    assert feed.find("a:updated", ns).text == newest.isoformat() + "T00:00:00+00:00"


def test_aliases_redirect_to_the_record(example_public: Path, published) -> None:
    record = next(r for r in published if r.engagement.aliases)
    alias = record.engagement.aliases[0]
    page = (example_public / f"engagements/{alias}/index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../{record.id}/">' in page
    assert f'<a href="../{record.id}/">' in page


def test_home_page_leads_with_open_engagements_and_figures(site: SiteFolder) -> None:
    site.record("open-now.md", (
        "---\ntitle: Tell us about evening clinics\ntype: survey\nstatus: published\nsummary: Open now.\n"
        "start: 2025-11-01\nend: 2025-12-31\ntake_part: Fill in the form at the library.\n"
        "reach: {participants: 10}\nyou_said: [{id: early, theme: Early views}]\n"
        "we_did: [{id: wait, responds_to: [early], action: We will report in January., status: planned}]\n"
        "reviews: [{reviewer: RP-1, date: 2025-11-02, verdict: approved}, {reviewer: RP-2, date: 2025-11-02, verdict: approved}]\n---\n"
    ))
    assert site.mkdocs("build", "--strict").returncode == 0
    home = (site.root / "site/index.html").read_text(encoding="utf-8")
    text = text_of(site.root / "site/index.html")
    assert text.index("Have your say") < text.index("Welcome.") < text.index("The difference you made")
    assert "Tell us about evening clinics" in text and "How to take part: Fill in the form at the library." in text
    assert "Closes: 31 December 2025" in text
    assert "Figures as at 1 December 2025." in text
    # all time: 2 engagements, 130 people, 2 themes; 1 done (scan-times), 1 planned
    assert "All engagements, March 2025 to December 2025 Engagements 2 People who took part 130 Things you told us (themes) 2" in text
    assert "Actions: planned 1 Actions: in progress 0 Actions: done 1 Actions: not taken forward 0" in text
    assert "Themes with an action done or in progress 50% (1 of 2)" in text
    # this year (2025-26): only the open record started in it; scan-times' action was completed 15 August 2025
    assert "This year, 2025-26 (1 April 2025 to 31 March 2026) Engagements 1 People who took part 10" in text
    assert "Actions: done (completed in the year) 1" in text.split("This year")[1]
    assert 'href="action-status/done/"' in home and 'href="years/2025-26/"' in home
    assert home.count('href="action-status/done/"') == 1  # the year's count is of another thing: no link


def test_the_action_status_pages_count_the_actions_the_home_page_counts(example_public: Path) -> None:
    """"Actions: done 12" on the home page, and the page it links to says 12 actions, beside the
    engagements they are in: never two different numbers for the same words."""
    home = text_of(example_public / "index.html").split("This year")[0]
    hub = text_of(example_public / "action-status/index.html")
    data = json.loads((example_public / "data/engagements.json").read_text(encoding="utf-8"))
    for status, words in (("planned", "Planned"), ("in-progress", "In progress"), ("done", "Done"), ("not-taken-forward", "Not taken forward")):
        actions = sum(1 for r in data["records"] for a in r["we_did"] if a["status"] == status)
        engagements = sum(1 for r in data["records"] if any(a["status"] == status for a in r["we_did"]))
        assert f"Actions: {words.lower()} {actions} " in home, status
        counted = f"{actions} action{'' if actions == 1 else 's'} in {engagements} engagement{'' if engagements == 1 else 's'}"
        assert f"{words} ({counted})" in hub, status
        if engagements:
            assert f"that is {words.lower()}: {counted}." in text_of(example_public / f"action-status/{status}/index.html"), status


def test_data_page_and_accessibility_statement(example_public: Path) -> None:
    data = text_of(example_public / "data/index.html")
    assert "Open Government Licence v3.0" in data
    assert "financial_year text The financial year it belongs to" in data
    statement = text_of(example_public / "accessibility/index.html")
    for heading in ("How accessible this website is", "Asking for information in another format or language",
                    "Reporting accessibility problems with this website", "Enforcement procedure"):
        assert heading in statement
    assert "engagement@harrowdale-wenmouth.example.nhs.uk" in statement
    assert "we ask a panel of local people to read it before it is published" in statement
    assert "Each time yswd changes, every kind of page it makes is tested automatically on sample websites" in statement
    assert "it does not cover this website's own words, pictures and documents" in statement


YSWD_TESTING = "Each time yswd changes"


def test_accessibility_statement_says_only_what_the_settings_make_true(site: SiteFolder) -> None:
    org = site.read("site_config/organisation.yml")
    site.write(
        "site_config/organisation.yml",
        org.replace("required_approvals: 2", "required_approvals: 0")
        + "accessibility:\n  tested: 2026-03-02\n  testing: >-\n    An [auditor](https://example.org/audit) tested every page with a screen reader.\n",
    )
    assert site.mkdocs("build", "--strict").returncode == 0
    page = site.read("site/accessibility/index.html")
    statement = text_of(site.root / "site/accessibility/index.html")
    assert "The website was last tested on 2 March 2026." in statement
    assert "An auditor tested every page with a screen reader." in statement
    assert '<a href="https://example.org/audit" rel="noopener noreferrer">auditor</a>' in page
    assert YSWD_TESTING not in statement, "the site's own words replace the paragraph about yswd's tests"
    assert "panel of local people" not in statement, "no reader panel approves records when none is required"
    site.write("site_config/organisation.yml", org)
    assert site.mkdocs("build", "--strict").returncode == 0
    statement = text_of(site.root / "site/accessibility/index.html")
    assert YSWD_TESTING in statement and "panel of local people" in statement
    assert "last tested" not in statement and "last reviewed" not in statement


def test_brand_colours_must_be_readable(site: SiteFolder) -> None:
    org = site.read("site_config/organisation.yml")
    site.write("site_config/organisation.yml", org + 'branding:\n  primary_colour: "#7fb2e5"\n  accent_colour: "#003087"\n')
    problems = site.check().problems
    assert [(p.line, p.field) for p in problems] == [(26, "branding.primary_colour")]
    assert problems[0].message.startswith("is too light: its contrast with white is 2.2 to 1")
    site.write("site_config/organisation.yml", org + 'branding:\n  primary_colour: "#003087"\n')
    assert site.check().problems == []
    assert site.mkdocs("build").returncode == 0
    assert "--md-primary-fg-color: #003087;" in (site.root / "site/assets/yswd/brand.css").read_text()


def test_glossary_terms_are_explained_on_pages_and_listed(site: SiteFolder) -> None:
    record = site.read("content/engagements/scan-times.md")
    site.write("content/engagements/scan-times.md", record.replace(
        "summary: We asked parents-to-be about scan appointment times.",
        "summary: We asked parents-to-be and their PCN about scan appointment times.",
    ).replace("The clinic opened in August.", "Every PCN in the area helped."))
    site.write("content/index.md", "# Testshire\n\nOur PCN teams listen.\n")
    assert site.mkdocs("build", "--strict").returncode == 0
    page = (site.root / "site/engagements/scan-times/index.html").read_text(encoding="utf-8")
    assert page.count('<abbr title="Primary Care Network">PCN</abbr> (Primary Care Network)') == 1
    assert page.count('<abbr title="Primary Care Network">PCN</abbr>') == 2
    home = (site.root / "site/index.html").read_text(encoding="utf-8")
    assert '<abbr title="Primary Care Network">PCN</abbr> (Primary Care Network) teams listen.' in home
    glossary = text_of(site.root / "site/glossary/index.html")
    assert "PCN : Primary Care Network a group of GP practices working together" in glossary
