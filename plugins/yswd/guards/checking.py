"""One entry point for "load everything and say what is wrong", shared by the CLI and the plugin."""

from __future__ import annotations

from typing import Callable

from yswd.content.load import RecordCache, load_content
from yswd.content.placement import placement_problems
from yswd.content.records import Content, Layout
from yswd.content.rules import check
from yswd.guards.personal_data import check_personal_data


def load_and_check(layout: Layout, cache: RecordCache | None = None, on_record: Callable[[int, int], None] | None = None) -> Content:
    """All content of the site, with every problem from every file and rule in `problems`.

    `on_record(done, total)` is told as each record is read and validated, for a progress bar.
    """
    content = load_content(layout, cache, on_record)
    content.problems.extend(placement_problems(layout, content))
    content.problems.extend(check(content, layout.docs_dir))
    content.problems.extend(check_personal_data(content, layout, cache.scans if cache else None))
    content.problems.sort()
    return content
