"""The version of the content format a site is written to, stated once in organisation.yml.

A site says `format: N`. A yswd that reads only older versions stops with one message saying
which yswd to install, instead of a list of "not a field we know" for every newer field.
"""

from __future__ import annotations

from yswd import __version__
from yswd.content.model import FORMAT
from yswd.content.records import Source
from yswd.problems import Problem


class NewerFormat(Exception):
    """The site is written to a newer format than this yswd reads; `problem` says what to do."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def require_readable_format(data: object, source: Source) -> None:
    """Raise NewerFormat when the settings name a format newer than FORMAT."""
    written = data.get("format") if isinstance(data, dict) else None
    if isinstance(written, int) and not isinstance(written, bool) and written > FORMAT:
        raise NewerFormat(
            Problem(
                source.path,
                source.line("format"),
                "format",
                f"This site is written to version {written} of the content format, and the yswd installed "
                f"here ({__version__}) reads versions up to {FORMAT}. Install the yswd this site names in "
                "requirements.txt (pip install -r requirements.txt), then run it again.",
            )
        )
