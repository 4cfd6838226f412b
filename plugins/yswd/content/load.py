"""Reading a site repository from disk: files to validated models, with every problem kept.

Loading never stops at the first mistake. Each file is read on its own; a file that cannot
be read at all gives one problem and is skipped, and every other file is still checked.
"""

from __future__ import annotations

import re

import hashlib
import os
import time
import typing
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Callable

from pydantic import TypeAdapter, ValidationError

from yswd.content.format_version import NewerFormat, require_readable_format
from yswd.content.files import decode_text, odd_files, page_problems, parse_yaml, read_text, split_front_matter, stray_separator
from yswd.content.messages import ModelT, validate
from yswd.content.model import Engagement, GlossaryEntry, Organisation, Population, Strategy, Theme
from yswd.content.records import Content, EngagementFile, Layout, Source
from yswd.content.tree import walk_docs
from yswd.content.values import GlossaryTerm, is_slug
from yswd.problems import Problem
from yswd.two_cores import PICKLED, parallel_wanted, share



def load_content(layout: Layout, cache: RecordCache | None = None, on_record: Callable[[int, int], None] | None = None) -> Content:
    """Read and validate every file of the site; cross-record rules are `rules.check`'s job.

    `on_record(done, total)` is told after each record, for a progress bar.
    """
    content = Content(tree=walk_docs(layout.docs_dir, layout.engagements_dir, layout.excluded), files=layout.settings_files())
    org_source = Source(content.files.organisation)
    if layout.organisation_path.is_file():
        try:
            content.organisation, content.organisation_source = _load_yaml_model(
                layout.organisation_path, Organisation, org_source.path, content, require_readable_format
            )
        except NewerFormat as newer:  # the other files may use what this yswd can't read: say only this
            return Content(problems=[newer.problem], files=content.files)
    else:
        content.problems.append(
            Problem(org_source.path, 1, "", "This file is missing. Every site needs its organisation's settings here.")
        )
    if layout.glossary_path.is_file():
        glossary, _ = _load_yaml_model(
            layout.glossary_path, dict[GlossaryTerm, GlossaryEntry], content.files.glossary, content
        )
        content.glossary = glossary or {}
    if layout.population_path.is_file():
        content.population, content.population_source = _load_yaml_model(
            layout.population_path, Population, content.files.population, content
        )
    content.strategy_written = layout.strategy_path.is_file()
    if content.strategy_written:
        content.strategy, content.strategy_source = _load_yaml_model(
            layout.strategy_path, Strategy, content.files.strategy, content
        )
    content.problems.extend(odd_files(layout, content.tree))
    cache = cache or RecordCache()
    cache.read(content.tree.records, layout, on_record)
    for path in content.tree.records:
        cache.add_to(content, layout.shown(path))
    for path in content.tree.pages:
        _keep_text(path, layout.shown(path), content)
    content.problems.extend(page_problems(layout, content))
    _keep_config_files(layout.mkdocs_path, layout, content)
    return content


_INHERIT = re.compile(r"^INHERIT[ \t]*:[ \t]*(['\"]?)(.+?)\1[ \t]*(?:#.*)?$", re.MULTILINE)


def _keep_config_files(path: Path, layout: Layout, content: Content) -> None:
    """mkdocs.yml and the chain of files it inherits from (INHERIT: base.yml), each kept for the
    guard: MkDocs merges their settings, so each one's site_description or extra is published."""
    while path.is_file():
        shown = layout.shown(path)
        if shown in content.config_files:
            return  # a loop, which MkDocs refuses itself
        content.config_files.append(shown)
        text = _keep_text(path, shown, content)
        match = _INHERIT.search(text or "")
        if match is None:
            return
        path = path.parent / _from_environment(match[2].strip())


_ENV_TAG = re.compile(r"^!ENV[ \t]+(?:\[[ \t]*([\w]+)[ \t]*(?:,[ \t]*(['\"]?)(.*?)\2[ \t]*)?\]|([\w]+))$")


def _from_environment(written: str) -> str:
    """A setting as MkDocs reads it: `!ENV NAME` or `!ENV [NAME, default]` is the variable, else the default."""
    match = _ENV_TAG.match(written)
    if match is None:
        return written
    return os.environ.get(match[1] or match[4]) or (match[3] or "")


def _keep_text(path: Path, shown: str, content: Content) -> str | None:
    text = read_text(path, shown, content.problems)
    if text is not None:
        content.texts[shown] = text
    return text


def _load_yaml_model(path: Path, model: type[ModelT], shown: str, content: Content, precheck: Callable[[object, Source], None] | None = None):
    problems = content.problems
    text = _keep_text(path, shown, content)
    if text is None:
        return None, None
    if not text.strip():
        problems.append(Problem(shown, 1, "", "This file is empty."))
        return None, None
    parsed = parse_yaml(text, shown, problems)
    if parsed is None:
        return None, None
    data, source = parsed
    if precheck is not None:
        precheck(data, source)
    return validate(model, data, source, problems), source


class RecordCache:
    """Records already read, by file and content hash, kept between `mkdocs serve` rebuilds.

    Reading and validating a record depends on nothing but its own bytes, so an unchanged
    file is not read again; checks across records still run every time.
    """

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, EngagementFile | None, list[Problem], str | None]] = {}
        self.scans: dict[str, tuple] = {}
        """The personal-data guard's findings per file, kept the same way."""
        self.stored: dict[str, dict] = {}
        """Records as the build cache holds them (JSON), by file: written again only when changed."""
        self.stored_scans: dict[str, tuple] = {}
        """The findings as read from the build cache, to tell whether they changed."""
        self.untouched: dict[str, tuple[int, int, int, int]] = {}
        """Each file's `_stamp` when it was read, for files not written to since (see `_settled`)."""

    def read(self, paths: list[Path], layout: Layout, on_record: Callable[[int, int], None] | None = None) -> None:
        """Read and check each record whose bytes are not those it was last read from, on two
        cores when there are many (two_cores.py). `on_record(done, total)` counts them."""
        todo = []
        for path in paths:
            shown = layout.shown(path)
            stamp = _stamp(path)
            if shown in self.entries and stamp is not None and self.untouched.get(shown) == stamp:
                continue  # not written to since it was read: the same bytes
            self.untouched.pop(shown, None)
            raw = path.read_bytes()
            if stamp is not None and _settled(stamp):
                self.untouched[shown] = stamp
            digest = hashlib.sha256(raw).hexdigest()
            cached = self.entries.get(shown)
            if cached is None or cached[0] != digest:
                todo.append((path, raw, digest))
            elif cached[3] is None and cached[1] is not None:  # from the build cache, which keeps no text
                self.entries[shown] = (*cached[:3], decode_text(raw, shown, []))
        counted = None if on_record is None else lambda done, total: on_record(len(paths) - total + done, len(paths))
        share(
            todo, lambda item: _entry(*item, layout), lambda item, entry: self.entries.__setitem__(layout.shown(item[0]), entry),
            PICKLED, on_progress=counted, parallel=parallel_wanted(),
        )
        if paths and not todo and on_record is not None:  # every record was read before: all done at once
            on_record(len(paths), len(paths))

    def add_to(self, content: Content, shown: str) -> None:
        """Put one record read into `content`: the record, its problems and its text."""
        cached = self.entries[shown]
        content.problems.extend(cached[2])
        if cached[1] is not None:
            content.engagements.append(cached[1])
        if cached[3] is not None:
            content.texts[shown] = cached[3]


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    """What changes whenever a file is written to or replaced: its times, size and inode."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino


SETTLED_NS = 2_000_000_000


def _settled(stamp: tuple[int, int, int, int]) -> bool:
    """Whether a file was last written long enough ago that a write now would change its times:
    a filesystem's clock can be coarser than a write and a read, so a file written in the same
    tick as it was read could keep its stamp. Such a file is read again next time."""
    return time.time_ns() - max(stamp[0], stamp[1]) > SETTLED_NS


def _entry(path: Path, raw: bytes, digest: str, layout: Layout) -> tuple[str, EngagementFile | None, list[Problem], str | None]:
    shown = layout.shown(path)
    found: list[Problem] = []
    text = decode_text(raw, shown, found)
    record = None if text is None else load_engagement(path, layout, found, text, digest)
    return digest, record, found, text


def load_engagement(path: Path, layout: Layout, problems: list[Problem], text: str, digest: str) -> EngagementFile | None:
    """One record from its text (already read and decoded), or None with its problems."""
    shown = layout.shown(path)
    split = split_front_matter(text)
    if isinstance(split, str):
        problems.append(Problem(shown, 1, "", split))
        return None
    front, body, body_line = split
    stray = stray_separator(front, body, body_line)
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
    if not engagement.id and not is_slug(record_id):
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
            values[name] = _partial_themes(data[name]) if name == "you_said" else empty
            invalid.add(name)
    return Engagement.model_construct(**values), frozenset(invalid)


def _partial_themes(items: object) -> list[Theme]:
    """Themes with the fields that are valid, so that one bad value in a theme does not also
    make every action that answers it point at a theme that seems not to exist."""
    if not isinstance(items, list):
        return []
    themes = []
    for item in items:
        if not isinstance(item, dict):
            continue
        fields = {}
        for name, info in Theme.model_fields.items():
            adapter = TypeAdapter(typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)
            try:
                fields[name] = adapter.validate_python(item[name]) if name in item else (None if info.is_required() else info.get_default())
            except ValidationError:
                fields[name] = None
        if fields["id"] is not None:  # a theme without a valid id can't be answered
            themes.append(Theme.model_construct(**fields))
    return themes


@cache
def _field_adapter(name: str) -> TypeAdapter:
    info = Engagement.model_fields[name]
    return TypeAdapter(typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)
