"""Everything that would crash or hang `build` is caught by `check` first, with the same message.

Each case runs the real commands, `yswd check` and `mkdocs build`, on the minimal site with
one thing wrong: each must exit 1 with the exact problem line and no traceback, and the
build must leave no site behind. The last tests build what was wrongly refused or mangled.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

import pytest

from conftest import SiteFolder

BAD_INPUTS = Path(__file__).resolve().parent.parent / "bad_inputs"
NOT_ORDINARY = "This is not an ordinary file (it is a pipe, a socket or a device). Delete it: the site's content is ordinary files."
DANGLING = (
    "This is a link (symlink) to another file or folder. The site would publish whatever it points at, without any "
    "checks. Put the file itself here, or remove the link."
)
TOO_DEEP = (
    "has lists, quotes or indenting nested more than 20 levels deep on this line, which the site can't show. "
    "Indent less, or turn the inner lists into ordinary text."
)


def _corpus(name: str) -> Callable[[SiteFolder], None]:
    return lambda site: site.record(name, (BAD_INPUTS / name).read_bytes())


def _logo_outside(site: SiteFolder) -> None:
    org = "site_config/organisation.yml"
    site.write(org, site.read(org) + "branding:\n  logo: ../site_config/organisation.yml\n")


# case -> (how to break the site, the problem line both commands print)
CASES: dict[str, tuple[Callable[[SiteFolder], None], str]] = {
    "nested lists": (_corpus("nested-list-too-deep.md"), f"content/engagements/nested-list-too-deep.md:26: body: {TOO_DEEP}"),
    "nested indenting": (_corpus("nested-indent-too-deep.md"), f"content/engagements/nested-indent-too-deep.md:46: body: {TOO_DEEP}"),
    "escaped control character": (
        _corpus("escaped-escape-character.md"),
        "content/engagements/escaped-escape-character.md:2: title: contains an invisible control character "
        "(written with a backslash in quotes, such as \\x1b or \\0, or pasted from another program). Remove it.",
    ),
    "right-to-left override": (
        _corpus("right-to-left-override.md"),
        "content/engagements/right-to-left-override.md:2: title: contains an invisible character that reverses the "
        "direction of the text (a right-to-left override or isolate), which can disguise what it says. Delete it and type the text again.",
    ),
    "a page nested too deeply": (
        lambda site: site.write("content/about.md", "# About\n\n" + "> " * 30 + "deep\n"),
        f"content/about.md:3: This page {TOO_DEEP}",
    ),
    "a pipe named like a record": (lambda site: os.mkfifo(site.root / "content/engagements/pipe.md"), f"content/engagements/pipe.md:1: {NOT_ORDINARY}"),
    "a pipe among the pages": (lambda site: os.mkfifo(site.root / "content/notes.txt"), f"content/notes.txt:1: {NOT_ORDINARY}"),
    "a link to nothing": (lambda site: (site.root / "content/engagements/gone.md").symlink_to("nowhere.md"), f"content/engagements/gone.md:1: {DANGLING}"),
    "a link to nothing among the pages": (lambda site: (site.root / "content/picture.png").symlink_to("/nowhere/picture.png"), f"content/picture.png:1: {DANGLING}"),
    "a folder named like a record": (
        lambda site: (site.root / "content/engagements/folder.md").mkdir(),
        "content/engagements/folder.md:1: This is a folder whose name ends in .md, like a record's. Rename the folder without .md.",
    ),
    "a blank glossary term": (
        lambda site: site.write("site_config/glossary.yml", site.read("site_config/glossary.yml") + '" ":\n  expansion: Spaces\n'),
        "site_config/glossary.yml:4: A glossary term is empty or only spaces: write the term (such as PCN), or delete its entry.",
    ),
    "a logo outside the content folder": (
        _logo_outside,
        "site_config/organisation.yml:26: branding.logo: should be a picture inside the content folder, named from there "
        "(such as images/logo.svg), not elsewhere.",
    ),
    "a Markdown document": (
        _corpus("document-markdown-file.md"),
        "content/engagements/document-markdown-file.md:25: documents[1].url: is a Markdown or YAML file, which the site reads "
        "and never publishes as it is, so the link would be broken. Attach the document as a PDF or another format, or link to a page's web address.",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_catches_what_would_break_the_build(site: SiteFolder, case: str) -> None:
    breaking, expected = CASES[case]
    breaking(site)
    check = site.yswd("check")
    assert (check.returncode, check.stdout.splitlines()[0]) == (1, expected), check.stdout + check.stderr
    build = site.mkdocs("build")
    assert build.returncode == 1
    assert expected in build.stderr.splitlines()
    assert "Traceback" not in check.stderr + build.stderr
    assert not (site.root / "site").exists()
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".site")] == []


PAGE_SIZE = "should be a whole number, 1 or more, such as 20."
ENABLED = (
    "can't be turned off: yswd's checks are what keep drafts and personal data out of the site, and without "
    "them MkDocs would publish every record as it is, drafts included. Remove this line."
)
OPTIONS = {  # an option written wrongly -> the rule the problem gives (never the value written)
    "page_size: 0": PAGE_SIZE,
    "page_size: -3": PAGE_SIZE,
    "page_size: abc": PAGE_SIZE,
    "page_size: 2.5": PAGE_SIZE,
    "page_size: true": PAGE_SIZE,
    "page_size: [10]": PAGE_SIZE,
    "audience: everyone": "should be one of: public, review.",
    "readability: sometimes": "should be one of: review, always, never.",
    "search: google": "should be one of: pagefind, none.",
    "history: svn": "should be one of: git, none.",
    "atomic: perhaps": "should be true or false.",
    "no_records_yet: 1": "should be true or false.",
    "enabled: maybe": ENABLED,
    "enabled: false": ENABLED,
    "enabled: !ENV [YSWD_ON, false]": ENABLED,
    "engagements_dir: 5": "should be a file or folder name, such as engagements.",
    "review_site_dir: [a, b]": "should be a file or folder name, such as site-review.",
}


@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_an_option_written_wrongly_is_a_plain_problem_at_its_line(site: SiteFolder, option: str) -> None:
    """Not MkDocs' "Config value 'plugins': Plugin 'yswd' option ..." with no line: the file, line and option."""
    name = option.split(":")[0]
    site.write("mkdocs.yml", site.read("mkdocs.yml").replace("  - yswd\n", f"  - search:\n      lang: en\n  - yswd:\n      {option}\n"))
    expected = f"mkdocs.yml:10: {name}: {OPTIONS[option]}"
    check = site.yswd("check")
    assert (check.returncode, check.stdout.splitlines()) == (1, [expected, "1 problem to fix before the site can be built."]), check.stderr
    build = site.mkdocs("build")
    assert build.returncode == 1
    assert expected in build.stderr.splitlines()
    assert "Config value" not in build.stderr and "Traceback" not in check.stderr + build.stderr
    assert not (site.root / "site").exists()


def test_two_options_written_wrongly_are_two_problems(site: SiteFolder) -> None:
    site.write("mkdocs.yml", site.read("mkdocs.yml").replace("  - yswd\n", "  - yswd:\n      audience: all\n      page_size: ten\n"))
    assert site.yswd("check").stdout.splitlines()[:2] == [
        "mkdocs.yml:8: audience: should be one of: public, review.",
        f"mkdocs.yml:9: page_size: {PAGE_SIZE}",
    ]


EPOCH = (
    "SOURCE_DATE_EPOCH should be a whole number of seconds since 1 January 1970 (such as 1764547200 for "
    "1 December 2025), or not set at all."
)


@pytest.mark.parametrize("value", ["soon", "1764547200.5", "99999999999999999999"])
def test_a_source_date_epoch_that_is_not_a_time_stops_check_and_build(site: SiteFolder, value: str) -> None:
    check = site.yswd("check", env={"SOURCE_DATE_EPOCH": value})
    build = site.mkdocs("build", env={"SOURCE_DATE_EPOCH": value})
    assert (check.returncode, build.returncode) == (1, 1)
    assert f"Error: {EPOCH}" in check.stderr
    assert EPOCH in build.stderr
    assert "Traceback" not in check.stderr + build.stderr
    assert not (site.root / "site").exists()


# --- what was refused or mangled, and now builds as written ------------------------------

PUBLISHED = """---
title: {title}
type: survey
status: published
summary: We asked parents-to-be about scan appointment times.
start: 2025-03-01
reach:
  participants: 120
you_said:
  - id: waits
    theme: Waiting too long for a scan
we_did:
  - id: saturday-clinic
    responds_to: [waits]
    action: We opened a Saturday scan clinic.
    status: planned
reviews:
  - {{reviewer: RP-01, date: 2025-05-01, verdict: approved}}
  - {{reviewer: RP-02, date: 2025-05-02, verdict: approved}}
{extra}---
{story}
"""


def _publish(site: SiteFolder, title: str = "Scan hours", extra: str = "", story: str = "The clinic opened.") -> str:
    site.record("2025-26/scan-hours.md", PUBLISHED.format(title=title, extra=extra, story=story))
    check = site.yswd("check")
    assert check.returncode == 0, check.stdout
    build = site.mkdocs("build")
    assert build.returncode == 0, build.stderr
    return site.read("site/engagements/scan-hours/index.html")


def test_astral_characters_in_a_title_reach_the_page_title_whole(site: SiteFolder) -> None:
    title = "Scans \U0001f3e5 for \U0001d4ae\u2028everyone"
    page = _publish(site, title=f'"{title}"')
    assert re.search(r"<title>(.*?)</title>", page).group(1).startswith(title + " - ")
    assert title in site.read("site/feed.xml")


def _blank_pdf() -> bytes:
    """A one-page PDF with no text, written out with its cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_a_document_with_a_fragment_beside_the_record_is_linked_and_published(site: SiteFolder) -> None:
    pdf = _blank_pdf()
    site.write("content/engagements/2025-26/report.pdf", pdf)
    page = _publish(site, extra="documents:\n  - title: The full report (PDF)\n    url: report.pdf#page=2\n")
    assert re.search(r'href="[./]*(engagements/)?2025-26/report\.pdf#page=2"', page), page
    assert (site.root / "site/engagements/2025-26/report.pdf").read_bytes() == pdf


def test_a_story_that_starts_with_a_field_name_is_the_story(site: SiteFolder) -> None:
    page = _publish(site, story="title: what the clinic heard\n\nWe asked parents.")
    assert "<p>title: what the clinic heard</p>" in page


def test_ids_and_classes_in_staff_markdown_cannot_take_the_page_s_own(site: SiteFolder) -> None:
    story = '<p id="yswd-search" class="md-header yswd-banner kept">Hello</p>\n\n[Back to top](#yswd-search)'
    page = _publish(site, story=story)
    assert '<p id="content-yswd-search" class="kept">Hello</p>' in page
    assert 'href="#content-yswd-search"' in page
    assert page.count('id="yswd-search"') == 0
