"""Reading a site repository from disk: files to validated models, with every problem kept.

Loading never stops at the first mistake. Each file is read on its own; a file that cannot
be read at all gives one problem and is skipped, and every other file is still checked.
"""

from __future__ import annotations

import hashlib
import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from yswd.content.model import Engagement, GlossaryEntry, Organisation, Strategy
from yswd.content.values import PLAIN, SLUG_PATTERN
from yswd.content.yamlread import Marks, YamlSyntaxError, looks_like_a_name, read_yaml
from yswd.problems import Problem, did_you_mean

ModelT = TypeVar("ModelT", bound=BaseModel)

_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class Source:
    """Where a piece of content came from, so problems can point at the right line."""

    path: str
    """The file, relative to the project folder, with forward slashes."""
    marks: Marks = field(default_factory=Marks, compare=False)

    def line(self, *path: str | int) -> int:
        return self.marks.line(tuple(path))


@dataclass(frozen=True)
class EngagementFile:
    """One engagement record as written: its validated front matter, body and origin."""

    id: str
    engagement: Engagement
    body: str
    body_line: int
    source: Source
    folder: PurePosixPath
    """The record's folder, relative to the docs folder (for attached documents)."""
    digest: str = ""
    """A hash of the file's bytes: what changed, for caches."""
    invalid: frozenset[str] = frozenset()
    """Top-level fields that failed their checks (already reported); rules leave them alone."""


@dataclass
class Content:
    """Everything read from a site repository, and everything wrong with it."""

    organisation: Organisation | None = None
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    strategy: Strategy | None = None
    strategy_source: Source | None = None
    strategy_written: bool = False
    """Whether strategy.yml exists, even if it could not be read."""
    organisation_source: Source | None = None
    engagements: list[EngagementFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """Where a site repository keeps its files."""

    root: Path
    docs_dir: Path
    config_dir: Path
    engagements_dir: str = "engagements"
    strategy_file: str = "strategy.yml"

    def shown(self, path: Path) -> str:
        """A path as people should see it: relative to the project, forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def organisation_path(self) -> Path:
        return self.config_dir / "organisation.yml"

    @property
    def glossary_path(self) -> Path:
        return self.config_dir / "glossary.yml"

    @property
    def strategy_path(self) -> Path:
        return self.docs_dir / self.strategy_file

    def engagement_paths(self) -> list[Path]:
        folder = self.docs_dir / self.engagements_dir
        return sorted(folder.rglob("*.md")) if folder.is_dir() else []


def load_content(layout: Layout, cache: RecordCache | None = None) -> Content:
    """Read and validate every file of the site; cross-record rules are `rules.check`'s job."""
    content = Content()
    org_source = Source(layout.shown(layout.organisation_path))
    if layout.organisation_path.is_file():
        content.organisation, content.organisation_source = _load_yaml_model(
            layout.organisation_path, Organisation, org_source.path, content.problems
        )
    else:
        content.problems.append(
            Problem(org_source.path, 1, "", "This file is missing. Every site needs its organisation's settings here.")
        )
    if layout.glossary_path.is_file():
        glossary, _ = _load_yaml_model(
            layout.glossary_path, dict[str, GlossaryEntry], layout.shown(layout.glossary_path), content.problems
        )
        content.glossary = glossary or {}
    content.strategy_written = layout.strategy_path.is_file()
    if content.strategy_written:
        content.strategy, content.strategy_source = _load_yaml_model(
            layout.strategy_path, Strategy, layout.shown(layout.strategy_path), content.problems
        )
    cache = cache or RecordCache()
    for path in layout.engagement_paths():
        record = cache.load(path, layout, content.problems)
        if record is not None:
            content.engagements.append(record)
    return content


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
    problems.extend(Problem(shown, p.line, field_label(p.path, data), p.message) for p in yaml_problems)
    return data, source


def _load_yaml_model(path: Path, model: type[ModelT], shown: str, problems: list[Problem]):
    text = read_text(path, shown, problems)
    if text is None:
        return None, None
    if not text.strip():
        problems.append(Problem(shown, 1, "", "This file is empty."))
        return None, None
    parsed = parse_yaml(text, shown, problems)
    if parsed is None:
        return None, None
    data, source = parsed
    return validate(model, data, source, problems), source


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


def _stray_separator(body: str, body_line: int) -> int | None:
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


class RecordCache:
    """Records already read, by file and content hash, kept between `mkdocs serve` rebuilds.

    Reading and validating a record depends on nothing but its own bytes, so an unchanged
    file is not read again; checks across records still run every time.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, EngagementFile | None, list[Problem]]] = {}
        self.scans: dict[str, tuple] = {}
        """The personal-data guard's findings per file, kept the same way."""

    def load(self, path: Path, layout: Layout, problems: list[Problem]) -> EngagementFile | None:
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        key = str(path)
        cached = self._entries.get(key)
        if cached is None or cached[0] != digest:
            found: list[Problem] = []
            cached = (digest, load_engagement(path, layout, found, raw, digest), found)
            self._entries[key] = cached
        problems.extend(cached[2])
        return cached[1]


def load_engagement(
    path: Path, layout: Layout, problems: list[Problem], raw: bytes | None = None, digest: str | None = None
) -> EngagementFile | None:
    shown = layout.shown(path)
    raw = path.read_bytes() if raw is None else raw
    text = decode_text(raw, shown, problems)
    if text is None:
        return None
    split = split_front_matter(text)
    if isinstance(split, str):
        problems.append(Problem(shown, 1, "", split))
        return None
    front, body, body_line = split
    stray = _stray_separator(body, body_line)
    if stray is not None:
        problems.append(
            Problem(
                shown,
                stray,
                "",
                "There is a second --- line inside the fields: the fields below it would be read as "
                "the story. Delete this line; only the opening and closing lines are ---.",
            )
        )
        return None
    parsed = parse_yaml(front, shown, problems, first_line=2)
    if parsed is None:
        return None
    data, source = parsed
    if data is None:
        problems.append(Problem(shown, 1, "", "The record has no fields between its --- lines."))
        return None
    engagement = validate(Engagement, data, source, problems)
    invalid: frozenset[str] = frozenset()
    if engagement is None:
        if not isinstance(data, dict):
            return None
        engagement, invalid = partial_engagement(data)
    record_id = engagement.id or path.stem
    if not engagement.id and not _SLUG.match(record_id):
        problems.append(
            Problem(
                shown,
                1,
                "id",
                "The file name can't be used as the record's id. Rename the file using lower-case "
                "letters, digits and hyphens (like maternity-scans-2025.md), or add an id: field.",
            )
        )
        return None
    folder = PurePosixPath(path.parent.relative_to(layout.docs_dir).as_posix())
    digest = digest or hashlib.sha256(raw).hexdigest()
    return EngagementFile(record_id, engagement, body, body_line, source, folder, digest, invalid)


def partial_engagement(data: dict) -> tuple[Engagement, frozenset[str]]:
    """The fields of a record that are valid, and the names of those that are not.

    One wrong field should not hide every other mistake in the record until it is fixed, so
    the rules still run on the rest. A failed field becomes None or its default; its
    problem is already reported, and it stops the build.
    """
    values: dict[str, object] = {}
    invalid: set[str] = set()
    for name, info in Engagement.model_fields.items():
        empty = None if info.is_required() else info.get_default(call_default_factory=True)
        if name not in data:
            values[name] = empty
            invalid.update([name] if info.is_required() else [])
            continue
        try:
            values[name] = _field_adapter(name).validate_python(data[name])
        except ValidationError:
            values[name] = empty
            invalid.add(name)
    return Engagement.model_construct(**values), frozenset(invalid)


@cache
def _field_adapter(name: str) -> TypeAdapter:
    info = Engagement.model_fields[name]
    return TypeAdapter(typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)


def validate(model: type[ModelT] | object, data: object, source: Source, problems: list[Problem]):
    """The validated model, or None with a plain-English problem for each mistake."""
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    if data is None:
        data = {}
    try:
        return adapter.validate_python(data)
    except ValidationError as error:
        for item in error.errors():
            problems.append(_problem_from_error(item, model, data, source))
        return None


def _problem_from_error(item: dict, model: object, data: object, source: Source) -> Problem:
    loc = tuple(part for part in item["loc"] if part != "[key]")
    kind = item["type"]
    label = field_label(loc, data)
    if kind == PLAIN:
        message = item["msg"]
    elif kind == "missing":
        message = "is required but missing."
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        known = _field_names(model, loc[:-1])
        if looks_like_a_name(name):
            message = f'"{name}" is not a field we know.{did_you_mean(name, known)}'
        else:
            message = (
                "This line is not a field we know. If it belongs to the story, move it below the "
                "closing --- line; if it is text, indent it under its field or put it in quotes."
            )
        if not did_you_mean(name, known) and known:
            message += f" The fields allowed here are: {', '.join(known)}."
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = "should be a set of fields, each on its own line as name: value, indented under this one."
    elif kind == "list_type":
        message = 'should be a list: one "- item" per line, or [first, second] on one line.'
    else:
        message = "is not written in a way we can read."
    if kind == "missing":
        return Problem(source.path, source.line(*loc[:-1]), label, message)
    return Problem(source.path, source.line(*loc), label, message)


def field_label(loc: tuple[str | int, ...], data: object) -> str:
    """A path such as `we_did[saturday-clinic].status`: list items by id, else by number from 1."""
    label = ""
    current = data
    for part in loc:
        if isinstance(part, int):
            item = current[part] if isinstance(current, list) and part < len(current) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            label += f"[{item_id}]" if isinstance(item_id, str) and item_id else f"[{part + 1}]"
            current = item
        else:
            shown = part if looks_like_a_name(part) else "(unknown field)"
            label += f".{shown}" if label else shown
            current = current.get(part) if isinstance(current, dict) else None
    return label


def _field_names(model: object, loc: tuple[str | int, ...]) -> list[str]:
    """The field names allowed at `loc` inside `model`, for 'did you mean' suggestions."""
    current = model
    for part in loc:
        current = _inner(current, part)
    current = _strip(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _strip(annotation: object) -> object:
    """Remove Optional and Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _inner(annotation: object, part: str | int) -> object:
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    if origin in (list, dict):
        return typing.get_args(annotation)[-1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        found = annotation.model_fields.get(part)
        return found.annotation if found else None
    return None
