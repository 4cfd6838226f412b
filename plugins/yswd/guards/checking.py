"""One entry point for "load everything and say what is wrong", shared by the CLI and the plugin."""

from __future__ import annotations

from typing import Callable

from yswd.content.load import RecordCache, load_content
from yswd.content.placement import placement_problems
from yswd.content.records import Content, Layout
from yswd.content.rules import check
from yswd.guards.names import hide_names
from yswd.guards.patterns import find_personal_data
from yswd.guards.personal_data import check_personal_data
from yswd.problems import Problem

HIDDEN = "(hidden)"


def load_and_check(layout: Layout, cache: RecordCache | None = None, on_record: Callable[[int, int], None] | None = None) -> Content:
    """All content of the site, with every problem from every file and rule in `problems`.

    `on_record(done, total)` is told as each record is read and validated, for a progress bar.
    """
    content = load_content(layout, cache, on_record)
    content.problems.extend(placement_problems(layout, content))
    content.problems.extend(check(content, layout.docs_dir))
    content.problems.extend(check_personal_data(content, layout, cache.scans if cache else None))
    content.problems = sorted(said_safely(problem) for problem in content.problems)
    return content


def said_safely(problem: Problem) -> Problem:
    """The problem with anything in its field or message that looks like personal data hidden.

    Messages are written never to repeat a value, but a field is named by the ids staff gave
    (`we_did[call-07700900123]`, `you_said[john-smith]`): problems go to build logs, CI annotations
    and JSON, so an id or key that looks like personal data or a name is never shown, whatever
    made the problem.
    """
    field, message = hide_names(_hidden(problem.field), HIDDEN), _hidden(problem.message)
    if (field, message) == (problem.field, problem.message):
        return problem
    return Problem(problem.path, problem.line, field, message)


def _hidden(text: str) -> str:
    for hit in reversed(find_personal_data(text)):
        text = text[: hit.start] + HIDDEN + text[hit.end :]
    return text
