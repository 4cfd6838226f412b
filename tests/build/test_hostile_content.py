"""Hostile content renders inert: no script, event handler, javascript: link or frame from content.

Staff-written Markdown is rendered and then sanitised; plain-text fields are escaped. This
builds a site whose every field (record, organisation labels, glossary, strategy) carries
attacks, for the public and the reader panel, then parses every output file that a
browser or feed reader would treat as HTML and looks for anything active that came from
the content. Every attack carries the marker `yswdxss`, so the theme's own scripts are
told apart from injected ones.
"""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MINIMAL, SiteFolder

MARKER = "yswdxss"

ATTACKS = [
    "<script>alert('yswdxss')</script>",
    "<img src=x onerror=\"alert('yswdxss')\">",
    "[a markdown link](javascript:alert('yswdxss'))",
    "![a markdown image](javascript:alert('yswdxss'))",
    "<a href=\"javascript:alert('yswdxss')\">a raw link</a>",
    "<a href=\"JaVaScRiPt&#58;alert('yswdxss')\">an entity link</a>",
    "<a href=\" java&#9;script:alert('yswdxss')\">a tab link</a>",
    "<a href=\"vbscript:msgbox('yswdxss')\">a vbscript link</a>",
    "[a data link](data:text/html;base64,eXN3ZHhzcw==)",
    "<iframe src=\"https://evil.example/yswdxss\"></iframe>",
    "<svg><script>alert('yswdxss')</script></svg>",
    "<svg onload=\"alert('yswdxss')\"><circle r=\"1\"/></svg>",
    "<div onclick=\"alert('yswdxss')\">raw HTML with a handler</div>",
    "<object data=\"javascript:alert('yswdxss')\"></object>",
    "<embed src=\"javascript:alert('yswdxss')\">",
    "<form action=\"javascript:alert('yswdxss')\"><button formaction=\"javascript:alert('yswdxss')\">go</button></form>",
    "<style>body { background: url(\"javascript:alert('yswdxss')\") }</style>",
    "<p style=\"background: url(javascript:alert('yswdxss'))\">styled</p>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('yswdxss')\">",
    "<base href=\"javascript:alert('yswdxss')//\">",
    "<details open ontoggle=\"alert('yswdxss')\"><summary>s</summary></details>",
    "<!--<script>alert('yswdxss')</script>-->",
    "A paragraph with attributes\n{: onclick=\"alert('yswdxss')\" }",
    "[attribute list link](https://example.nhs.uk/){: onmouseover=\"alert('yswdxss')\" }",
    # Last: these leave elements open, and the sanitiser rightly drops what follows.
    "<noscript><p title=\"</noscript><img src=x onerror=alert('yswdxss')>\"></noscript>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"alert('yswdxss')\">",
]

MARKDOWN = "\n\n".join(["A [safe link](https://example.nhs.uk/safe) stays a link.", *ATTACKS])
"""Markdown fields get every attack, one paragraph each."""

ONE_LINE = [attack.replace("\n", " ") for attack in ATTACKS]


def plain(index: int) -> str:
    """A plain-text field's value: a different pair of attacks for each field, as one line."""
    return ONE_LINE[index % len(ONE_LINE)] + " " + ONE_LINE[(index + 7) % len(ONE_LINE)]


def q(text: str) -> str:
    """As a YAML double-quoted value."""
    return json.dumps(text, ensure_ascii=False)


def block(text: str, indent: int) -> str:
    """As a YAML literal block, indented."""
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


TAKE_PART = "Take part at https://example.nhs.uk/take-part\"onmouseover=alert('yswdxss') or javascript:alert('yswdxss') "
DOCUMENT_URL = "https://example.nhs.uk/report.pdf\"onmouseover=\"alert('yswdxss')"


def hostile_record(record_id: str, status: str) -> str:  # over 60 lines: one template holding every field
    return f"""\
---
id: {record_id}
title: {q("</title><script>alert('yswdxss')</script><img src=x onerror=alert('yswdxss')>" + status)}
type: survey
status: {status}
summary: {q(plain(1))}
topics: [maternity]
localities: [southbrook]
start: 2025-03-01
end: 2026-04-30
take_part: {q(TAKE_PART + plain(2))}
aims:
  - text: {q(plain(3))}
    measure: participants
    target: 100
reach:
  participants: 120
  groups: {{young-people: 30}}
  methods: [{q(plain(4))}]
you_said:
  - id: waits
    theme: {q(plain(5))}
    detail: {block(MARKDOWN, 6)}
    count: 40
    quote: {q(plain(6))}
we_did:
  - id: clinic
    responds_to: [waits]
    action: {q(plain(7))}
    status: done
    owner: {q(plain(8))}
    completed: 2025-08-15
    updates:
      - date: 2025-06-02
        text: {q(plain(9))}
  - id: not-done
    responds_to: [waits]
    action: {q(plain(10))}
    status: not-taken-forward
    reason: {q(plain(11))}
impact: {block(MARKDOWN, 2)}
feedback_given:
  date: 2025-10-01
  how: {q(plain(12))}
reviews:
  - reviewer: RP-01
    date: 2025-05-01
    verdict: approved
    comments: {q(plain(13))}
  - reviewer: RP-02
    date: 2025-05-02
    verdict: approved
    comments: {q(plain(14))}
documents:
  - title: {q(plain(15))}
    url: {q(DOCUMENT_URL)}
  - title: {q(plain(16))}
    url: https://example.nhs.uk/a?b=<script>alert('yswdxss')</script>
---
{MARKDOWN}
"""


def hostile_strategy() -> str:
    return f"""\
title: {q(plain(17))}
period: {{start: 2024-04-01, end: 2027-03-31}}
vision: {block(MARKDOWN, 2)}
objectives:
  - {block(MARKDOWN, 4)}
principles:
  - {q(ATTACKS[0] + ATTACKS[1])}
methods:
  - id: surveys
    name: {q(plain(18))}
    description: {block(MARKDOWN, 6)}
commitments:
  - id: seldom-heard
    text: {q(plain(19))}
    measure: {q(plain(20))}
    metric: group-share
    group: young-people
    target: 20
    due: 2027-03-31
easy_read:
  - text: {q(plain(21))}
"""


def hostile_settings(site: SiteFolder) -> None:
    org = site.read("site_config/organisation.yml")
    org = org.replace("maternity: Maternity", f"maternity: {q(plain(22))}")
    org = org.replace("southbrook: Southbrook", f"southbrook: {q(plain(23))}")
    org = org.replace("young-people: Young people (16-25)", f"young-people: {q(plain(24))}")
    org = org.replace("survey: Survey", f"survey: {q(plain(25))}")
    site.write("site_config/organisation.yml", org)
    site.write(
        "site_config/glossary.yml",
        f"PCN:\n  expansion: {q(plain(0))}\n  plain: {q(plain(2))}\nyswdxss:\n  expansion: {q(plain(5))}\n",
    )
    site.write("content/strategy.yml", hostile_strategy())


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(MINIMAL, root)
    site = SiteFolder(root)
    hostile_settings(site)
    site.record("hostile-published.md", hostile_record("hostile-published", "published"))
    site.record("hostile-draft.md", hostile_record("hostile-draft", "draft"))
    site.write("content/index.md", "# Home\n\nThe home page mentions yswdxss and the PCN.\n")
    checked = site.check()
    assert [str(p) for p in checked.problems] == []
    builds = {}
    for audience, folder in (("public", "site"), ("review", "site-review")):
        result = site.mkdocs("build", env={"YSWD_AUDIENCE": audience})
        assert result.returncode == 0, result.stderr
        builds[audience] = root / folder
    return builds


# --- reading the output as a browser would ---------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "cite", "srcset", "ping"}
ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:application", "data:image/svg")
FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}


def _normalised(url: str) -> str:
    return "".join(ch for ch in url if ch > " " and ch not in "\x7f").lower()


class ActiveContent(HTMLParser):
    """Collects everything active that came from content: what a browser would run or load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inspect(tag, attrs)
        if tag in ("script", "style"):
            self._in = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inspect(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and MARKER in data:
            self.found.append(f"<{self._in}> holding injected code: {data.strip()[:80]!r}")

    def _inspect(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in FRAMES:
            self.found.append(f"<{tag}> element {values}")
        if tag == "script" and MARKER in (values.get("src") or ""):
            self.found.append(f"<script src> from content: {values}")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = (values.get("content") or "").partition("url=")[2]
            if _normalised(target).startswith(ACTIVE_SCHEMES):
                self.found.append(f"meta refresh to {target!r}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRIBUTES and _normalised(value).startswith(ACTIVE_SCHEMES):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style" and ("javascript:" in _normalised(value) or "expression(" in value.lower()):
                self.found.append(f"<{tag} style={value[:60]!r}>")


def active_in(markup: str) -> list[str]:
    parser = ActiveContent()
    parser.feed(markup)
    parser.close()
    return parser.found


def outputs(site: Path) -> dict[str, list[str]]:
    """What is active in each output file a browser or feed reader would read as HTML."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            found[name] = active_in(path.read_text(encoding="utf-8"))
        elif path.name == "search_index.json":
            docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
            found[name] = [hit for doc in docs for hit in active_in(doc["title"]) + active_in(doc["text"])]
        elif path.suffix == ".xml" and path.name != "sitemap.xml":
            root = ElementTree.parse(path).getroot()
            found[name] = [
                hit for element in root.iter()
                if element.text and (element.get("type") == "html" or element.tag.endswith(("description", "encoded")))
                for hit in active_in(element.text)
            ]
    return found


@pytest.mark.parametrize("audience", ["public", "review"])
def test_nothing_active_comes_from_content(hostile_builds: dict[str, Path], audience: str) -> None:
    site = hostile_builds[audience]
    found = outputs(site)
    assert any(name.startswith("engagements/hostile-published/") for name in found)
    if audience == "review":
        assert "engagements/hostile-draft/index.html" in found
    problems = {name: hits for name, hits in found.items() if hits}
    assert problems == {}


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("script", "style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style", "title") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def test_hostile_text_is_still_shown_as_text(hostile_builds: dict[str, Path]) -> None:
    page = (hostile_builds["public"] / "engagements/hostile-published/index.html").read_text(encoding="utf-8")
    reader = VisibleText()
    reader.feed(page)
    text = "".join(reader.parts)
    assert "<script>alert('yswdxss')</script>" in text  # a plain-text field shows what was typed
    assert 'href="https://example.nhs.uk/safe"' in page  # a safe link in Markdown survives sanitising


def test_the_inspector_finds_what_it_looks_for() -> None:
    """The checks themselves work: each attack, unsanitised, is caught."""
    raw_html = [a for a in ATTACKS if not a.startswith(("[", "!", "A ", "<!--", "<math", "<noscript"))]
    missed = [attack for attack in raw_html if not active_in(attack)]
    assert missed == []
    assert active_in('<a href=" JAVA\tSCRIPT:x">') and active_in("<p onmouseover=x>")


# --- document links ------------------------------------------------------------------------

BAD_URLS = {
    "javascript": "javascript:alert('yswdxss')",
    "javascript with capitals and spaces": "  JavaScript:alert(1)",
    "data": "data:text/html;base64,eXN3ZHhzcw==",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "protocol-relative": "//evil.example/report.pdf",
    "traversal": "../secret.txt",
    "deep traversal": "../../../../etc/passwd",
    "traversal inside": "papers/../../secret.txt",
    "absolute path": "/etc/passwd",
    "windows traversal": "..\\secret.txt",
    "windows absolute": "C:\\secret.txt",
    "ftp": "ftp://example.nhs.uk/report.pdf",
    "scheme without host": "https:report.pdf",
}


@pytest.mark.parametrize("name", list(BAD_URLS))
def test_bad_document_urls_are_check_errors(site: SiteFolder, name: str) -> None:
    site.write("content/secret.txt", "not for publishing\n")
    site.write("secret.txt", "not for publishing\n")
    record = site.read("content/engagements/scan-times.md").replace(
        "reviews:", f"documents:\n  - title: Report\n    url: {q(BAD_URLS[name])}\nreviews:", 1
    )
    site.write("content/engagements/scan-times.md", record)
    problems = site.check().problems
    assert [(p.field, p.path) for p in problems] == [("documents[1].url", "content/engagements/scan-times.md")], problems


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_beside_the_record_is_not_a_way_out(site: SiteFolder) -> None:
    """A file 'beside the record' that is a link to a file outside the content is traversal too."""
    outside = site.write("private/credentials.txt", "not for publishing\n")
    os.symlink(outside, site.root / "content/engagements/report.txt")
    record = site.read("content/engagements/scan-times.md").replace(
        "reviews:", "documents:\n  - title: Report\n    url: report.txt\nreviews:", 1
    )
    site.write("content/engagements/scan-times.md", record)
    problems = site.check().problems
    assert [p.field for p in problems] == ["documents[1].url"], problems
