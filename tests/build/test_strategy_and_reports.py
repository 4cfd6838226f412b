"""The strategy summary, easy read, annual reports, changes made and the board's PDF, from real builds."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import SiteFolder, list_item_tags

REVIEWS = """reviews:
  - reviewer: RP-01
    date: 2025-05-01
    verdict: approved
  - reviewer: RP-02
    date: 2025-05-02
    verdict: approved
"""

# 2025-26 (1 April 2025 to 31 March 2026) starts on its first day. With the minimal site's
# scan-times record (1 March 2025, so 2024-25: 120 people, 30 young people, 3 carers; its
# Saturday clinic done on 15 August 2025) the figures below are worked out by hand.
FOCUS_GROUP = f"""---
title: Young people's mental health focus group
type: focus-group
status: published
summary: We asked young people about mental health support.
topics: [mental-health]
start: 2025-04-01
end: 2025-05-31
commitments: [seldom-heard]
aims:
  - text: Hear from at least 10 carers
    measure: carers
    target: 10
reach:
  participants: 80
  groups: {{young-people: 10, carers: 4}}
you_said:
  - id: evenings
    theme: Support should be open in the evening
  - id: online
    theme: We want to book online
we_did:
  - id: late-opening
    responds_to: [evenings]
    action: The drop-in now opens until 9pm.
    status: done
    completed: 2025-06-30
  - id: booking
    responds_to: [online]
    action: We are building online booking.
    status: in-progress
feedback_given:
  date: 2025-07-01
  how: A letter to everyone who took part.
evaluation:
  responses: 20
  rating: 4.5
{REVIEWS}---
The group met twice.
"""

DRAFT = """---
title: Draft that must not count
type: survey
status: draft
start: 2025-05-01
commitments: [seldom-heard]
reach:
  participants: 1000
  groups: {young-people: 1000}
---
"""


def text_of(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def article(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return page[page.index('<article class="md-content__inner'):page.index("</article>")]


def headings(markup: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", markup)]


def assert_accessible_structure(markup: str) -> None:
    """One h1 first, no heading level skipped; every table captioned with scoped headers; charts described."""
    levels = headings(markup)
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    for table in re.findall(r"<table\b.*?</table>", markup, re.S):
        assert "<caption>" in table, table[:200]
        assert len(re.findall(r"<th\b", table)) == len(re.findall(r'<th scope="(?:col|row)"', table)), table[:200]
    for svg in re.findall(r"<svg\b.*?</svg>", markup, re.S):
        match = re.search(r'role="img" aria-labelledby="([\w-]+) ([\w-]+)"', svg)
        assert match, svg[:200]
        assert f'<title id="{match.group(1)}">' in svg and f'<desc id="{match.group(2)}">' in svg


@pytest.fixture
def built(site: SiteFolder) -> SiteFolder:
    site.record("focus-group.md", FOCUS_GROUP)
    site.record("draft.md", DRAFT)
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    return site


def test_strategy_shows_commitments_with_live_evidence_and_met_label(built: SiteFolder) -> None:
    page = built.root / "site/strategy/index.html"
    assert_accessible_structure(article(page))
    text = text_of(page)
    for part in ("We listen, and we show what changed.", "Hear from more people.", "Say what we did.", "Surveys", "Online and paper."):
        assert part in text
    # (30 + 10) young people of (120 + 80) published participants = 20%, the target: met. The draft does not count.
    assert "20% (40 of 200 people)" in text
    assert re.search(r'<span class="yswd-result yswd-result--met">Met</span>', page.read_text(encoding="utf-8"))
    assert "2 published engagements list this commitment, reaching 200 people." in text
    assert "Draft that must not count" not in text
    assert "Figures as at 1 December 2025" in text  # the test build date


def test_a_commitment_short_of_its_target_before_and_after_its_due_date(site: SiteFolder) -> None:
    strategy = site.read("content/strategy.yml").replace("target: 20", "target: 26")
    site.write("content/strategy.yml", strategy)
    assert site.mkdocs("build").returncode == 0
    assert "Not yet met" in text_of(site.root / "site/strategy/index.html")  # 25% < 26%, due 2027
    site.write("content/strategy.yml", strategy.replace("due: 2027-03-31", "due: 2025-11-30"))
    assert site.mkdocs("build").returncode == 0
    text = text_of(site.root / "site/strategy/index.html")
    assert "Not met" in text and "Not yet met" not in text


def test_easy_read_page_with_pictures(site: SiteFolder) -> None:
    site.write("content/images/listen.png", b"\x89PNG\r\n\x1a\n")
    site.write(
        "content/strategy.yml",
        site.read("content/strategy.yml")
        + "easy_read:\n  - text: We want to hear from you.\n    image: images/listen.png\n    alt: Two people talking.\n"
        "  - text: We will tell you what we did.\n",
    )
    assert site.mkdocs("build", "--strict").returncode == 0
    page = site.root / "site/strategy/easy-read/index.html"
    markup = article(page)
    assert_accessible_structure(markup)
    assert '<img src="../../images/listen.png" alt="Two people talking."' in markup
    assert (site.root / "site/images/listen.png").is_file()
    assert "We will tell you what we did." in text_of(page)
    assert "easy read version" in text_of(site.root / "site/strategy/index.html")


def test_without_easy_read_the_review_build_says_so_and_the_public_build_has_no_page(site: SiteFolder) -> None:
    assert site.mkdocs("build").returncode == 0
    assert not (site.root / "site/strategy/easy-read").exists()
    assert "easy read version" not in text_of(site.root / "site/strategy/index.html")
    assert site.mkdocs("build", env={"YSWD_AUDIENCE": "review"}).returncode == 0
    text = text_of(site.root / "site-review/strategy/easy-read/index.html")
    assert "There is no easy read version yet." in text and "easy_read:" in text


def test_annual_report_figures_for_a_year(built: SiteFolder) -> None:
    page = built.root / "site/reports/2025-26/index.html"
    markup = article(page)
    assert_accessible_structure(markup)
    text = text_of(page)
    # Only the focus group started in 2025-26 (scan-times started on 1 March 2025, in 2024-25).
    assert "Engagements that started in the year 1 " in text
    assert "People who took part 80 " in text
    # Done in 2025-26: scan-times' clinic (15 August 2025) and the focus group's late opening (30 June 2025)
    assert "Changes completed in the year 2 " in text
    assert "Engagements where we told participants the outcome 100% (1 of 1)" in text
    assert "Participants' average rating of taking part 4.5 out of 5 (20 ratings)" in text
    # reach: 10 young people (12.5% of 80, shown as 13%), 4 carers withheld as a small number; the carers aim of 10 missed
    assert "Young people (16-25) 10 13% 1 no aim set" in text
    assert "Unpaid carers fewer than 5 not shown 1 0 of 1" in text
    assert "Focus group 1 80" in text and "Mental health 1 80" in text
    assert "The whole area (area-wide) 1 80" in text
    assert text.index("We opened a Saturday scan clinic.") < text.index("The drop-in now opens until 9pm.")  # newest first
    assert "Engagements 1 1 no change" in text and "People who took part 120 80 down 40" in text
    assert markup.count('role="img"') == 6
    assert "Draft that must not count" not in text


def test_reports_index_and_changes_page(built: SiteFolder) -> None:
    index = built.root / "site/reports/index.html"
    assert_accessible_structure(article(index))
    text = text_of(index)
    assert "2025-26 (year so far) 1 80 2" in text and "2024-25 1 120 0" in text
    changes = built.root / "site/changes-you-made-happen/index.html"
    assert_accessible_structure(article(changes))
    text = text_of(changes)
    assert "2 changes made." in text
    assert text.index("We opened a Saturday scan clinic.") < text.index("The drop-in now opens until 9pm.")
    assert "You said: Waiting too long for a scan We did: We opened a Saturday scan clinic. Completed 15 August 2025 · From Scan appointment times" in text


def test_report_command_writes_a_tagged_pdf_with_bookmarks_and_figures(built: SiteFolder) -> None:
    result = built.yswd("report", "2025-26", "--pdf", "board/report.pdf")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(built.root / "board/report.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"] == True and "/StructTreeRoot" in root
    assert reader.metadata.title == "Annual engagement report 2025-26: Testshire Integrated Care Board"
    outline = [item.title for item in _flatten(reader.outline)]
    assert outline[:4] == ["Annual engagement report 2025-26", "The year at a glance", "What we did this year", "Kinds of engagement"]
    assert "Changes completed in 2025-26" in outline and "Compared with 2024-25" in outline
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Engagements that started in the year 1" in text
    assert "People who took part 80" in text
    assert "Changes completed in the year 2" in text
    assert "We opened a Saturday scan clinic." in text
    assert "Draft that must not count" not in text
    # each numbered item's number is beside its content, never an empty item (engagements, changes)
    items = list_item_tags(reader)
    assert items.count(("/Lbl", "/LBody")) >= 3 and set(items) <= {("/Lbl", "/LBody"), ("/LBody",)}, items


def test_report_command_explains_an_unknown_year(built: SiteFolder) -> None:
    result = built.yswd("report", "2030-31", "--pdf", "report.pdf")
    assert result.returncode == 1
    assert 'There is no report for "2030-31". The years with records are: 2025-26, 2024-25.' in result.stderr
    assert not (built.root / "report.pdf").exists()


def test_example_pages_build_and_are_accessible(example_public: Path) -> None:
    for url in ("strategy/", "strategy/easy-read/", "reports/", "reports/2025-26/", "changes-you-made-happen/"):
        assert_accessible_structure(article(example_public / url / "index.html"))
    strategy = text_of(example_public / "strategy/index.html")
    assert "Our commitments and how we are doing" in strategy
    assert "See all" in strategy  # a commitment with more evidence than the summary lists has its own page
    assert "2025-26" in text_of(example_public / "reports/index.html")


def test_example_report_pdf_matches_its_page(example_public: Path) -> None:
    folder = SiteFolder(example_public.parent)
    result = folder.yswd("report", "2025-26", "--pdf", "report-2025-26.pdf")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(folder.root / "report-2025-26.pdf")
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    page_text = text_of(example_public / "reports/2025-26/index.html")
    for label in ("Engagements that started in the year", "People who took part", "Changes completed in the year"):
        figure = re.search(re.escape(label) + r" ((?:about |at least )?[\d,]+)", page_text).group(1)  # a rough total keeps its word
        assert f"{label} {figure}" in pdf_text
    links = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])]
    assert links and all(link.startswith("https://engage.harrowdale-wenmouth.example.nhs.uk/") for link in links)


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item
