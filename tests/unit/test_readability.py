"""The plain-English report: scores, longest sentences, jargon and targets, through real files and the CLI."""

from __future__ import annotations

import json

import textstat
import yaml

from yswd.content.model import GlossaryEntry
from yswd.guards.jargon import JARGON_FILE, built_in_jargon, find_jargon, jargon_terms
from yswd.guards.readability import Targets, record_readability, reports_for, summarise
from yswd.guards.scoring import markdown_to_text, score, sentences

HARD = (
    "We consulted stakeholders regarding the reconfiguration of community-based "
    "musculoskeletal physiotherapy provision across the integrated care system footprint, "
    "considering accessibility, sustainability and organisational interdependencies."
)
EASY = "We asked people about scans. They told us the wait is too long."

RECORD = """---
title: {title}
type: survey
status: {status}
start: 2025-06-01
summary: {summary}
---
{body}
"""


def write(site, name: str = "plain.md", *, title: str = "Scan times", status: str = "draft", summary: str = EASY, body: str = "") -> None:
    site.record(name, RECORD.format(title=title, status=status, summary=summary, body=body))


def report_for(site, name: str = "plain.md", targets: Targets = Targets()):
    content = site.check()
    assert not content.problems, content.problems
    [record] = [r for r in content.engagements if r.source.path.endswith(name)]
    return record_readability(record, content.glossary, targets)


# --- scores and text ----------------------------------------------------------------------------


def test_reading_age_is_flesch_kincaid_grade_plus_five() -> None:
    text = "The clinic opens on Saturday mornings. People can book online or by phone. Most people liked the change."
    scores = score(text)
    assert scores.grade == round(textstat.flesch_kincaid_grade(text), 1)
    assert scores.reading_age == round(scores.grade + 5, 1)
    assert scores.reading_ease == round(textstat.flesch_reading_ease(text), 1)
    assert (scores.words, scores.sentences) == (18, 3)


def test_harder_text_has_a_higher_reading_age_and_lower_ease() -> None:
    assert score(HARD).reading_age > score(EASY).reading_age + 5
    assert score(HARD).reading_ease < score(EASY).reading_ease
    assert score(HARD).ease_words in ("difficult", "very difficult")


def test_empty_text_scores_nothing() -> None:
    assert score("  ").words == 0


def test_markdown_becomes_plain_sentences() -> None:
    text = markdown_to_text(
        "## What we heard\n\n"
        "People said the **wait** was too long. See [the report](https://example.nhs.uk/r.pdf).\n\n"
        "- Saturday clinics\n- Evening clinics\n\n"
        "| Clinic | Wait |\n|---|---|\n| North | 6 weeks |\n\n"
        "<!-- a note for staff -->\n"
    )
    assert "**" not in text and "https://" not in text and "#" not in text and "note for staff" not in text
    assert sentences(text) == [
        "What we heard.",
        "People said the wait was too long.",
        "See the report.",
        "Saturday clinics.",
        "Evening clinics.",
        "Clinic.", "Wait.", "North.", "6 weeks.",
    ]


# --- records -------------------------------------------------------------------------------------


def test_a_record_reports_each_part_and_its_three_longest_sentences(site) -> None:
    body = (
        "We spoke to parents in Northvale and Southbrook over six weeks in the spring, at clinics, "
        "children's centres and online.\n\n"
        "Most wanted evening slots.\n\n"
        "Some parents said the bus from the villages does not reach the hospital before nine in the morning.\n"
    )
    write(site, body=body)
    report = report_for(site)
    assert [part.name for part in report.parts] == ["summary", "body"]
    assert report.part("summary").line == 6
    assert [(s.words, s.part) for s in report.longest] == [(20, "body"), (18, "body"), (8, "summary")]
    assert report.longest[0].text.startswith("We spoke to parents")
    assert report.overall.words == sum(part.scores.words for part in report.parts)


def test_themes_and_actions_are_scored(site) -> None:
    report = report_for(site, "scan-times.md")
    assert [part.name for part in report.parts] == ["summary", "themes", "actions", "body"]
    assert report.part("themes").line == 19


def test_the_summary_target_gives_advice_on_the_summary_line(site) -> None:
    write(site, summary=HARD)
    report = report_for(site)
    [advice] = [a for a in report.advice if a.kind == "reading-age"]
    assert (advice.path, advice.line, advice.field) == ("content/engagements/plain.md", 6, "summary")
    assert f"reading age of {report.part('summary').scores.reading_age:g}, above the target of 11" in advice.message
    assert not report.meets_targets
    assert str(advice).startswith("content/engagements/plain.md:6: summary: has a reading age of")


def test_a_plain_summary_meets_the_target(site) -> None:
    write(site, summary=EASY)
    report = report_for(site)
    assert report.part("summary").scores.reading_age <= 11
    assert report.meets_targets


def test_targets_are_configurable(site) -> None:
    write(site, summary=HARD)
    assert report_for(site, targets=Targets(summary_reading_age=40)).meets_targets
    assert report_for(site, targets=Targets(summary_reading_age=None)).meets_targets
    strict = report_for(site, targets=Targets(summary_reading_age=None, reading_age=6))
    assert [a.kind for a in strict.advice if a.kind != "jargon"] == ["reading-age"]


def test_long_sentences_get_advice(site) -> None:
    long_sentence = " ".join(["word"] * 30) + "."
    write(site, body=f"Short one.\n\n{long_sentence}\n")
    report = report_for(site, targets=Targets(sentence_words=25))
    [advice] = [a for a in report.advice if a.kind == "sentence-length"]
    assert advice.field == "body"
    assert "1 sentence is longer than 25 words (the longest has 30)" in advice.message
    assert report_for(site, targets=Targets(sentence_words=40)).meets_targets


def test_drafts_and_every_status_are_reported(site) -> None:
    for status in ("draft", "review", "withdrawn"):
        write(site, f"{status}.md", status=status)
    reports = reports_for(site.check(), site.root)
    assert sorted(r.status for r in reports if r.status) == ["draft", "published", "review", "withdrawn"]
    assert reports[-1].path == "content/strategy.yml" and reports[-1].id is None


# --- jargon ----------------------------------------------------------------------------------------


def test_the_built_in_jargon_list_has_plain_alternatives() -> None:
    data = yaml.safe_load(JARGON_FILE.read_text(encoding="utf-8"))
    assert len(data) >= 40
    assert all(entry["plain"] and entry["expansion"] for entry in data.values())
    assert {"ICB", "PCN", "CAMHS", "A&E", "commissioning"} <= set(built_in_jargon())


def test_jargon_is_found_from_the_glossary_and_the_built_in_list(site) -> None:
    write(site, title="PCN patient survey", body="The PCN works with CAMHS. Two PCNs and the ICB took part in commissioning.")
    report = report_for(site)
    found = {use.term: use for use in report.jargon}
    assert found["PCN"].count == 3 and found["PCN"].source == "glossary"
    assert found["PCN"].plain == "a group of GP practices working together"
    assert found["PCN"].parts == ("title", "body")
    assert found["CAMHS"].source == "built-in" and found["CAMHS"].plain
    assert {"ICB", "commissioning"} <= set(found)
    [advice] = [a for a in report.advice if a.kind == "jargon" and '"CAMHS"' in a.message]
    assert 'Say "mental health services for children and young people" instead' in advice.message
    assert report.meets_targets  # jargon is advice, not a missed target


def test_capitals_are_matched_exactly_and_other_terms_in_any_case() -> None:
    terms = jargon_terms({})
    text = "Please send the form. SEND support. Commissioning and commissioners. GP-led, GPs. Co-production."
    found = {use.term: use.count for use in find_jargon([("body", text)], terms)}
    assert found["co-production"] == 1
    assert found["SEND"] == 1
    assert found["commissioning"] == 1 and found["commissioner"] == 1
    assert found["GP"] == 2
    assert "ED" not in found  # "led" is not ED


def test_the_site_glossary_replaces_a_built_in_entry() -> None:
    terms = {t.term: t for t in jargon_terms({"gp": GlossaryEntry(expansion="General practice", plain="your doctor's surgery")})}
    assert "GP" not in terms
    assert terms["gp"].plain == "your doctor's surgery" and terms["gp"].source == "glossary"


def test_summary_of_many_reports(site) -> None:
    write(site, "hard.md", summary=HARD, body="The PCN and the ICB.")
    reports = reports_for(site.check(), site.root)
    summary = summarise(reports)
    assert summary.count == 3
    assert summary.hardest[0].path == "content/engagements/hard.md"
    assert summary.missing_targets == 1
    assert dict(summary.jargon)["PCN"] == 1
    assert summary.mean_reading_age == round(sum(r.overall.reading_age for r in reports) / 3, 1)


# --- the command -------------------------------------------------------------------------------------


def test_yswd_readability_reports_every_record_and_the_strategy(site) -> None:
    write(site, "hard.md", summary=HARD)
    result = site.yswd("readability")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "content/engagements/hard.md" in out and "content/engagements/scan-times.md" in out and "content/strategy.yml" in out
    assert "Reading age" in out and "Longest sentences:" in out
    assert "line 6, summary: has a reading age of" in out
    assert "3 reports: mean reading age" in out and "1 misses a target" in out


def test_yswd_readability_for_one_file_or_a_folder(site) -> None:
    write(site, "2025-26/hard.md", summary=HARD)
    one = site.yswd("readability", "content/engagements/2025-26/hard.md")
    assert one.returncode == 0 and "hard.md" in one.stdout and "scan-times.md" not in one.stdout
    folder = site.yswd("readability", "content/engagements/2025-26")
    assert "hard.md" in folder.stdout and "strategy.yml" not in folder.stdout
    everything = site.yswd("readability", "content")
    assert "scan-times.md" in everything.stdout and "strategy.yml" in everything.stdout
    missing = site.yswd("readability", "content/engagements/nope.md")
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_yswd_readability_strict_and_json(site) -> None:
    write(site, "hard.md", summary=HARD)
    assert site.yswd("readability", "--strict").returncode == 1
    assert site.yswd("readability", "--strict", "--summary-age", "40").returncode == 0
    result = site.yswd("readability", "--format", "json", "content/engagements/hard.md")
    [data] = json.loads(result.stdout)
    assert data["path"] == "content/engagements/hard.md" and data["meets_targets"] is False
    assert data["parts"][0]["name"] == "summary" and data["parts"][0]["scores"]["reading_age"] > 11
    assert data["advice"][0]["kind"] == "reading-age"


def test_the_example_site_reports_without_errors() -> None:
    from pathlib import Path

    from yswd.content.load import load_content
    from yswd.content.records import Layout

    root = Path(__file__).resolve().parents[2]
    content = load_content(Layout(root=root, docs_dir=root / "content", config_dir=root / "site_config"))
    reports = reports_for(content, root)
    assert len(reports) == len(content.engagements) + 1
    assert all(5 <= r.overall.reading_age < 25 for r in reports if r.overall.words)
