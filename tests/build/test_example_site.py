"""The example site, built with `mkdocs build --strict`, read back as HTML."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, SiteFolder, page_text
from yswd.guards.checking import load_and_check
from yswd.content.records import EngagementFile


@pytest.fixture(scope="module")
def example_records() -> list[EngagementFile]:
    content = load_and_check(SiteFolder(ROOT).layout)
    assert content.problems == []
    return content.engagements


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_example_checks_clean_from_the_command_line() -> None:
    result = SiteFolder(ROOT).yswd("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("No problems found in ")


def test_engagement_page_tells_the_whole_story(example_public: Path) -> None:
    markup = page(example_public, "engagements/maternity-scan-appointments-2023")
    text = " ".join(visible_text(markup).split())
    assert "<h1>Maternity scan appointments</h1>" in markup
    assert "We asked parents-to-be about booking and going to their pregnancy scans" in text
    assert "Type Survey" in text
    assert "Dates 1 September 2023 to 31 October 2023" in text
    assert "Topics Maternity and neonatal care" in text
    assert "Year 2023-24" in text
    assert "344 people took part" in text
    assert "Hear from at least 300 people who had a scan in the last year 300 344 Met" in text
    assert "You said: Waiting a long time on the day of the scan" in text
    assert 'class="yswd-status yswd-status--done">Done</span> We funded an extra Saturday scan clinic' in markup
    assert '<time datetime="2023-12-11">11 December 2023</time>: Funding agreed with the hospital trust.' in markup
    assert "Telling people what happened" in text
    assert "What we asked and why" in text and "What happens next" in text
    assert '<svg class="yswd-chart" role="img" aria-labelledby="aims-chart-title aims-chart-desc"' in markup
    assert "Hear from at least 300 people who had a scan in the last year: target 300, reached 344." in text


def test_attached_documents_are_published_with_their_record(example_public: Path) -> None:
    markup = page(example_public, "engagements/wenmouth-minor-injuries-unit-move")
    assert 'href="../2023-24/summary-of-responses.csv"' in markup
    assert (example_public / "engagements/2023-24/summary-of-responses.csv").is_file()


def test_not_taken_forward_actions_say_why(example_public: Path, example_records: list[EngagementFile]) -> None:
    record, action = next(
        (r, a) for r in example_records if r.engagement.status == "published"
        for a in r.engagement.we_did if a.status == "not-taken-forward"
    )
    text = " ".join(visible_text(page(example_public, f"engagements/{record.id}")).split())
    assert f"Not taken forward {action.action}" in text
    assert f"Why not: {action.reason}" in text


def test_missed_aims_say_not_met(example_public: Path, example_records: list[EngagementFile]) -> None:
    missed = [
        r for r in example_records if r.engagement.status == "published"
        for aim in r.engagement.aims
        if aim.measure == "participants" and r.engagement.reach.count is not None and r.engagement.reach.count < aim.target
    ]
    assert missed, "the example should include an aim that was missed"
    assert "Not met" in visible_text(page(example_public, f"engagements/{missed[0].id}"))


def test_index_lists_published_records_newest_first(example_public: Path, example_records: list[EngagementFile]) -> None:
    published = sorted(
        (r for r in example_records if r.engagement.status == "published"),
        key=lambda r: r.engagement.start,
        reverse=True,
    )
    first_page = page(example_public, "you-said-we-did")
    linked = re.findall(r'class="yswd-record__title"><a href="../engagements/([^/]+)/"', first_page)
    assert linked == [r.id for r in published[:20]]
    assert "Showing 1 to 20 of %d." % len(published) in first_page
    assert "You said:" in first_page and "We did:" in first_page
    last = (len(published) + 19) // 20
    assert f"Page {last} of {last}" in page(example_public, f"you-said-we-did/page-{last}")


def listing_text(site: Path, folder: str) -> str:
    """All pages of a paginated listing, as one text."""
    pages = [page(site, folder)] + [p.read_text(encoding="utf-8") for p in sorted((site / folder).glob("page-*/index.html"))]
    return html.unescape("".join(pages))


def test_listings_per_topic_locality_and_year(example_public: Path, example_records: list[EngagementFile]) -> None:
    published = [r for r in example_records if r.engagement.status == "published"]
    area_wide = next(r for r in published if not r.engagement.localities)
    local = next(r for r in published if r.engagement.localities)
    for key in ("harrowdale-central", "copperholt"):
        assert area_wide.engagement.title in listing_text(example_public, f"localities/{key}")
    assert "(area-wide)" in page(example_public, "localities/copperholt")
    key = local.engagement.localities[0]
    assert local.engagement.title in listing_text(example_public, f"localities/{key}")
    topic = local.engagement.topics[0]
    assert local.engagement.title in listing_text(example_public, f"topics/{topic}")
    for year in ("2023-24", "2024-25", "2025-26"):
        assert "Engagements that started between 1 April" in page(example_public, f"years/{year}")
    assert "2025-26" in page(example_public, "years")


def test_navigation_holds_hubs_not_records(example_public: Path) -> None:
    home = (example_public / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):home.index("</nav>", home.index('md-nav--primary'))]
    labels = [" ".join(visible_text(m).split()) for m in re.findall(r'<a[^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</a>', nav, re.S)]
    assert labels == [
        "Home", "How to edit (staff)", "You said, we did", "Topics", "Localities", "Years",
        "Our strategy", "Annual reports", "Changes you made happen", "Search",
    ]
    assert "engagements/" not in nav


def test_plain_text_is_escaped_and_markdown_rendered(site: SiteFolder) -> None:
    record = site.read("content/engagements/scan-times.md")
    record = record.replace("summary: We asked parents-to-be about scan appointment times.", 'summary: "Scans <b>matter</b> & *so* do waits"')
    record = record.replace("The clinic opened in August.", "The clinic **opened** in August.\n\n<script>alert(1)</script>")
    site.write("content/engagements/scan-times.md", record)
    assert site.mkdocs("build", "--strict").returncode == 0
    markup = page(site.root / "site", "engagements/scan-times")
    assert "Scans &lt;b&gt;matter&lt;/b&gt; &amp; *so* do waits" in markup
    assert "The clinic <strong>opened</strong> in August." in markup
    assert "<script>alert(1)</script>" not in markup


def _output_text(site: Path) -> dict[str, str]:
    """Every file in the built site as searchable text: HTML unescaped, JSON decoded, gzip opened."""
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip: the sitemap, and Pagefind's search index
            data = gzip.decompress(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        texts[path.relative_to(site).as_posix()] = html.unescape(text)
    return texts


def _distinctive_texts(record: EngagementFile) -> list[str]:
    e = record.engagement
    texts = [e.title, record.id, *(t.theme for t in e.you_said), *(a.action for a in e.we_did)]
    if e.summary:
        texts.append(e.summary)
    texts += [line.strip() for line in record.body.splitlines() if len(line.strip()) > 40]
    return texts


def test_nothing_unpublished_reaches_the_public(example_public: Path, example_records: list[EngagementFile]) -> None:
    hidden = [r for r in example_records if r.engagement.status != "published"]
    assert {r.engagement.status for r in hidden} == {"draft", "review", "withdrawn"}
    outputs = _output_text(example_public)
    assert any(name.startswith("pagefind/fragment/") for name in outputs)
    for record in hidden:
        for text in _distinctive_texts(record):
            leaks = [name for name, body in outputs.items() if text in body]
            assert leaks == [], f"{record.id}: {text!r} appears in {leaks}"
        for document in record.engagement.documents:
            if "://" not in document.url:
                assert not (example_public / record.folder / document.url).exists()


def test_no_raw_data_files_are_published(example_public: Path) -> None:
    assert not [p for p in example_public.rglob("*") if p.suffix in (".yml", ".yaml")]
    assert not list(example_public.rglob("*.md"))
    outputs = _output_text(example_public)
    raw_yaml = re.compile(r"(?m)^(easy_read|financial_year_start_month|commitments|engagement_types):")
    assert not [name for name, body in outputs.items() if raw_yaml.search(body)]


def test_review_build_includes_and_marks_unpublished_records(example_review: Path, example_records: list[EngagementFile]) -> None:
    assert example_review.name == "site-review"
    for record in example_records:
        markup = page(example_review, f"engagements/{record.id}")
        if record.engagement.status == "published":
            assert "yswd-banner" not in markup
        else:
            words = {"draft": "Draft: not published", "review": "In review: waiting for the reader panel", "withdrawn": "Withdrawn: no longer published"}
            assert words[record.engagement.status] in markup
    for path in example_review.rglob("*.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in path.read_text(encoding="utf-8"), path
    assert (example_review / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    draft_documents = [
        r.folder / d.url for r in example_records if r.engagement.status == "draft"
        for d in r.engagement.documents if "://" not in d.url
    ]
    assert draft_documents and all((example_review / p).is_file() for p in draft_documents)


def test_review_build_lists_what_awaits_review_with_approvals_needed(example_review: Path, example_records: list[EngagementFile]) -> None:
    from yswd.content.approval import approvals_still_needed, current_approvers

    listing = page(example_review, "review")
    text = " ".join(visible_text(listing).split())
    waiting = [r for r in example_records if r.engagement.status == "review"]
    assert f"Waiting for review ({len(waiting)})" in text
    rows = re.findall(r"<tr>\s*<td><a [^>]*>(.*?)</a>.*?</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", listing, re.S)
    assert {html.unescape(title): (html.unescape(approvers), needed) for title, approvers, needed in rows} == {
        r.engagement.title: (", ".join(sorted(current_approvers(r.engagement))) or "Nobody yet", str(approvals_still_needed(r.engagement, 2)))
        for r in waiting
    }
    assert {needed for _, _, needed in rows} != {"0"}  # the example has records still needing approvals
    pack = " ".join(visible_text(page(example_review, "review/pack")).split())
    assert "Checklist for each record" in pack
    assert all(r.engagement.title in pack for r in waiting)
    assert not any(r.engagement.title in pack for r in example_records if r.engagement.status == "published")


def test_public_build_has_no_review_pages(example_public: Path) -> None:
    assert not (example_public / "review").exists()


def test_review_pages_carry_the_plain_english_report(example_review: Path, example_public: Path, example_records: list[EngagementFile]) -> None:
    draft = next(r for r in example_records if r.engagement.status == "draft")
    text = " ".join(visible_text(page(example_review, f"engagements/{draft.id}")).split())
    assert "Plain English report Reading age" in text
    assert "Reading age of each part" in text and "Longest sentences" in text
    published = next(r for r in example_records if r.engagement.status == "published")
    assert "Plain English report" not in page(example_public, f"engagements/{published.id}")


def test_readability_advice_is_logged_at_info_in_the_review_build(site: SiteFolder) -> None:
    record = site.read("content/engagements/scan-times.md")
    long_summary = "We asked parents-to-be, their partners, their families, the midwives who look after them and the hospital staff who run the clinics about the times of their appointments."
    site.write("content/engagements/scan-times.md", record.replace("summary: We asked parents-to-be about scan appointment times.", f"summary: {long_summary}"))
    review = site.mkdocs("build", "--strict", env={"YSWD_AUDIENCE": "review"})
    assert review.returncode == 0, review.stderr
    assert "INFO    -  yswd: Plain English: content/engagements/scan-times.md:5: summary: has a reading age of" in review.stderr
    public = site.mkdocs("build", "--strict")
    assert public.returncode == 0 and "Plain English" not in public.stderr


words = page_text


def test_the_example_consultation_has_its_phases_and_a_reversed_decision_in_date_order(example_public: Path) -> None:
    text = words(example_public, "engagements/wenmouth-birth-centre-consultation")
    timeline = text[text.index("Timeline"):text.index("What changed")]
    order = [
        "February 2024 to March 2024: Early engagement before the consultation",
        "13 May 2024 to 4 August 2024: Public consultation, 12 weeks",
        "August 2024 to September 2024: Weighing what people said",
        "19 September 2024: Our board decided: Wait for the full analysis of travel times before deciding. Deferred.",
        "17 October 2024: Our board decided: Stop births at Wenmouth Birth Centre from April 2025, and open a daytime hub there. Agreed.",
        "23 January 2025: Our board decided: Keep births at Wenmouth Birth Centre.",
        "3 March 2025: Midwives agreed the new rota with their union.",
    ]
    assert [timeline.index(entry) for entry in order] == sorted(timeline.index(entry) for entry in order)
    assert "Reversed an earlier decision." in timeline
    assert "At least 2,140 people took part, through: consultation questionnaire (1,962 people), letters and emails (178 people)" in text
    assert "Hear from at least 1,500 people 1,500 at least 2,140 Met" in text
    assert "Done: April 2025" in text
    assert "Young people (16-25) 312 at most 14.6% 11.5%" in text
    assert "At least 2,140 people took part, and perhaps more, so each group's share is at most the figure shown." in text
    report = words(example_public, "reports/2024-25")
    assert "Young people (16-25) were at most 12.9% of those who took part, against 11.5% of local people: at most 1.4 percentage points above their share." in report
    assert "Disabled people were at most 5% of those who took part, against 18.6% of local people: at least 13.6 percentage points below their share." in report
    assert "Equality impact assessment" in text and "Board paper: Decision paper for the board" in text and "Minutes: Board minutes" in text


def test_the_example_has_a_partner_led_engagement_a_survey_in_percentages_and_an_unknown_count(example_public: Path) -> None:
    partnered = words(example_public, "engagements/joining-up-care-at-home")
    assert "Led by Harrowdale and Wenmouth Council Run with Healthwatch Harrowdale and Wenmouth" in partnered
    assert "How far people were involved Collaborate" in partnered
    survey = words(example_public, "engagements/repeat-prescriptions-survey")
    assert "About 2,400 people took part, through: online survey (1,870 people)" in survey
    assert "38.5% of people who took part." in survey
    assert "Older people (65 and over) 880 about 36.7% 21.3%" in survey
    assert "27% of people who took part (reported by Healthwatch Harrowdale and Wenmouth's survey of pharmacy users" in survey
    harbour = words(example_public, "engagements/wenmouth-harbour-health-bus")
    assert "Dates July 2023 to August 2023" in harbour
    assert "The number of people who took part was not recorded." in harbour and "The bus team counted health checks" in harbour
    assert "Done: date not recorded" in harbour and "Done: February 2024" in harbour
    assert "We told participants (the date was not recorded)" in harbour
    assert "1 July 2023" not in harbour and "31 August 2023" not in harbour
    assert "Community outreach 2 187 (not recorded for 1 engagement)" in words(example_public, "reports/2023-24")


def test_every_way_to_take_part_has_a_page_with_how_to_join_and_its_engagements(example_public: Path, example_records) -> None:
    strategy = load_and_check(SiteFolder(ROOT).layout).strategy
    published = [r for r in example_records if r.engagement.status == "published"]
    assert all(method.join for method in strategy.methods)
    for method in strategy.methods:
        text = words(example_public, f"ways-to-take-part/{method.id}")
        used = [r for r in published if method.id in r.engagement.ways]
        assert used, method.id
        assert " ".join(method.join.split()) in text
        assert f"{len(used)} published engagement{'s' if len(used) > 1 else ''} used this way to take part" in text
        assert all(r.engagement.title in text for r in used)
    hub = page(example_public, "ways-to-take-part")
    assert all(f'href="{method.id}/"' in hub for method in strategy.methods)
