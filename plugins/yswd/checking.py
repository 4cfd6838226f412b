"""One entry point for "load everything and say what is wrong", shared by the CLI and the plugin."""

from __future__ import annotations

from .load import Content, Layout, load_content
from .rules import check


def load_and_check(layout: Layout) -> Content:
    """All content of the site, with every problem from every file and rule in `problems`."""
    content = load_content(layout)
    content.problems.extend(check(content, layout.docs_dir))
    content.problems.sort()
    return content
