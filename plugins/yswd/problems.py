"""One type for every problem found in a user's content, and the three ways it is shown.

Everything that checks content returns `Problem`s; nothing raises half-way. The CLI, the
MkDocs plugin and the tests all format them through `format_problems`, so a message reads
the same in a terminal, in a failed build and as a GitHub annotation.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from difflib import get_close_matches
from typing import Iterable, Literal

Format = Literal["text", "json", "github"]
FORMATS: tuple[Format, ...] = ("text", "json", "github")


class SetupError(Exception):
    """A site that can't be set up at all (a missing mkdocs.yml, a year with no report): the
    message is for the person who ran the command, and the CLI shows it without a traceback."""


@dataclass(frozen=True, order=True)
class Problem:
    """Something a person must fix: where it is and, in plain English, what to do."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def closest(value: object, choices: Iterable[str]) -> str | None:
    """The choice closest to `value`, when one is close enough to be what was meant."""
    if not isinstance(value, str):
        return None
    matches = get_close_matches(value.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A ' Did you mean "x"?' suffix when a close match exists, else ''."""
    match = closest(value, choices)
    return f' Did you mean "{match}"?' if match else ""


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_problems(problems: Iterable[Problem], fmt: Format) -> str:
    """Render problems for people (`text`), programs (`json`) or GitHub Actions (`github`)."""
    problems = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(
            f"::error file={_github_escape(p.path, property_value=True)},line={p.line},"
            f"title={_github_escape(p.field or 'content', property_value=True)}::{_github_escape(p.message)}"
            for p in problems
        )
    lines = [str(p) for p in problems]
    if problems:
        count = len(problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} to fix before the site can be built.")
    return "\n".join(lines)
