"""Content in the place the build checks it: nothing reaches the public folder around the checks.

Records are checked, filtered by status and scanned only inside the engagements folder;
MkDocs publishes everything else in the docs folder as it is. So a mistake in where things
are is a leak, not a tidy-up: an `engagements_dir` that matches no folder publishes every
record raw, a record saved in a misspelt folder is published raw, and a link (symlink)
publishes whatever it points at. Each is a problem naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Iterator

from yswd.content.documents import attachments
from yswd.content.files import split_front_matter
from yswd.content.records import Content, Layout
from yswd.problems import Problem

_RECORD_FIELD = re.compile(r"^(status|you_said)[ \t]*:", re.MULTILINE)
"""A top-level field only records have: an ordinary page never says either."""

NO_RECORDS_YET = "no_records_yet: true"


def placement_problems(layout: Layout, content: Content) -> Iterator[Problem]:
    """The engagements folder is real and holds the records; no record is elsewhere; no links."""
    yield from _option_mistakes(layout, content)
    if not content.tree.walked:
        return  # nothing was read: the one problem already said is why
    yield from _engagements_folder(layout, content)
    yield from _records_outside(layout, content)
    yield from _links(layout, content)
    yield from _includers(layout, content)


def _engagements_folder(layout: Layout, content: Content) -> Iterator[Problem]:
    mkdocs = layout.shown(layout.mkdocs_path)
    line = _option_line(content.texts.get(mkdocs, ""), "engagements_dir")
    if "engagements_dir" in layout.option_mistakes:
        return  # said already: what it should be
    docs = layout.shown(layout.docs_dir)
    folder = PurePosixPath(layout.engagements_dir.strip("/"))
    if not layout.engagements_dir.strip("/ ") or folder.is_absolute() or ".." in folder.parts or folder == PurePosixPath("."):
        yield Problem(mkdocs, line, "engagements_dir", f"should be a folder inside docs_dir ({docs}), such as engagements.")
        return
    where = f"{docs}/{folder}"
    if content.tree.engagements_found:
        if not content.tree.records and not layout.no_records_yet:
            yield Problem(
                mkdocs, line, "engagements_dir",
                f"names {where}, which holds no records. If the site has none yet, say so with "
                f"{NO_RECORDS_YET} under - yswd: in this file; otherwise check that engagements_dir "
                "names the folder the records are in.",
            )
        return
    if layout.no_records_yet:
        return
    yield Problem(
        mkdocs, line, "engagements_dir",
        f"names {where}, which is not a folder. Records are checked, and drafts kept out of the site, "
        "only in that folder: check the spelling. If the site has no records yet, say so with "
        f"{NO_RECORDS_YET} under - yswd: in this file.",
    )


def _option_mistakes(layout: Layout, content: Content) -> Iterator[Problem]:
    mkdocs = layout.shown(layout.mkdocs_path)
    yield from option_problems(mkdocs, content.texts.get(mkdocs, ""), layout.option_mistakes)


def option_problems(shown: str, mkdocs_text: str, mistakes: dict[str, str], plugin: str = "yswd") -> list[Problem]:
    """Each of a plugin's options written wrongly, at its line in mkdocs.yml, saying what it should be."""
    return [Problem(shown, _option_line(mkdocs_text, option, plugin), option, rule) for option, rule in mistakes.items()]


def _option_line(mkdocs_text: str, option: str, plugin: str = "yswd") -> int:
    """The line of a plugin's option in mkdocs.yml (after the plugin's name, as other plugins may
    have options of the same name), else of the plugin, else 1."""
    name = re.escape(plugin)
    found = re.search(rf"^[ \t]*(?:-[ \t]*)?['\"]?{name}['\"]?[ \t]*(?::|$)", mkdocs_text, re.MULTILINE)
    option_at = re.compile(rf"^[ \t]*{re.escape(option)}[ \t]*:", re.MULTILINE).search(mkdocs_text, found.start() if found else 0)
    found = option_at or found
    return mkdocs_text.count("\n", 0, found.start()) + 1 if found else 1


def _records_outside(layout: Layout, content: Content) -> Iterator[Problem]:
    """A page whose fields are a record's was meant for the engagements folder."""
    where = f"{layout.shown(layout.docs_dir)}/{layout.engagements_dir.strip('/')}"
    for path in content.tree.pages:
        shown = layout.shown(path)
        text = content.texts.get(shown)
        found = record_field(text) if text is not None else None
        if found:
            yield Problem(
                shown,
                found[0],
                found[1],
                f"This file looks like an engagement record, but it is not in the engagements folder ({where}). "
                "There it would be published as it is, drafts and all, without any checks. Move it into "
                f"{where}; if it is an ordinary page, remove this field.",
            )


def record_field(text: str) -> tuple[int, str] | None:
    """(line, field) of the first field only records have (status, you_said) at the top of a
    text, or None: a page, or any other file, that says either was written as a record."""
    fields, first_line = _leading_fields(text)
    match = _RECORD_FIELD.search(fields)
    return (first_line + fields.count("\n", 0, match.start()), match[1]) if match else None


def _leading_fields(text: str) -> tuple[str, int]:
    """The fields at the top of a page, with the line they start on.

    Front matter between --- lines; without them, the first paragraph, which MkDocs also
    reads as fields when it is written `name: value`.
    """
    split = split_front_matter(text)
    if isinstance(split, tuple):
        return split[0], 2
    if text.startswith("---"):
        return text, 1  # front matter never closed: every line may be a field
    return text.split("\n\n", 1)[0], 1


def _links(layout: Layout, content: Content) -> Iterator[Problem]:
    """A link anywhere in the docs folder, unless it is a record's attachment (checked with it)."""
    attached = {path for record in content.engagements for path in attachments(record)}
    for link in content.tree.links:
        relative = PurePosixPath(Path(link).relative_to(layout.docs_dir).as_posix())
        if relative in attached:
            continue
        yield Problem(
            layout.shown(link),
            1,
            "",
            "This is a link (symlink) to another file or folder. The site would publish whatever it points at, "
            "without any checks. Put the file itself here, or remove the link.",
        )


INCLUDERS = ("pymdownx.snippets", "markdown_include", "markdown_include.include", "mdx_include", "include-markdown", "macros")
"""Markdown extensions and MkDocs plugins that copy another file's text into a page."""
_INCLUDER = re.compile(
    rf"^[ \t]*-?[ \t]*['\"]?({'|'.join(re.escape(name) for name in INCLUDERS)})['\"]?[ \t]*(?::|$)",
    re.MULTILINE,
)
INCLUDES = (
    "lets a page copy in the text of any file, a draft record or a file outside the content folder "
    "included, which the site can't check before it is published. Remove it from this file, and "
    "write the text into the page itself."
)


def _includers(layout: Layout, content: Content) -> Iterator[Problem]:
    """An extension or plugin that lets a page take in any file (a draft record, a file outside the
    content folder) is refused: what it takes in is never a file the checks see as published.

    Found as written, in mkdocs.yml and what it inherits, and as MkDocs loaded them, so one named
    through `!ENV` is found too (at the line of markdown_extensions or plugins).
    """
    found = set()
    for shown in content.config_files:
        text = content.texts.get(shown, "")
        for match in _INCLUDER.finditer(text):
            found.add(match[1])
            yield Problem(shown, text.count("\n", 0, match.start()) + 1, match[1], INCLUDES)
    mkdocs = layout.shown(layout.mkdocs_path)
    text = content.texts.get(mkdocs, "")
    for setting_name, name in layout.extensions:
        if name in INCLUDERS and name not in found:
            setting = re.search(rf"^{setting_name}[ \t]*:", text, re.MULTILINE)
            yield Problem(mkdocs, text.count("\n", 0, setting.start()) + 1 if setting else 1, name, INCLUDES)
