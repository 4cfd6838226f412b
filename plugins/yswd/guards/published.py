"""The personal-data guard on everything else the build publishes: pages, files, names, site settings.

MkDocs copies every file of the docs folder that the plugin does not take out, so each
route to the public folder is scanned:

- every Markdown page (index.md and the rest) as written, HTML comments included;
- mkdocs.yml, whose site_name, site_description and copyright are on every page;
- the theme's custom_dir, whose templates and files are published too;
- the names of files and folders, which become web addresses and appear in the sitemap,
  the feed and the data files;
- text files (.txt, .csv, .html, .svg and the like) outside the engagements folder, and
  every file a record attaches; PDFs by the text pypdf can take out of them.

Pictures, and PDFs that are only pictures of text, can't be read: they are the guard's
documented limit (see README, "Personal data").
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from yswd.content.documents import attachments
from yswd.content.records import Content, Layout
from yswd.guards.patterns import Allowed, find_personal_data
from yswd.guards.scanning import PUBLISHED, SITE_HINT, hint, in_a_comment, message, scan_text
from yswd.problems import Problem

TEXT_SUFFIXES = (".txt", ".text", ".csv", ".tsv", ".md", ".markdown", ".html", ".htm", ".xml", ".json", ".svg", ".ics", ".vcf", ".rtf")
"""Files whose bytes are text a reader sees once they are published."""

NAMES = "the names of files and folders become the site's web addresses, and appear in the sitemap, the feed and the data files."

_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


def scan_published(content: Content, layout: Layout, allowed: Allowed, cache: dict) -> Iterator[Problem]:
    """Every problem in what is published besides records and settings."""
    for path in content.tree.pages:
        shown = layout.shown(path)
        text = content.texts.get(shown)
        if text is not None:
            yield from scan_text(text, 1, shown, "", allowed, SITE_HINT, PUBLISHED)
    mkdocs = layout.shown(layout.mkdocs_path)
    if mkdocs in content.texts:
        yield from _scan_mkdocs_yml(content.texts[mkdocs], mkdocs, allowed)
    files = [*content.tree.others, *_attachments(content, layout)]
    theme = _theme_files(layout.theme_dir) if layout.theme_dir else []
    for path in (*files, *theme):
        yield from _scan_file(path, layout.shown(path), allowed, cache)
    named = [*content.tree.records, *content.tree.pages, *files, *content.tree.links]
    yield from _scan_names(named, layout.docs_dir, layout, allowed)


def _scan_mkdocs_yml(text: str, shown: str, allowed: Allowed) -> Iterator[Problem]:
    """mkdocs.yml as written (not its comments, which are never published), each hit named by
    the setting it is under (site_description, nav...)."""
    keys = [(text.count("\n", 0, match.start()) + 1, match[1]) for match in _TOP_LEVEL_KEY.finditer(text)]
    for hit in find_personal_data(text, allowed):
        if in_a_comment(text, hit.start):
            continue
        line = text.count("\n", 0, hit.start) + 1
        above = [key for at, key in keys if at <= line]
        yield Problem(shown, line, above[-1] if above else "", message(hit, hint(SITE_HINT, allowed), PUBLISHED))


def _attachments(content: Content, layout: Layout) -> list[Path]:
    """Files beside records that a record (of any status) attaches: the build publishes them."""
    beside = {PurePosixPath(path.relative_to(layout.docs_dir).as_posix()): path for path in content.tree.beside_records}
    wanted = {path for record in content.engagements for path in attachments(record)}
    return sorted(beside[path] for path in wanted if path in beside)


def _theme_files(theme_dir: Path) -> list[Path]:
    """Text files of the theme's custom_dir (templates, partials), never following links."""
    found = []
    for folder, _, names in os.walk(theme_dir):
        found.extend(Path(folder, name) for name in names if name.lower().endswith(TEXT_SUFFIXES + (".pdf",)))
    return sorted(path for path in found if path.is_file() and not path.is_symlink())


def _scan_file(path: Path, shown: str, allowed: Allowed, cache: dict) -> Iterator[Problem]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix != ".pdf":
        return
    try:
        raw = path.read_bytes()
    except OSError:
        return  # a file that can't be opened is never published either
    key = (hashlib.sha256(raw).hexdigest(), allowed)
    cached = cache.get(shown)
    if cached is None or cached[0] != key:
        problems = _scan_pdf(raw, shown, allowed) if suffix == ".pdf" else scan_text(_as_text(raw), 1, shown, "", allowed, SITE_HINT, PUBLISHED)
        cached = (key, list(problems))
        cache[shown] = cached
    yield from cached[1]


def _as_text(raw: bytes) -> str:
    """Bytes as a browser would most likely show them: UTF-8, else Latin-1; Unix line endings."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _scan_pdf(raw: bytes, shown: str, allowed: Allowed) -> Iterator[Problem]:
    """The text of each page of a PDF, as pypdf takes it out; a PDF it can't open is a problem."""
    from pypdf import PdfReader  # only sites that attach PDFs pay for importing it

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception:  # pypdf raises many kinds of error on damaged files: all mean "can't read it"
        yield Problem(
            shown, 1, "",
            "This PDF can't be opened to check it for personal data (it is damaged, or protected by a "
            "password). Save it again as an ordinary PDF, without a password.",
        )
        return
    for number, text in enumerate(pages, start=1):
        for hit in find_personal_data(text, allowed):
            yield Problem(shown, 1, f"page {number}", message(hit, hint(SITE_HINT, allowed), PUBLISHED))


def _scan_names(paths: Iterable[Path], docs_dir: Path, layout: Layout, allowed: Allowed) -> Iterator[Problem]:
    """Each file's name, and each folder's once, read with underscores as gaps."""
    seen: set[PurePosixPath] = set()
    for path in paths:
        relative = PurePosixPath(path.relative_to(docs_dir).as_posix())
        for named in (relative, *relative.parents):
            if named in seen or named == PurePosixPath("."):
                continue
            seen.add(named)
            hits = find_personal_data(named.name.replace("_", " "), allowed)
            if hits:
                yield Problem(layout.shown(docs_dir / named), 1, "file name", message(hits[0], hint(SITE_HINT, allowed), NAMES))
