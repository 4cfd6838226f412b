"""The personal-data guard on everything else the build publishes: pages, files, names, site settings.

MkDocs copies every file of the docs folder that the plugin does not take out, whatever its
name, so each route to the public folder is scanned:

- every Markdown page (index.md and the rest) as written, HTML comments included;
- mkdocs.yml and every file it inherits from (INHERIT), whose site_name, site_description,
  copyright and extra settings are on every page;
- every file of the theme's custom_dir (templates, partials, scripts, any name);
- the names of files and folders, which become web addresses and appear in the sitemap,
  the feed and the data files;
- every other file outside the engagements folder, and every file a record attaches, read by
  what its bytes are (`file_text`): text in any common encoding, PDFs, Word, Excel and
  OpenDocument files, zips and gzips; a file that can't be read is a problem, and so is one
  that holds a record (a draft copied, or hard-linked, to notes.txt or secret.js).

What pictures show, and PDFs that are only pictures of text, can't be read: the guard's
documented limit (see README, "Personal data").
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from itertools import accumulate
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from yswd.content.documents import attachments
from yswd.content.messages import field_label
from yswd.content.placement import record_field
from yswd.content.records import Content, Layout
from yswd.guards.file_text import read_out
from yswd.guards.names import name_in
from yswd.guards.patterns import Allowed, find_personal_data
from yswd.guards.scanning import PUBLISHED, SITE_HINT, hint, in_a_comment, message, scan_text, texts_in
from yswd.problems import Problem

NAMES = "the names of files and folders become the site's web addresses, and appear in the sitemap, the feed and the data files."
HOLDS_A_RECORD = (
    "This file holds an engagement record's fields (status or you_said), but it is not a record: the site "
    "would publish it as it is, drafts and all, without any checks. Delete it; a record belongs in the "
    "engagements folder, saved with the .md ending."
)

_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


def scan_published(content: Content, layout: Layout, allowed: Allowed, cache: dict) -> Iterator[Problem]:
    """Every problem in what is published besides records and settings."""
    for path in content.tree.pages:
        shown = layout.shown(path)
        text = content.texts.get(shown)
        if text is not None:
            yield from scan_text(text, 1, shown, "", allowed, SITE_HINT, PUBLISHED)
    for shown in content.config_files:
        if shown in content.texts:
            yield from _scan_mkdocs_yml(content.texts[shown], shown, allowed)
    yield from _scan_loaded_settings(layout, content, allowed)
    files = [*content.tree.others, *_attachments(content, layout)]
    for path in (*files, *theme_files(layout.theme_dir)):
        yield from _scan_file(path, layout.shown(path), allowed, cache)
    named = [*content.tree.records, *content.tree.pages, *files, *content.tree.links]
    yield from _scan_names(named, layout.docs_dir, layout, allowed)


def published_sources(content: Content, layout: Layout) -> set[Path]:
    """Every file of the site (not of an installed theme) the guard scanned as published; and
    the links allowed, each a record's attachment pointing at another it attaches (scanned)."""
    attached = {layout.docs_dir / path for record in content.engagements for path in attachments(record)}
    links = [link for link in content.tree.links if link in attached]
    found = [*content.tree.pages, *content.tree.others, *_attachments(content, layout), *theme_files(layout.theme_dir), *links]
    return {Path(os.path.abspath(path)) for path in found}


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


LOADED = (
    "this setting is shown on the site's pages, with the value the build reads (from an environment "
    "variable, where mkdocs.yml says !ENV), and git keeps every version of mkdocs.yml."
)


def _scan_loaded_settings(layout: Layout, content: Content, allowed: Allowed) -> Iterator[Problem]:
    """The settings every page shows, as MkDocs loaded them, named by setting (never by value).

    A value written in mkdocs.yml (or a file it inherits from) is scanned there, at its own
    line; this finds what only the loaded value shows: `copyright: !ENV [FOOTER, "..."]` takes
    its text from the environment at build time.
    """
    written = [content.texts.get(shown, "") for shown in content.config_files]
    for path, value in texts_in(layout.settings, keys=True):
        if any(value in text for text in written):
            continue
        hits = find_personal_data(value, allowed)
        if hits:
            shown, line = _setting_line(str(path[0]), content)
            yield Problem(shown, line, field_label(path, layout.settings), message(hits[0], hint(SITE_HINT, allowed), LOADED))


def _setting_line(name: str, content: Content) -> tuple[str, int]:
    """The file and line where a top-level setting is written: mkdocs.yml first, then what it inherits."""
    for shown in content.config_files:
        text = content.texts.get(shown, "")
        match = re.search(rf"^{re.escape(name)}[ \t]*:", text, re.MULTILINE)
        if match:
            return shown, text.count("\n", 0, match.start()) + 1
    return (content.config_files[0] if content.config_files else "mkdocs.yml"), 1


def _attachments(content: Content, layout: Layout) -> list[Path]:
    """Files beside records that a record (of any status) attaches: the build publishes them."""
    beside = {PurePosixPath(path.relative_to(layout.docs_dir).as_posix()): path for path in content.tree.beside_records}
    wanted = {path for record in content.engagements for path in attachments(record)}
    return sorted(beside[path] for path in wanted if path in beside)


def theme_files(theme_dir: Path | None) -> list[Path]:
    """Every file of the theme's custom_dir, whatever its name (MkDocs publishes or renders them
    all), never following links."""
    if theme_dir is None:
        return []
    found = [Path(folder, name) for folder, _, names in os.walk(theme_dir) for name in names]
    return sorted(path for path in found if path.is_file() and not path.is_symlink())


def _scan_file(path: Path, shown: str, allowed: Allowed, cache: dict) -> Iterator[Problem]:
    try:
        raw = path.read_bytes()
    except OSError:
        return  # a file that can't be opened is never published either
    key = (hashlib.sha256(raw).hexdigest(), allowed)
    cached = cache.get(shown)
    if cached is None or cached[0] != key:
        cached = (key, list(_file_problems(raw, shown, allowed)))
        cache[shown] = cached
    yield from cached[1]


def _file_problems(raw: bytes, shown: str, allowed: Allowed) -> Iterator[Problem]:
    """Each text in a file scanned (a record's fields are a problem of their own); or why it can't be."""
    readout = read_out(raw)
    for where, text in readout.texts:
        found = record_field(text)
        if found:
            yield Problem(shown, 1 if where else found[0], where or found[1], HOLDS_A_RECORD)
        elif where:  # a page of a PDF, a part of a Word file: its lines are not the file's
            for hit in find_personal_data(text, allowed):
                yield Problem(shown, 1, where, message(hit, hint(SITE_HINT, allowed), PUBLISHED))
        else:
            yield from scan_text(text, 1, shown, "", allowed, SITE_HINT, PUBLISHED)
    if readout.unreadable:
        yield Problem(shown, 1, readout.where, readout.unreadable)


def _scan_names(paths: Iterable[Path], docs_dir: Path, layout: Layout, allowed: Allowed) -> Iterator[Problem]:
    """Each file's name, and each folder's once, read with underscores as gaps.

    The names are scanned as one text, joined by a character no pattern runs across: one scan
    for thousands of names instead of one each."""
    named: dict[str, str] = {}  # path within docs_dir -> its last part
    inside = str(docs_dir) + os.sep
    for path in paths:
        text = str(path)
        relative = text[len(inside):] if text.startswith(inside) else path.relative_to(docs_dir).as_posix()
        parts = relative.replace(os.sep, "/").split("/")
        for end in range(len(parts), 0, -1):
            folder = "/".join(parts[:end])
            if folder in named:
                break  # its folders were seen with it
            named[folder] = parts[end - 1]
    folders = list(named)
    names = [named[folder].replace("_", " ") for folder in folders]
    starts = [0, *accumulate(len(name) + 1 for name in names)]
    reported: set[int] = set()
    for hit in find_personal_data(_BETWEEN_NAMES.join(names), allowed):
        index = bisect.bisect_right(starts, hit.start) - 1
        if index not in reported:
            reported.add(index)
            yield Problem(layout.shown(docs_dir / folders[index]), 1, "file name", message(hit, hint(SITE_HINT, allowed), NAMES))
    for index, folder in enumerate(folders):
        hit = name_in(named[folder], allowed) if index not in reported else None
        if hit is not None:  # a person's name (names.py): one look at each name's words
            yield Problem(layout.shown(docs_dir / folder), 1, "file name", message(hit, hint(SITE_HINT, allowed), NAMES))


_BETWEEN_NAMES = "\x00"
"""No pattern of personal data runs across it (as in personal_data's scan of a record's values)."""
