"""The personal-data guard: no NHS number, e-mail, phone, postcode or date of birth in anything published.

Drafts go to lay reviewers and every version goes into git history, which is permanent,
so every record of every status is scanned: each text value in the front matter (nested
ones too), the front matter as written (so comments, duplicate keys and unknown fields are
covered) and the Markdown story. So are the settings that reach pages (organisation.yml,
glossary.yml, the strategy) and, through `published`, every other file the build publishes.

The guard scans the text the loader already read (`Content.texts`): no file is read twice.
What personal data looks like, and how text is read first, is in `patterns`.

A hit becomes a `Problem` naming the file, line and field and saying what the text looks
like. It never repeats the text: problems end up in build logs and CI annotations.

Exceptions are exact texts a person has checked: `personal_data.allow` in
organisation.yml (site-wide) and a record's own `allow_personal_data`. The organisation's
`contact_email` is always allowed. A hit is let through when an allowed text covers it
(whitespace may differ, so a text that wraps onto a new line in the story still matches).

A record whose fields have mistakes, or whose YAML can't be read at all, is still scanned:
from its values as written, or failing that from its lines, so fixing one error never
reveals a personal-data problem that was there all along.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from itertools import accumulate
from typing import Iterator

from yswd.content.files import parse_yaml, split_front_matter
from yswd.content.messages import field_label
from yswd.content.records import Content, EngagementFile, Layout, Source
from yswd.guards.names import name_in
from yswd.guards.patterns import Allowed, Hit, find_personal_data
from yswd.guards.published import scan_published
from yswd.guards.scanning import IN_A_RECORD, texts_in, PUBLISHED, RECORD_HINT, SITE_HINT, hint, in_a_comment, message, scan_text
from yswd.problems import Problem
from yswd.two_cores import PICKLED, parallel_wanted, share

STORY = "body"
"""The field label of a record's Markdown story, below the front matter."""


def check_personal_data(content: Content, layout: Layout, cache: dict | None = None) -> list[Problem]:
    """A problem for every piece of personal data in anything the site is made from or publishes.

    `cache` (kept between `mkdocs serve` rebuilds) holds each file's findings with what they
    were made from (its text and the allow-list), so unchanged files are not scanned again.
    """
    cache = {} if cache is None else cache
    site_allowed = _site_allowed(content)
    loaded = {record.source.path: record for record in content.engagements}
    problems: set[Problem] = set()
    keys = {}
    for path in content.tree.records:
        shown = layout.shown(path)
        text = content.texts.get(shown)
        if text is not None:
            keys[shown] = (hashlib.sha256(text.encode()).hexdigest(), site_allowed)
    share(
        [shown for shown, key in keys.items() if cache.get(shown, (None,))[0] != key],
        lambda shown: list(_scan_record(shown, content.texts[shown], loaded.get(shown), site_allowed)),
        lambda shown, found: cache.__setitem__(shown, (keys[shown], found)),
        PICKLED, parallel=parallel_wanted(),
    )
    for shown in keys:
        problems.update(cache[shown][1])
    settings = (
        (layout.organisation_path, content.organisation, content.organisation_source),
        (layout.glossary_path, None, None),
        (layout.population_path, content.population, content.population_source),
        (layout.strategy_path, content.strategy, content.strategy_source),
    )
    for path, model, source in settings:
        shown = layout.shown(path)
        text = content.texts.get(shown)
        if text is not None:
            data = (model.model_dump(), source) if model is not None and source is not None else None
            problems.update(_scan_settings(shown, text, data, site_allowed))
    problems.update(scan_published(content, layout, site_allowed, cache))
    return sorted(problems)


def _scan_record(shown: str, text: str, record: EngagementFile | None, site_allowed: Allowed) -> Iterator[Problem]:
    split = split_front_matter(text)
    if isinstance(split, str):  # no front matter we can find: scan the file as written
        yield from scan_text(text, 1, shown, "", site_allowed, RECORD_HINT)
        return
    front, body, body_line = split
    if record is not None:
        data = record.engagement.model_dump()
        source = record.source
    else:
        parsed = parse_yaml(front, shown, [], first_line=2)
        if parsed is None:  # the YAML can't be read: scan its lines, honouring its allow-list as written
            allowed = site_allowed.with_texts(_allow_texts_in_lines(front))
            yield from scan_text(front, 2, shown, "", allowed, RECORD_HINT)
            yield from scan_text(body, body_line, shown, STORY, allowed, RECORD_HINT)
            return
        data, source = parsed
    allowed = site_allowed.with_texts(_allow_texts(data, "allow_personal_data"))
    yield from _scan_yaml(data, source, front, 2, allowed, RECORD_HINT)
    yield from _names_in_ids(data, source, allowed, RECORD_HINT)
    yield from scan_text(body, body_line, shown, STORY, allowed, RECORD_HINT)


IDS = (
    "ids and keys become web addresses, page anchors and columns of the data files, so they never name a "
    "person: use words about the subject, such as waits or saturday-clinic."
)


def _names_in_ids(data: object, source: Source, allowed: Allowed, template: str, keys: bool = False) -> Iterator[Problem]:
    """Ids that look like a person's name: every `id` at any depth (themes, actions, methods,
    commitments), a record's aliases and, with `keys`, a settings file's keys (topics, localities)."""
    for path, value in _ids(data, (), keys):
        hit = name_in(value, allowed)
        if hit is not None:
            yield Problem(source.path, source.line(*path), field_label(path, data), message(hit, hint(template, allowed), IDS))


def _ids(value: object, path: tuple, keys: bool, found: list | None = None) -> list[tuple[tuple, str]]:
    """(path, id) in the order written; only lists and mappings are walked into, as only they hold ids."""
    found = [] if found is None else found
    if isinstance(value, dict):
        for key, item in value.items():
            if keys and isinstance(key, str):
                found.append(((*path, key), key))
            if key == "id" and isinstance(item, str):
                found.append(((*path, key), item))
            elif key == "aliases" and isinstance(item, list):
                found += [((*path, key, index), alias) for index, alias in enumerate(item) if isinstance(alias, str)]
            elif isinstance(item, (dict, list)):
                _ids(item, (*path, key), keys, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                _ids(item, (*path, index), keys, found)
    return found


def _scan_settings(shown: str, text: str, loaded: tuple[object, Source] | None, allowed: Allowed) -> Iterator[Problem]:
    """A settings file: its values as loaded when it is valid, as written when it is not."""
    parsed = loaded or parse_yaml(text, shown, [])
    if parsed is None:
        yield from scan_text(text, 1, shown, "", allowed, SITE_HINT, PUBLISHED)
        return
    yield from _scan_yaml(*parsed, text, 1, allowed, SITE_HINT, PUBLISHED, comments=False)
    yield from _names_in_ids(*parsed, allowed, SITE_HINT, keys=True)


def _scan_yaml(
    data: object, source: Source, written: str, first_line: int, allowed: Allowed, template: str,
    why: str = IN_A_RECORD, comments: bool = True,
) -> Iterator[Problem]:
    """Every text value in YAML data, then the YAML as written, whose first line is `first_line`.

    The values give the field of each hit, and show what YAML escapes and folded lines hide.
    The text as written catches what the values can't show: comments, the second of two
    duplicate keys, fields that failed their checks. Each hit is reported once: a hit the
    values found on a line is not repeated. A record's comments are scanned (drafts go to
    reviewers); a settings file's are not (`comments=False`): they are never published, and
    the site template's comments hold examples.
    """
    lines = written.split("\n")

    def message_for(hit: Hit) -> str:
        return message(hit, hint(template, allowed), why)

    found: set[tuple[int, str]] = set()
    for kind, problem in _scan_values(data, source, lines, first_line, allowed, message_for):
        found.add((problem.line, kind))
        yield problem
    as_written = None
    for hit in find_personal_data(written, allowed):
        line = first_line + written.count("\n", 0, hit.start)
        if not comments and in_a_comment(written, hit.start):
            continue
        if (line, hit.kind) not in found:
            found.add((line, hit.kind))
            if as_written is None:  # fields that failed their checks are only in the YAML as written
                parsed = parse_yaml(written, source.path, [], first_line=first_line)
                as_written = parsed[0] if parsed else data
            yield Problem(source.path, line, _label_at(line, lines, first_line, source, as_written), message_for(hit))


_BETWEEN_VALUES = "\x00"
"""Joins a record's values so one scan covers them all; no pattern runs across it."""


def _scan_values(data: object, source: Source, lines: list[str], first_line: int, allowed: Allowed, message_for) -> Iterator[tuple[str, Problem]]:
    """(kind, problem) for every text value in YAML data; `lines` is the YAML as written.

    The values are scanned as one text, which is much faster than one scan each.
    """
    values = list(texts_in(data))
    if not values:
        return
    joined = _BETWEEN_VALUES.join(value for _, value in values)
    hits = find_personal_data(joined, allowed)
    if not hits:
        return
    offsets = [0, *accumulate(len(value) + 1 for _, value in values)]
    starts = sorted(set(source.marks.lines.values()))
    last_line = first_line + len(lines) - 1
    for hit in hits:
        index = bisect.bisect_right(offsets, hit.start) - 1
        path, value = values[index]
        matched = joined[hit.start : hit.end]
        line = source.line(*path)
        line = _line_of(matched, line, _next_start(starts, line, last_line), lines, first_line)
        yield hit.kind, Problem(source.path, line, field_label(path, data), message_for(hit))


def _label_at(line: int, lines: list[str], first_line: int, source: Source, data: object) -> str:
    """The field written on (or running onto) `line`; "" for a comment line."""
    index = line - first_line
    if 0 <= index < len(lines) and lines[index].lstrip().startswith("#"):
        return ""
    best: tuple[int, int, tuple] | None = None
    for path, at in source.marks.lines.items():
        if path and at <= line and (best is None or (at, len(path)) > best[:2]):
            best = (at, len(path), path)
    return field_label(best[2], data) if best else ""


def _next_start(starts: list[int], line: int, last_line: int) -> int:
    """The line where the next field starts after `line` (so a value's own lines are before it)."""
    index = bisect.bisect_right(starts, line)
    return starts[index] if index < len(starts) else last_line + 1


def _line_of(matched: str, line: int, stop: int, lines: list[str], first_line: int) -> int:
    """The line of a value (from `line` up to `stop`) where the matched text begins."""
    words = matched.split()
    if not words:
        return line
    for number in range(line, max(stop, line + 1)):
        index = number - first_line
        if 0 <= index < len(lines) and words[0] in lines[index]:
            return number
    return line


def _allow_texts(data: object, key: str) -> list[str]:
    """The `text` of each allowance under `key`, read leniently (the record may have mistakes)."""
    items = data.get(key) if isinstance(data, dict) else None
    texts = []
    for item in items if isinstance(items, list) else []:
        text = item.get("text") if isinstance(item, dict) else None
        if text is not None and not isinstance(text, (dict, list, bool)):
            texts.append(str(getattr(text, "source", text)).strip())
    return texts


_ALLOWANCE_TEXT = re.compile(r"^\s*(?:-\s+)?text:\s*(.+?)\s*$")


def _allow_texts_in_lines(front: str) -> list[str]:
    """The `text` of each allowance under allow_personal_data, read line by line from front
    matter whose YAML can't be read, so the allow-list itself is not reported as personal data."""
    texts: list[str] = []
    inside = False
    for line in front.split("\n"):
        if line and not line[0].isspace() and not line.startswith("-"):
            inside = line.startswith("allow_personal_data:")
            continue
        match = _ALLOWANCE_TEXT.match(line) if inside else None
        if match:
            value = match.group(1)
            texts.append(value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value)
    return texts


def _site_allowed(content: Content) -> Allowed:
    organisation = content.organisation
    settings_file = content.files.organisation
    if organisation is not None:
        return Allowed(
            tuple(allowance.text for allowance in organisation.personal_data.allow),
            organisation.contact_email,
            settings_file,
        )
    # The settings have mistakes: still honour what they allow, read leniently.
    text = content.texts.get(settings_file)
    parsed = parse_yaml(text, settings_file, []) if text else None
    data = parsed[0] if parsed else None
    if not isinstance(data, dict):
        return Allowed(settings_file=settings_file)
    email = data.get("contact_email")
    return Allowed(
        tuple(_allow_texts(data.get("personal_data"), "allow")),
        email.strip() if isinstance(email, str) else None,
        settings_file,
    )
