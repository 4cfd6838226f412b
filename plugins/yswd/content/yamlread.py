"""YAML that keeps line numbers and refuses YAML's surprises.

PyYAML (like python-frontmatter, which wraps it) forgets where each value came from and
silently keeps the last of two duplicate keys. Staff need the line of every mistake, so
this module composes the node tree itself and builds plain Python values from it,
recording a line for every key and list item.

The scalar rules follow YAML 1.2's core schema rather than PyYAML's YAML 1.1: only
`true`/`false` are booleans, so `no`, `yes`, `on` and `off` stay text; `1:20` and `0755`
stay text instead of becoming 80 and 493. Anchors and aliases are refused: records never
need them and they allow "billion laughs" documents that expand without limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from yswd.content.characters import HIDDEN, hidden_character, restore_breaks, set_aside_breaks
from yswd.content.yamlerrors import READER_MESSAGE, plain_syntax_error

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: the careful reader does everything
    CParser = None

Path = tuple[str | int, ...]

MAX_DEPTH = 40
MAX_DIGITS = 30


class YamlInt(int):
    """A whole number that remembers how it was written, in case the field wanted text."""

    source: str


class YamlFloat(float):
    """A decimal number that remembers how it was written (`1.10` is not `1.1` as text)."""

    source: str


class YamlDate(date):
    """A date that remembers how it was written (`2025-3-1` is not `2025-03-01` as an id)."""

    source: str


class YamlDateTime(datetime):
    """A date and time that remembers how it was written."""

    source: str


@dataclass
class Marks:
    """The line of every key and list item, so a problem at any path can name its line."""

    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that was written down."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return 1


@dataclass(frozen=True)
class YamlProblem:
    """A mistake in the YAML itself, before any field is looked at."""

    line: int
    path: Path
    message: str


class YamlSyntaxError(Exception):
    """The YAML cannot be read at all; `line` is where the reader gave up."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$")


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars and no aliases."""

    yaml_implicit_resolvers: dict = {}

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlSyntaxError(
                event.start_mark.line + 1,
                "This uses a YAML alias (a word starting with *). Records can't use anchors (&) "
                "or aliases (*): write the value out in full.",
            )
        return super().compose_node(parent, index)


for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", _BOOL, "tTfF"),
    ("tag:yaml.org,2002:int", _INT, "-+0123456789"),
    ("tag:yaml.org,2002:float", _FLOAT, "-+.0123456789"),
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", _DATE, "0123456789"),
]:
    _Loader.add_implicit_resolver(tag, pattern, list(first))


class _FastLoader(CParser, SafeConstructor, Resolver):  # type: ignore[misc, valid-type]
    """libyaml's parser (C, about ten times faster) with the same scalar rules as `_Loader`."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook
        # Runs for every node, keys too, whose tags are never used: a plain scalar's tag is
        # worked out only when its value is built (`_plain_tag`).
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else Resolver.DEFAULT_SCALAR_TAG
        return _DEFAULT_TAGS[kind]


_PLAIN = "(a plain scalar, not yet resolved)"


def _plain_tag(value: str) -> str:
    """The tag `_Loader` gives a plain scalar: the first of its implicit resolvers that matches."""
    for tag, regexp in _Loader.yaml_implicit_resolvers.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return Resolver.DEFAULT_SCALAR_TAG


_DEFAULT_TAGS = {SequenceNode: Resolver.DEFAULT_SEQUENCE_TAG, MappingNode: Resolver.DEFAULT_MAPPING_TAG}


_DEEP_BLOCKS = re.compile(r"\n {300}|-[ \t]+(?:[-?][ \t]+){49}|\?[ \t]+(?:[-?][ \t]+){49}")
"""300 spaces of indent, or 50 list or key markers in a row. Each choice starts with a
character of its own, so the search skips straight to those characters."""


def _maybe_deep(text: str) -> bool:
    """Text that might nest deeply. libyaml recurses in C and would crash the process, so
    such text goes to PyYAML, whose error we report; records never nest so deep."""
    return text.count("[") + text.count("{") > 200 or _DEEP_BLOCKS.search(text) is not None


class _SharedNode(Exception):
    """A node reached twice: the document uses an alias, which the careful reader reports."""


def read_yaml(text: str, *, first_line: int = 1) -> tuple[object, Marks, list[YamlProblem]]:
    """Parse one YAML document whose first line is line `first_line` of its file.

    Returns the value, the line marks and the problems found on the way (duplicate keys
    and the like), or raises `YamlSyntaxError` when the text cannot be read at all.

    libyaml reads well-formed files quickly; anything it cannot read, or any alias, is read
    again by PyYAML's own parser, whose errors we know how to explain.
    """
    text, restore = set_aside_breaks(text)
    if CParser is not None and not _maybe_deep(text):
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            clean = not restore and HIDDEN.search(text) is None  # the stand-ins hide NEL, a control character
            builder = _Builder(first_line - 1, refuse_shared=True, restore=restore, clean=clean)
            value = builder.value(node, ()) if node is not None else None
            return value, builder.marks, builder.problems
        except (yaml.YAMLError, _SharedNode, RecursionError, YamlSyntaxError):
            pass
        finally:
            loader.dispose()
    return _read_carefully(text, first_line, restore)


def _read_carefully(text: str, first_line: int, restore: bool) -> tuple[object, Marks, list[YamlProblem]]:
    """PyYAML's pure-Python reader: slower, with errors that say where and what."""
    offset = first_line - 1
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except YamlSyntaxError as error:
        raise YamlSyntaxError(error.line + offset, error.message) from None
    except yaml.MarkedYAMLError as error:
        line, message = plain_syntax_error(error)
        raise YamlSyntaxError(line + offset, message) from None
    except yaml.reader.ReaderError as error:  # control characters and the like
        line = text.count("\n", 0, error.position) + 1 if isinstance(error.position, int) else 1
        raise YamlSyntaxError(line + offset, READER_MESSAGE) from None
    except RecursionError:
        raise YamlSyntaxError(first_line, "This is nested too deeply to read.") from None
    finally:
        if loader is not None:
            loader.dispose()
    builder = _Builder(offset, restore=restore)
    if node is None:
        return None, builder.marks, builder.problems
    return builder.value(node, ()), builder.marks, builder.problems


class _Builder:
    """Turns composed nodes into plain values, recording lines and collecting problems."""

    def __init__(self, offset: int, refuse_shared: bool = False, restore: bool = False, clean: bool = False):
        self.offset = offset
        self.restore = restore
        self.clean = clean
        """The YAML as written has no control or direction character, so only a double-quoted
        scalar (whose escapes can write any character) needs checking for one."""
        self.marks = Marks()
        self.problems: list[YamlProblem] = []
        self.seen: set[int] | None = set() if refuse_shared else None

    def text(self, node: ScalarNode) -> str:
        """A scalar as written, with the line separators set aside before parsing put back."""
        return restore_breaks(node.value) if self.restore else node.value

    def line(self, node: Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def hidden(self, node: ScalarNode, text: str) -> str | None:
        """What is wrong with a scalar that holds a control or direction character, or None."""
        return None if self.clean and node.style != '"' else hidden_character(text)

    def value(self, node: Node, path: Path) -> object:
        if len(path) > MAX_DEPTH:
            raise YamlSyntaxError(self.line(node), "This is nested too deeply to be a record.")
        if isinstance(node, ScalarNode):  # most nodes: the work is written out here, not in calls
            text = restore_breaks(node.value) if self.restore else node.value
            line = node.start_mark.line + 1 + self.offset
            self.marks.lines.setdefault(path, line)
            if (message := self.hidden(node, text)) is not None:  # escapes reach past the reader's check
                self.problems.append(YamlProblem(line, path, message if path else message.capitalize()))
            return self.scalar(node, text)
        if self.seen is not None:
            if id(node) in self.seen:
                raise _SharedNode()
            self.seen.add(id(node))
        self.marks.lines.setdefault(path, self.line(node))
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        self._check_tag(node, "tag:yaml.org,2002:seq")
        return [self.value(item, (*path, index)) for index, item in enumerate(node.value)]

    def mapping(self, node: MappingNode, path: Path) -> dict:
        self._check_tag(node, "tag:yaml.org,2002:map")
        result: dict[str, object] = {}
        lines = self.marks.lines
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlSyntaxError(self.line(key_node), "A field name must be a simple word, not a list.")
            key = self.text(key_node)
            key_path = (*path, key)
            key_line = self.line(key_node)
            if (message := self.hidden(key_node, key)) is not None:
                self.problems.append(YamlProblem(key_line, path, "This name " + message))
            if key in result:
                twice = f"This field is given twice (first on line {lines[key_path]}). Keep one and delete the other."
                self.problems.append(YamlProblem(key_line, key_path, twice))
                continue
            lines[key_path] = key_line
            result[key] = self.value(value_node, key_path)
            lines[key_path] = key_line
        return result

    def scalar(self, node: ScalarNode, text: str) -> object:
        tag = _plain_tag(node.value) if node.tag is _PLAIN else node.tag
        if tag == "tag:yaml.org,2002:str":
            return text
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return text.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            if len(text) > MAX_DIGITS:
                return text  # far beyond any count; the field's own check says what is wrong
            number = YamlInt(text)
            number.source = text
            return number
        if tag == "tag:yaml.org,2002:float":
            decimal = YamlFloat(text)
            decimal.source = text
            return decimal
        if tag == "tag:yaml.org,2002:timestamp":
            return _timestamp(text)
        raise YamlSyntaxError(
            self.line(node),
            f"This uses a YAML tag ({tag}) that records don't support. Remove the word starting with !.",
        )

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            raise YamlSyntaxError(
                self.line(node),
                f"This uses a YAML tag ({node.tag}) that records don't support. Remove the word starting with !.",
            )


_NAME = re.compile(r"^[A-Za-z](?:[A-Za-z _-]{0,39}|[A-Za-z0-9_-]{0,39})$")


def looks_like_a_name(key: str) -> bool:
    """Whether a key is safe to repeat in messages: a word, not a sentence that may hold personal data."""
    return bool(_NAME.match(key))


def _timestamp(text: str) -> object:
    """A date (or date and time) as YAML means it; text when it is not a real date."""
    try:
        if len(text) <= 10:
            year, month, day = (int(part) for part in text.split("-"))
            value: date = YamlDate(year, month, day)
        else:
            parsed = datetime.fromisoformat(text.replace("t", "T").replace("z", "+00:00").replace("Z", "+00:00"))
            value = YamlDateTime.fromisoformat(parsed.isoformat())
    except ValueError:
        return text
    value.source = text
    return value
