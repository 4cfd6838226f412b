"""Every route to the public folder is checked: through `yswd check` and a real build.

Each case puts personal data (or a misplaced record, or a link) where a hurried member of
staff, or an attacker, might: the whole problem is asserted (file, line, field, message),
and the build stops without writing a site.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Callable

import pytest

from conftest import SiteFolder
from yswd.guards.patterns import Allowed, find_personal_data

FIX_HISTORY = "If it was already committed, ask whoever looks after the repository to remove it from the history too."
SITE_ALLOW = "copy the exact text into personal_data.allow in site_config/organisation.yml with a reason."


def published(kind: str) -> str:
    return (
        f"looks like {kind}. Remove it: this file is published with the site, and git keeps every version. "
        f"If it is safe to publish, such as a public venue or switchboard, {SITE_ALLOW} {FIX_HISTORY}"
    )


def named(kind: str) -> str:
    return (
        f"looks like {kind}. Remove it: the names of files and folders become the site's web addresses, and "
        "appear in the sitemap, the feed and the data files. If it is safe to publish, such as a public venue "
        f"or switchboard, {SITE_ALLOW} {FIX_HISTORY}"
    )


PHONE, EMAIL, NHS = "a UK phone number", "an e-mail address", "an NHS number"
RECORD = "content/engagements/scan-times.md"
LINK = (
    "This is a link (symlink) to another file or folder. The site would publish whatever it points at, "
    "without any checks. Put the file itself here, or remove the link."
)


def stray(where: str = "content/engagements") -> str:
    return (
        f"This file looks like an engagement record, but it is not in the engagements folder ({where}). There it "
        "would be published as it is, drafts and all, without any checks. Move it into "
        f"{where}; if it is an ordinary page, remove this field."
    )


def draft_record(site: SiteFolder) -> str:
    return site.read(RECORD).replace("status: published", "status: draft")


def attach(site: SiteFolder, *urls: str) -> None:
    """Give the published record documents beside it."""
    listed = "".join(f"  - title: Notes\n    url: {url}\n" for url in urls)
    text = site.read(RECORD)
    heading = "" if "documents:\n" in text else "documents:\n"
    site.write(RECORD, text.replace("reviews:\n", f"{heading}{listed}reviews:\n", 1))


def set_option(site: SiteFolder, option: str) -> None:
    site.write("mkdocs.yml", site.read("mkdocs.yml").replace("  - yswd\n", f"  - yswd:\n      {option}\n"))


def office_file(text: str, part: str = "word/document.xml") -> bytes:
    """A Word-like zip of XML whose text is split into runs, as Word splits it."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        half = len(text) // 2
        archive.writestr(part, f"<w:document><w:p><w:r><w:t>{text[:half]}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{text[half:]}</w:t></w:r></w:p></w:document>")
    return buffer.getvalue()


HOLDS_A_RECORD = (
    "This file holds an engagement record's fields (status or you_said), but it is not a record: the site "
    "would publish it as it is, drafts and all, without any checks. Delete it; a record belongs in the "
    "engagements folder, saved with the .md ending."
)
CANT_CHECK = (
    "The site publishes this file as it is, but can't read it to check it for personal data: it is not "
    "text, a picture, a font, a PDF, a Word, Excel or OpenDocument file, or a zip or gzip of those. Remove "
    "it, or save it as a PDF or a text file (such as .txt or .csv) instead."
)
SECRET = "Ring Jo on 07700 900123"
INCLUDES = (
    "lets a page copy in the text of any file, a draft record or a file outside the content folder included, "
    "which the site can't check before it is published. Remove it from this file, and write the text into the page itself."
)
ENDINGS = ("js", "css", "log", "xhtml", "tex", "eml", "ini", "webmanifest", "TXT", "md.txt", "")


def hard_link_to_a_draft(site: SiteFolder) -> None:
    site.record("draft.md", draft_record(site).replace("scan", "draft"))
    os.link(site.root / "content/engagements/draft.md", site.root / "content/engagements/linked.txt")
    attach(site, "linked.txt")


def inherit(site: SiteFolder) -> None:
    site.write("base.yml", "site_description: Questions to jo@gmail.com\nextra:\n  phone: 07700 900135\n")
    site.write("mkdocs.yml", "INHERIT: base.yml\n" + site.read("mkdocs.yml"))


def inherit_through_env(site: SiteFolder) -> None:
    inherit(site)
    site.write("mkdocs.yml", site.read("mkdocs.yml").replace("INHERIT: base.yml\n", "INHERIT: !ENV [SETTINGS_BASE, base.yml]\n"))


def snippets(site: SiteFolder, extension: str, draft: str) -> None:
    """A page that copies in a draft record, through an extension added to mkdocs.yml as `extension` says."""
    site.write("mkdocs.yml", site.read("mkdocs.yml") + extension)
    site.record("draft.md", draft_record(site).replace("scan", "draft"))
    site.write("content/about.md", f'# About\n\n--8<-- "{draft}"\n')


def pdf_saying(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>Cover page.</p><p style='page-break-before: always'>{text}</p>").write_pdf()


# case -> (change to the minimal site, the one problem `yswd check` must print)
CASES: dict[str, tuple[Callable[[SiteFolder], None], str]] = {
    # 1. configuration that widens the public build
    "engagements-dir-misspelt": (
        lambda s: set_option(s, "engagements_dir: engagments"),
        f"{RECORD}:4: status: {stray('content/engagments')}\n"
        "mkdocs.yml:8: engagements_dir: names content/engagments, which is not a folder. Records are checked, and "
        "drafts kept out of the site, only in that folder: check the spelling. If the site has no records yet, "
        "say so with no_records_yet: true under - yswd: in this file.",
    ),
    "engagements-dir-empty": (
        lambda s: (s.root / RECORD).unlink(),
        "mkdocs.yml:7: engagements_dir: names content/engagements, which holds no records. If the site has none "
        "yet, say so with no_records_yet: true under - yswd: in this file; otherwise check that engagements_dir "
        "names the folder the records are in.",
    ),
    "engagements-dir-outside-docs": (
        lambda s: set_option(s, "engagements_dir: ../engagements"),
        f"{RECORD}:4: status: {stray('content/../engagements')}\n"
        "mkdocs.yml:8: engagements_dir: should be a folder inside docs_dir (content), such as engagements.",
    ),
    "record-in-misspelt-folder": (
        lambda s: s.write("content/engagments/x.md", draft_record(s)),
        f"content/engagments/x.md:4: status: {stray()}",
    ),
    "themes-in-a-page": (
        lambda s: s.write("content/plans.md", "---\ntitle: Plans\nyou_said:\n  - id: a\n---\nText.\n"),
        f"content/plans.md:3: you_said: {stray()}",
    ),
    "record-without-front-matter-lines": (
        lambda s: s.write("content/notes.markdown", "title: Notes\nstatus: draft\n\nText.\n"),
        f"content/notes.markdown:2: status: {stray()}",
    ),
    # 3. everything published is scanned
    "home-page-comment": (
        lambda s: s.write("content/index.md", "# Home\n\n<!-- ring Jo on 07700 900123 -->\nWelcome.\n"),
        f"content/index.md:3: {published(PHONE)}",
    ),
    "another-page": (
        lambda s: s.write("content/about.md", "# About\n\nWrite to jo.bloggs@example.com.\n"),
        f"content/about.md:3: {published(EMAIL)}",
    ),
    "glossary": (
        lambda s: s.write("site_config/glossary.yml", s.read("site_config/glossary.yml") + "PALS:\n  expansion: Ask Jo on 07700 900124\n"),
        f"site_config/glossary.yml:5: PALS.expansion: {published(PHONE)}",
    ),
    "organisation": (
        lambda s: s.write("site_config/organisation.yml", s.read("site_config/organisation.yml").replace("area: Testshire", "area: Testshire, ring 07700 900125")),
        f"site_config/organisation.yml:3: area: {published(PHONE)}",
    ),
    "site-description": (
        lambda s: s.write("mkdocs.yml", s.read("mkdocs.yml") + "site_description: Questions to jo&#64;gmail.com\n"),
        f"mkdocs.yml:12: site_description: {published(EMAIL)}",
    ),
    "copyright": (
        lambda s: s.write("mkdocs.yml", s.read("mkdocs.yml") + "copyright: Jo Bloggs, 07700 900126\n"),
        f"mkdocs.yml:12: copyright: {published(PHONE)}",
    ),
    "site-name": (
        lambda s: s.write("mkdocs.yml", s.read("mkdocs.yml").replace("site_name: Minimal test site", "site_name: Call 07700 900127")),
        f"mkdocs.yml:1: site_name: {published(PHONE)}",
    ),
    "record-file-name": (
        lambda s: s.record("referral-9434765919.md", draft_record(s).replace("Scan appointment times", "Referral")),
        f"content/engagements/referral-9434765919.md:1: file name: {named(NHS)}",
    ),
    "folder-name": (
        lambda s: s.record("07700900128/scan.md", draft_record(s)),
        f"content/engagements/07700900128:1: file name: {named(PHONE)}",
    ),
    "attached-text-file": (
        lambda s: (s.record("notes.txt", "Notes\nCall Jo on 07700 900129\n"), attach(s, "notes.txt")),
        f"content/engagements/notes.txt:2: {published(PHONE)}",
    ),
    "attached-csv": (
        lambda s: (s.record("replies.csv", "name,phone\nJo,07700900130\n"), attach(s, "replies.csv")),
        f"content/engagements/replies.csv:2: {published(PHONE)}",
    ),
    "attached-html-with-entities": (
        lambda s: (s.record("letter.html", "<p>Dear Jo,</p>\n<p>jo&#64;example&#46;com</p>\n"), attach(s, "letter.html")),
        f"content/engagements/letter.html:2: {published(EMAIL)}",
    ),
    "attached-pdf": (
        lambda s: (s.record("report.pdf", pdf_saying("NHS number 943 476 5919")), attach(s, "report.pdf")),
        f"content/engagements/report.pdf:1: page 2: {published(NHS)}",
    ),
    "decision-papers": (
        lambda s: (
            s.record("minutes.txt", "Minutes\nApologies: Jo (07700 900133)\n"),
            s.write(RECORD, s.read(RECORD).replace("reviews:\n", "decisions:\n  - date: 2025-09-01\n    by: The board\n    decision: Keep the clinic.\n    outcome: agreed\n    document: minutes.txt\nreviews:\n", 1)),
        ),
        f"content/engagements/minutes.txt:2: {published(PHONE)}",
    ),
    "text-file-outside-records": (
        lambda s: s.write("content/downloads/list.txt", "Jo: 07700 900131\n"),
        f"content/downloads/list.txt:1: {published(PHONE)}",
    ),
    "theme-override": (
        lambda s: (
            s.write("mkdocs.yml", s.read("mkdocs.yml").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")),
            s.write("overrides/main.html", "{% extends 'base.html' %}\n{% block footer %}Ring 07700 900132{% endblock %}\n"),
        ),
        f"overrides/main.html:2: {published(PHONE)}",
    ),
    # every file MkDocs copies, read by what it is, whatever its name
    **{
        f"loose-file-{ending or 'no-ending'}": (
            (lambda e: lambda s: s.write(f"content/files/notes{'.' + e if e else ''}", f"Notes\n{SECRET}\n"))(ending),
            f"content/files/notes{'.' + ending if ending else ''}:2: {published(PHONE)}",
        )
        for ending in ENDINGS
    },
    **{
        f"attached-{ending}": (
            (lambda e: lambda s: (s.record(f"notes.{e}", f"Notes\n{SECRET}\n"), attach(s, f"notes.{e}")))(ending),
            f"content/engagements/notes.{ending}:2: {published(PHONE)}",
        )
        for ending in ("js", "log", "eml", "ini")
    },
    "attached-utf16-text": (
        lambda s: (s.record("notes16.txt", f"Notes\n{SECRET}\n".encode("utf-16")), attach(s, "notes16.txt")),
        f"content/engagements/notes16.txt:2: {published(PHONE)}",
    ),
    "utf16-text-without-a-mark": (
        lambda s: s.write("content/notes.txt", f"Notes\n{SECRET}\n".encode("utf-16-le")),
        f"content/notes.txt:2: {published(PHONE)}",
    ),
    "windows-1252-text": (
        lambda s: s.write("content/notes.log", f"Caf\u00e9 notes\n{SECRET}\n".encode("cp1252")),
        f"content/notes.log:2: {published(PHONE)}",
    ),
    "gzipped-csv": (
        lambda s: (s.record("replies.csv.gz", gzip.compress(b"name,phone\nJo,07700900130\n")), attach(s, "replies.csv.gz")),
        f"content/engagements/replies.csv.gz:2: {published(PHONE)}",
    ),
    "word-file": (
        lambda s: s.write("content/letter.docx", office_file(SECRET)),
        f"content/letter.docx:1: word/document.xml: {published(PHONE)}",
    ),
    "excel-file": (
        lambda s: (s.record("replies.xlsx", office_file("jo.bloggs@example.com", "xl/sharedStrings.xml")), attach(s, "replies.xlsx")),
        f"content/engagements/replies.xlsx:1: xl/sharedStrings.xml: {published(EMAIL)}",
    ),
    "text-named-as-a-picture": (
        lambda s: s.write("content/images/photo.png", f"{SECRET}\n"),
        f"content/images/photo.png:1: {published(PHONE)}",
    ),
    "picture-comment": (
        lambda s: s.write("content/images/photo.jpg", b"\xff\xd8\xff\xfe\x00\x20" + SECRET.encode() + b"\x00\xff\xd9"),
        f"content/images/photo.jpg:1: {published(PHONE)}",
    ),
    "unreadable-binary": (
        lambda s: (s.record("data.bin", bytes(range(256)) * 4), attach(s, "data.bin")),
        f"content/engagements/data.bin:1: {CANT_CHECK}",
    ),
    "draft-copied-to-a-script": (
        lambda s: s.write("content/secret.js", draft_record(s)),
        f"content/secret.js:4: status: {HOLDS_A_RECORD}",
    ),
    "hard-link-to-a-draft": (hard_link_to_a_draft, f"content/engagements/linked.txt:4: status: {HOLDS_A_RECORD}"),
    "inherited-settings": (
        inherit,
        f"base.yml:1: site_description: {published(EMAIL)}\nbase.yml:3: extra: {published(PHONE)}",
    ),
    "inherited-through-env": (
        inherit_through_env,
        f"base.yml:1: site_description: {published(EMAIL)}\nbase.yml:3: extra: {published(PHONE)}",
    ),
    "theme-partial-with-another-ending": (
        lambda s: (
            s.write("mkdocs.yml", s.read("mkdocs.yml").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")),
            s.write("overrides/partials/contact.jinja", "Ring 07700 900132\n"),
            s.write("overrides/assets/notes", "jo.bloggs@example.com\n"),
        ),
        f"overrides/assets/notes:1: {published(EMAIL)}\noverrides/partials/contact.jinja:1: {published(PHONE)}",
    ),
    "snippets": (
        lambda s: snippets(s, "  - pymdownx.snippets:\n      base_path: [content]\n", "engagements/draft.md"),
        f"mkdocs.yml:12: pymdownx.snippets: {INCLUDES}",
    ),
    "snippets-named-through-env": (
        lambda s: snippets(s, "  - !ENV [EXTENSION, pymdownx.snippets]\n", "content/engagements/draft.md"),
        f"mkdocs.yml:8: pymdownx.snippets: {INCLUDES}",
    ),
    "snippets-as-a-mapping": (
        lambda s: s.write("mkdocs.yml", s.read("mkdocs.yml").replace("  - toc\n", "  - toc\nplugins:\n  yswd: {}\nmarkdown_extensions:\n  pymdownx.snippets: {}\n").replace("plugins:\n  - yswd\n", "")),
        f"mkdocs.yml:13: pymdownx.snippets: {INCLUDES}",
    ),
    "markdown-attachment-with-another-ending": (
        lambda s: (s.record("notes.mdown", draft_record(s)), attach(s, "notes.mdown")),
        "content/engagements/notes.mdown:1: This file is in the engagements folder with a Markdown ending other than "
        ".md, so it is not read as a record and would be left out of the site without a word. Rename it to end in "
        f".md (in small letters).\n{RECORD}:31: documents[1].url: is a Markdown or YAML file, which the site reads and never publishes as it "
        "is, so the link would be broken. Attach the document as a PDF or another format, or link to a page's web address.",
    ),
    "emphasis-inside-an-address-on-a-page": (
        lambda s: s.write("content/about.md", "# About\n\nWrite to jo@*gmail*.com.\n"),
        f"content/about.md:3: {published(EMAIL)}",
    ),
    "zero-width-nhs-number-on-a-page": (
        lambda s: s.write("content/about.md", "# About\n\nNHS number 943\u200b476\u200b5919.\n"),
        f"content/about.md:3: {published(NHS)}",
    ),
    # 6. no link publishes what it points at
    "link-to-a-draft": (
        lambda s: (s.record("draft.md", draft_record(s).replace("scan", "draft")), os.symlink("engagements/draft.md", s.root / "content/leak.md")),
        f"content/leak.md:1: {LINK}",
    ),
    "linked-folder": (
        lambda s: (s.write("private/notes.txt", "Notes."), os.symlink("../private", s.root / "content/shared")),
        f"content/shared:1: {LINK}",
    ),
    "attachment-linking-to-a-record": (
        lambda s: (s.record("other.md", draft_record(s).replace("scan", "other")), os.symlink("other.md", s.root / "content/engagements/notes.pdf"), attach(s, "notes.pdf")),
        f"{RECORD}:31: documents[1].url: is a link (symlink) to a page, record or settings file, which would be "
        "published as it is, drafts included. Attach the document itself.",
    ),
    "attachment-linking-to-another-records-file": (
        lambda s: (s.record("theirs.pdf", b"%PDF-1.4\n"), os.symlink("theirs.pdf", s.root / "content/engagements/mine.pdf"), attach(s, "mine.pdf")),
        f"{RECORD}:31: documents[1].url: is a link (symlink) to a file this record does not attach, which would "
        "publish that file too. Attach the document itself, not a link to it.",
    ),
}


def stdout_problems(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if not line.endswith("to fix before the site can be built.")]


def stops_check_and_build(site: SiteFolder, expected: str) -> str:
    """`yswd check` prints exactly the one problem, and a real build stops with it, writing no site;
    what both said, for more checks."""
    check = site.yswd("check")
    assert (check.returncode, stdout_problems(check.stdout)) == (1, [expected]), check.stdout + check.stderr
    build = site.mkdocs("build")
    assert build.returncode == 1
    assert expected in build.stderr.splitlines()
    assert "Traceback" not in check.stderr + build.stderr
    assert not (site.root / "site").exists()
    return check.stdout + build.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_route_is_one_exact_problem_in_yswd_check(site: SiteFolder, case: str) -> None:
    change, expected = CASES[case]
    change(site)
    result = site.yswd("check")
    assert result.returncode == 1, result.stdout
    assert stdout_problems(result.stdout) == expected.split("\n")
    assert "Traceback" not in result.stderr


def test_every_name_with_personal_data_is_reported_once_each(site: SiteFolder) -> None:
    """Names are scanned together: each file or folder named with personal data is still its own problem."""
    site.record("07700900128/scan.md", draft_record(site))
    site.record("07700900128/jo@example.com.md", draft_record(site).replace("Scan appointment times", "Other"))
    site.record("referral-9434765919.md", draft_record(site).replace("Scan appointment times", "Referral"))
    result = site.yswd("check")
    assert result.returncode == 1, result.stdout
    assert [line for line in stdout_problems(result.stdout) if ": file name: " in line] == [
        f"content/engagements/07700900128:1: file name: {named(PHONE)}",
        f"content/engagements/07700900128/jo@example.com.md:1: file name: {named(EMAIL)}",
        f"content/engagements/referral-9434765919.md:1: file name: {named(NHS)}",
    ]


CLASSES = {  # cases that can be made together (copyright and custom_dir would move site_description's line)
    "configuration": ["record-in-misspelt-folder", "themes-in-a-page", "record-without-front-matter-lines"],
    "configuration-folder": ["engagements-dir-misspelt"],
    "everything-published": [name for name in CASES if name.startswith(("home", "another", "glossary", "organisation", "site-", "record-file", "attached", "text-file"))],
    "theme": ["theme-override"],
    "links": ["link-to-a-draft", "linked-folder", "attachment-linking-to-another-records-file"],
    "any-file": [name for name in CASES if name.startswith(("loose-file", "attached-", "utf16", "windows", "gzipped", "word", "excel", "text-named", "picture", "unreadable", "draft-copied", "hard-link"))],
    "inherited": ["inherited-settings"],
    "inherited-through-env": ["inherited-through-env"],
    "theme-files": ["theme-partial-with-another-ending"],
    "includes": ["snippets"],
    "includes-through-env": ["snippets-named-through-env"],
}


@pytest.mark.parametrize("group", sorted(CLASSES))
def test_each_class_stops_a_real_build_with_every_problem_and_no_site(site: SiteFolder, group: str) -> None:
    for case in CLASSES[group]:
        CASES[case][0](site)
    result = site.mkdocs("build")
    assert result.returncode != 0
    for case in CLASSES[group]:
        for problem in CASES[case][1].split("\n"):
            assert problem in result.stderr, case
    assert "Traceback" not in result.stderr
    assert not (site.root / "site").exists()


def test_a_site_that_says_it_has_no_records_yet_builds(site: SiteFolder) -> None:
    (site.root / RECORD).unlink()
    set_option(site, "no_records_yet: true")
    assert site.yswd("check").stdout == "No problems found in 0 records.\n"
    assert site.mkdocs("build").returncode == 0
    assert (site.root / "site/index.html").is_file()


def test_a_link_to_another_attachment_of_the_same_record_is_published(site: SiteFolder) -> None:
    site.record("report-2025.txt", "The report.\n")
    os.symlink("report-2025.txt", site.root / "content/engagements/report.txt")
    attach(site, "report-2025.txt", "report.txt")
    assert site.yswd("check").returncode == 0
    assert site.mkdocs("build").returncode == 0
    assert (site.root / "site/engagements/report.txt").read_text() == "The report.\n"


# --- the whole public build, file by file ----------------------------------------------------

OUTPUT_SUFFIXES = (".html", ".xml", ".json", ".csv", ".txt", ".svg", ".pf_fragment", ".pf_meta", ".pf_index")
SITE_ALLOWED = Allowed(("01632 960000",), "engagement@testshire.example.nhs.uk")


def personal_data_in(folder: Path, allowed: Allowed = SITE_ALLOWED) -> list[tuple[str, str]]:
    """(file, kind) for every piece of personal data in a built site, search index included."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in OUTPUT_SUFFIXES:
            raw = path.read_bytes()
            text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8", "replace")
            found += [(path.relative_to(folder).as_posix(), hit.kind) for hit in find_personal_data(text, allowed)]
    return found


def test_a_site_seeded_in_every_route_publishes_nothing_and_keeps_the_old_site(site: SiteFolder) -> None:
    assert site.mkdocs("build").returncode == 0
    built = site.root / "site"
    before = {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert personal_data_in(built) == []
    site.record("draft-notes.md", draft_record(site).replace("We opened a Saturday scan clinic.", "Ring Jo on 07700 900140."))
    for case in (*CLASSES["everything-published"], *CLASSES["any-file"], *CLASSES["links"], "record-in-misspelt-folder", "inherited-settings"):
        CASES[case][0](site)
    result = site.mkdocs("build")
    assert result.returncode != 0
    assert "content/engagements/draft-notes.md:26: we_did[saturday-clinic].action: looks like a UK phone number." in result.stderr
    after = {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert after == before
    assert personal_data_in(built) == []
    for name, data in after.items():  # every file, whatever its kind: not even the digits reached it
        assert b"900123" not in data and b"900123".decode().encode("utf-16-le") not in data, name


def test_the_output_scan_sees_what_a_build_publishes(site: SiteFolder) -> None:
    """The check above can fail: an allowed number on a published page is found in the output."""
    site.write(RECORD, site.read(RECORD).replace("summary: We asked", "summary: Ring 01632 960000. We asked"))
    assert site.mkdocs("build").returncode == 0
    found = personal_data_in(site.root / "site", Allowed())
    assert ("engagements/scan-times/index.html", "phone") in found
    assert ("data/engagements.json", "phone") in found
    assert personal_data_in(site.root / "site") == []


def test_every_kind_of_file_without_personal_data_is_published(site: SiteFolder) -> None:
    """The reading can fail: files of each kind that hold nothing personal are published whole."""
    site.write("content/files/app.js", "console.log('hello');\n")
    site.write("content/files/letter.docx", office_file("Thank you for taking part."))
    site.write("content/files/notes.txt", "Thank you.\n".encode("utf-16"))
    site.write("content/images/photo.jpg", b"\xff\xd8\xff\xfe\x00\x10" + b"A quiet waiting room" + b"\x00\xff\xd9")
    site.record("replies.csv.gz", gzip.compress(b"answer,count\nyes,12\n"))
    attach(site, "replies.csv.gz")
    assert site.yswd("check").returncode == 0
    assert site.mkdocs("build").returncode == 0
    for name in ("files/app.js", "files/letter.docx", "files/notes.txt", "images/photo.jpg", "engagements/replies.csv.gz"):
        assert (site.root / "site" / name).read_bytes() == (site.root / "content" / name).read_bytes()


def test_a_count_of_one_record_is_said_in_the_singular(site: SiteFolder) -> None:
    assert site.yswd("check").stdout == "No problems found in 1 record.\n"


# --- settings whose value comes from the environment at build time (!ENV) ---------------------


def from_the_environment(kind: str) -> str:
    return (
        f"looks like {kind}. Remove it: this setting is shown on the site's pages, with the value the build reads "
        "(from an environment variable, where mkdocs.yml says !ENV), and git keeps every version of mkdocs.yml. "
        f"If it is safe to publish, such as a public venue or switchboard, {SITE_ALLOW} {FIX_HISTORY}"
    )


# case -> (lines added to mkdocs.yml, the environment at build time, the one problem)
FROM_THE_ENVIRONMENT: dict[str, tuple[str, dict[str, str], str]] = {
    "copyright": (
        'copyright: !ENV [FOOTER, "Testshire ICB"]\n',
        {"FOOTER": "Jo Bloggs, jo.bloggs@gmail.com"},
        f"mkdocs.yml:12: copyright: {from_the_environment(EMAIL)}",
    ),
    "site-description": (
        "site_description: !ENV [ABOUT, Our engagement]\n",
        {"ABOUT": "Call Jo on 07700 900141"},
        f"mkdocs.yml:12: site_description: {from_the_environment(PHONE)}",
    ),
    "site-author": ("site_author: !ENV AUTHOR\n", {"AUTHOR": "NHS 943 476 5919"}, f"mkdocs.yml:12: site_author: {from_the_environment(NHS)}"),
    "extra-nested": (
        "extra:\n  contact:\n    lines:\n      - Switchboard\n      - !ENV [DUTY_PHONE, none]\n",
        {"DUTY_PHONE": "07700 900142"},
        f"mkdocs.yml:12: extra.contact.lines[2]: {from_the_environment(PHONE)}",
    ),
    "extra-social-link": (
        "extra:\n  social:\n    - icon: fontawesome/solid/envelope\n      link: !ENV [MAILTO, 'https://example.nhs.uk']\n",
        {"MAILTO": "mailto:jo.bloggs@gmail.com"},
        f"mkdocs.yml:12: extra.social[1].link: {from_the_environment(EMAIL)}",
    ),
    "site-url": (
        "site_url: !ENV [SITE_URL, 'https://example.nhs.uk/']\n",
        {"SITE_URL": "https://example.nhs.uk/call-07700900143/"},
        f"mkdocs.yml:12: site_url: {from_the_environment(PHONE)}",
    ),
    "repo-name": (
        "repo_name: !ENV [REPO, testshire/site]\n",
        {"REPO": "jo.bloggs@gmail.com/site"},
        f"mkdocs.yml:12: repo_name: {from_the_environment(EMAIL)}",
    ),
    "extra-css": (
        "extra_css:\n  - !ENV [STYLE, 'https://example.nhs.uk/style.css']\n",
        {"STYLE": "https://example.nhs.uk/07700900144/style.css"},
        f"mkdocs.yml:12: extra_css[1]: {from_the_environment(PHONE)}",
    ),
    "nav-title": (
        "nav:\n  - !ENV [HOME_TITLE, Home]: index.md\n",
        {"HOME_TITLE": "Jo (DOB 12/03/1961)"},
        f"mkdocs.yml:12: nav[1]: {from_the_environment('a date of birth')}",
    ),
}


@pytest.mark.parametrize("case", sorted(FROM_THE_ENVIRONMENT))
def test_a_setting_from_the_environment_is_scanned_as_the_build_reads_it(site: SiteFolder, case: str) -> None:
    added, env, expected = FROM_THE_ENVIRONMENT[case]
    site.write("mkdocs.yml", site.read("mkdocs.yml") + added)
    assert site.yswd("check").returncode == 0, "without the variable, the fallback is safe"
    check = site.yswd("check", env=env)
    assert (check.returncode, stdout_problems(check.stdout)) == (1, [expected]), check.stdout + check.stderr
    assert site.mkdocs("build").returncode == 0
    built = site.root / "site"
    before = {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    build = site.mkdocs("build", env=env)
    assert build.returncode == 1
    assert expected in build.stderr.splitlines()
    assert "Traceback" not in check.stderr + build.stderr
    assert {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*") if p.is_file()} == before
    for value in env.values():
        assert value not in check.stdout + build.stderr


# --- files that exclude_docs brings back into the site -----------------------------------------


def exclude_docs(site: SiteFolder, *lines: str) -> None:
    listed = "".join(f"  {line}\n" for line in lines)
    site.write("mkdocs.yml", site.read("mkdocs.yml") + f"exclude_docs: |\n{listed}")


def bring_back(pattern: str, path: str, text: str) -> Callable[[SiteFolder], None]:
    """A file MkDocs would leave out, brought back into the site by an exclude_docs line."""
    return lambda site: (exclude_docs(site, pattern), site.write(path, text))


UNCHECKED = (
    "MkDocs would publish this file, but the site's checks did not read it (it may be brought back into the "
    "site by exclude_docs in mkdocs.yml, or reached through a link), so it could hold personal data or a draft. "
    "Remove it from the content folder, or remove what brings it in."
)
BROUGHT_BACK: dict[str, tuple[Callable[[SiteFolder], None], str]] = {
    "hidden-file": (
        bring_back("!.notes.txt", "content/.notes.txt", f"Notes\n{SECRET}\n"),
        f"content/.notes.txt:2: {published(PHONE)}",
    ),
    "hidden-folder": (
        bring_back("!.hidden/", "content/.hidden/list.csv", "name,phone\nJo,07700900130\n"),
        f"content/.hidden/list.csv:2: {published(PHONE)}",
    ),
    "hidden-page": (
        bring_back("!.about.md", "content/.about.md", "# About\n\nWrite to jo.bloggs@example.com.\n"),
        f"content/.about.md:3: {published(EMAIL)}",
    ),
    "draft-in-a-hidden-folder": (
        lambda s: (exclude_docs(s, "!/.archive/"), s.write("content/.archive/old.md", draft_record(s))),
        f"content/.archive/old.md:4: status: {stray()}",
    ),
    "hidden-file-inside-an-ordinary-folder": (
        bring_back("!downloads/.list.txt", "content/downloads/.list.txt", "Jo: 07700 900131\n"),
        f"content/downloads/.list.txt:1: {published(PHONE)}",
    ),
    "hidden-folder-name": (
        bring_back("!.*/", "content/.07700900128/notes.txt", "Notes.\n"),
        f"content/.07700900128:1: file name: {named(PHONE)}",
    ),
    "link-to-a-hidden-folder": (
        lambda s: (exclude_docs(s, "!.shared/"), s.write("private/notes.txt", "Notes."), os.symlink("../private", s.root / "content/.shared")),
        f"content/.shared:1: {LINK}",
    ),
}


@pytest.mark.parametrize("case", sorted(BROUGHT_BACK))
def test_a_file_exclude_docs_brings_back_is_checked_like_any_other(site: SiteFolder, case: str) -> None:
    change, expected = BROUGHT_BACK[case]
    change(site)
    stops_check_and_build(site, expected)


def test_a_hidden_file_left_out_of_the_site_is_not_read(site: SiteFolder) -> None:
    """MkDocs leaves hidden files out: they are not checked (a .DS_Store can't be read), nor published."""
    site.write("content/.DS_Store", bytes(range(256)) * 4)
    site.write("content/.notes.txt", f"{SECRET}\n")
    exclude_docs(site, "drafts/")
    site.write("content/drafts/notes.txt", f"{SECRET}\n")
    assert site.yswd("check").stdout == "No problems found in 1 record.\n"
    assert site.mkdocs("build").returncode == 0
    assert not any(name in p.name for p in (site.root / "site").rglob("*") for name in (".DS_Store", ".notes", "drafts"))


def test_a_hidden_file_brought_back_without_personal_data_is_published(site: SiteFolder) -> None:
    exclude_docs(site, "!.well-known/")
    site.write("content/.well-known/security.txt", "Contact: https://example.nhs.uk/security\n")
    assert site.yswd("check").returncode == 0
    assert site.mkdocs("build").returncode == 0
    assert (site.root / "site/.well-known/security.txt").is_file()


def test_a_file_the_checks_did_not_read_stops_the_build_before_it_is_published(site: SiteFolder) -> None:
    """The last word: MkDocs follows a link the check can't look inside (only part of the folder it leads
    to is brought back), and the build stops at the file it would have copied unread."""
    exclude_docs(site, "!.shared/*.txt")
    site.write("private/notes.txt", f"{SECRET}\n")
    os.symlink("../private", site.root / "content/.shared")
    result = site.mkdocs("build")
    assert result.returncode == 1
    assert f"content/.shared/notes.txt:1: {UNCHECKED}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert not (site.root / "site").exists()


# --- a person's name as an id or a file name ---------------------------------------------------

NAME = "a person's name (a first name or a title, then a surname)"
RECORD_ALLOW = (
    "copy the exact text into this record's allow_personal_data (or personal_data.allow in "
    "site_config/organisation.yml) with a reason."
)


def in_an_id(kind: str = NAME, allow: str = RECORD_ALLOW) -> str:
    return (
        f"looks like {kind}. Remove it: ids and keys become web addresses, page anchors and columns of the data files, "
        "so they never name a person: use words about the subject, such as waits or saturday-clinic. If it is safe "
        f"to publish, such as a public venue or switchboard, {allow} {FIX_HISTORY}"
    )


def rename_theme(site: SiteFolder, theme_id: str) -> None:
    site.write(RECORD, site.read(RECORD).replace("id: waits", f"id: {theme_id}").replace("[waits]", f"[{theme_id}]"))


NAMED: dict[str, tuple[Callable[[SiteFolder], None], str]] = {
    "theme-id": (lambda s: rename_theme(s, "john-smith"), f"{RECORD}:20: you_said[(hidden)].id: {in_an_id()}"),
    "action-id": (
        lambda s: s.write(RECORD, s.read(RECORD).replace("id: saturday-clinic", "id: call-mrs-patel")),
        f"{RECORD}:24: we_did[call-(hidden)].id: {in_an_id()}",
    ),
    "record-id": (
        lambda s: s.write(RECORD, s.read(RECORD).replace("title: Scan", "id: sarah-jones-complaint\ntitle: Scan")),
        f"{RECORD}:2: id: {in_an_id()}",
    ),
    "alias": (
        lambda s: s.write(RECORD, s.read(RECORD).replace("title: Scan", "aliases: [scans, dr-khan]\ntitle: Scan")),
        f"{RECORD}:2: aliases[2]: {in_an_id()}",
    ),
    "record-file-name": (
        lambda s: s.record("david-brown.md", draft_record(s).replace("Scan appointment times", "Referral")),
        f"content/engagements/david-brown.md:1: file name: {named(NAME)}",
    ),
    "strategy-method-id": (
        lambda s: s.write("content/strategy.yml", s.read("content/strategy.yml").replace("id: surveys", "id: mrs-patel")),
        f"content/strategy.yml:7: methods[(hidden)].id: {in_an_id(allow=SITE_ALLOW)}",
    ),
    "topic-key": (
        lambda s: s.write("site_config/organisation.yml", s.read("site_config/organisation.yml").replace("  mental-health: Mental health\n", "  mental-health: Mental health\n  sarah-jones: Her complaint\n")),
        f"site_config/organisation.yml:12: topics.(hidden): {in_an_id(allow=SITE_ALLOW)}",
    ),
    "folder-of-letters": (
        lambda s: s.write("content/letters/emma-wilson/reply.txt", "Thank you.\n"),
        f"content/letters/emma-wilson:1: file name: {named(NAME)}",
    ),
}


@pytest.mark.parametrize("case", sorted(NAMED))
def test_a_name_as_an_id_or_file_name_is_refused_and_never_repeated(site: SiteFolder, case: str) -> None:
    change, expected = NAMED[case]
    change(site)
    said = stops_check_and_build(site, expected)
    for name in ("john", "patel", "sarah", "khan"):
        assert name not in said.lower()


def test_a_name_in_an_id_is_hidden_in_every_problem_about_it(site: SiteFolder) -> None:
    rename_theme(site, "john-smith")
    site.write(RECORD, site.read(RECORD).replace("count: 40", "count: many"))
    for fmt in ("text", "json", "github"):
        result = site.yswd("check", "--format", fmt)
        assert "you_said[(hidden)].count" in result.stdout and "john" not in result.stdout.lower(), fmt


def test_an_allowed_id_that_only_looks_like_a_name_is_published(site: SiteFolder) -> None:
    """The check can fail the other way: a place named after a person, allowed with a reason, builds."""
    rename_theme(site, "victoria-hall")
    assert site.yswd("check").returncode == 1
    site.write(RECORD, site.read(RECORD).replace("reviews:\n", "allow_personal_data:\n  - text: victoria-hall\n    reason: The venue.\nreviews:\n", 1))
    assert site.yswd("check").returncode == 0
    assert site.mkdocs("build").returncode == 0
    assert 'id="theme-victoria-hall"' in (site.root / "site/engagements/scan-times/index.html").read_text(encoding="utf-8")


def test_ids_about_the_subject_are_not_names(site: SiteFolder) -> None:
    original = site.read(RECORD)
    for theme_id in ("grace-period", "ms-support-group", "mr-scans", "may-day", "rose-hill-surgery", "jones-road-clinic"):
        site.write(RECORD, original)
        rename_theme(site, theme_id)
        assert site.yswd("check").stdout == "No problems found in 1 record.\n", theme_id
