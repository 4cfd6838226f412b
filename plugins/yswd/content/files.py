"""Reading files as people save them: encodings, line endings, front matter and YAML syntax."""

from __future__ import annotations

import re
from pathlib import Path

from yswd.content.markdown_limits import markdown_trouble
from yswd.content.messages import written_key_label
from yswd.content.model import Engagement
from yswd.content.records import Content, Layout, Source
from yswd.content.tree import DocsTree
from yswd.content.yamlread import YamlSyntaxError, read_yaml
from yswd.problems import Problem


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file as text with Unix line endings, or None (and a problem) when it can't be read."""
    return decode_text(path.read_bytes(), shown, problems)


def decode_text(raw: bytes, shown: str, problems: list[Problem]) -> str | None:
    """Bytes as text with Unix line endings, or None (and a problem) when they can't be read."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        problems.append(
            Problem(shown, 1, "", "This file is saved as UTF-16. Save it again with UTF-8 encoding (the usual setting).")
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                shown,
                line,
                "",
                "This file is not saved as UTF-8 text. Open it in your editor and save it again with "
                "UTF-8 encoding. The first character that can't be read is on this line.",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, shown: str, problems: list[Problem], first_line: int = 1) -> tuple[object, Source] | None:
    """YAML with line marks; syntax errors and duplicate keys become problems."""
    try:
        data, marks, yaml_problems = read_yaml(text, first_line=first_line)
    except YamlSyntaxError as error:
        problems.append(Problem(shown, error.line, "", error.message))
        return None
    source = Source(shown, marks)
    problems.extend(Problem(shown, p.line, written_key_label(p.path, data), p.message) for p in yaml_problems)
    return data, source


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """(front matter, body, body's first line), or a message saying what is wrong."""
    lines = text.split("\n")
    if not text.strip():
        return (
            "This file is empty. A record starts with a line of three dashes (---), then its "
            "fields, then another --- line, then the story in Markdown."
        )
    if lines[0].rstrip() != "---":
        return (
            "A record must start with a line of three dashes (---) on the very first line, then "
            "its fields, then another --- line."
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return UNCLOSED


def stray_separator(front: str, body: str, body_line: int) -> int | None:
    """The line of a closing --- that was meant to be inside the fields: fields follow it.

    A story may well start with "title:" or "summary:" as words; only a field the front matter
    lacks, written as the first line after the ---, says the --- was a mistake.
    """
    given = {match.group(1) for match in map(_FIELD_LINE.match, front.split("\n")) if match}
    for line in body.split("\n"):
        if line.strip():
            match = _FIELD_LINE.match(line)
            known = match is not None and match.group(1) in Engagement.model_fields
            return body_line - 1 if known and match.group(1) not in given else None
    return None


_FIELD_LINE = re.compile(r"^([a-z_]+):(\s|$)")

UNCLOSED = (
    "The fields that open with --- on line 1 are never closed. Add a line with just --- "
    "after the last field, before the story."
)


def odd_files(layout: Layout, tree: DocsTree) -> list[Problem]:
    """Things in the content folder that are neither files, folders nor links, and record-named folders.

    A pipe would hang any program that reads it, and a device stops the build; neither is
    content, so each is named for staff to delete.
    """
    odd = [Problem(layout.shown(path), 1, "", FOLDER_LIKE_A_RECORD if path.is_dir() else NOT_ORDINARY) for path in tree.odd]
    return odd + [Problem(layout.shown(path), 1, "", MISNAMED_RECORD) for path in tree.misnamed]


FOLDER_LIKE_A_RECORD = "This is a folder whose name ends in .md, like a record's. Rename the folder without .md."
MISNAMED_RECORD = (
    "This file is in the engagements folder with a Markdown ending other than .md, so it is not read as a "
    "record and would be left out of the site without a word. Rename it to end in .md (in small letters)."
)
NOT_ORDINARY = "This is not an ordinary file (it is a pipe, a socket or a device). Delete it: the site's content is ordinary files."


def page_problems(layout: Layout, content: Content) -> list[Problem]:
    """Markdown pages outside the records (the home page and the like) that MkDocs could not
    render: nested too deeply, or a paragraph too long."""
    problems = []
    for path in content.tree.pages:
        shown = layout.shown(path)
        text = content.texts.get(shown)
        trouble = markdown_trouble(text) if text is not None else None
        if trouble:
            problems.append(Problem(shown, trouble[0] + 1, "", "This page " + trouble[1]))
    return problems
