"""Reading files as people save them: encodings, line endings, front matter and YAML syntax."""

from __future__ import annotations

import re
from pathlib import Path

from yswd.content.messages import written_key_label
from yswd.content.model import Engagement
from yswd.content.records import Source
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


def stray_separator(body: str, body_line: int) -> int | None:
    """The line of a closing --- that was meant to be inside the fields: fields follow it."""
    for line in body.split("\n"):
        if line.strip():
            match = _FIELD_LINE.match(line)
            return body_line - 1 if match and match.group(1) in Engagement.model_fields else None
    return None


_FIELD_LINE = re.compile(r"^([a-z_]+):(\s|$)")

UNCLOSED = (
    "The fields that open with --- on line 1 are never closed. Add a line with just --- "
    "after the last field, before the story."
)
