"""The `yswd` command line: the only layer that imports click."""

from yswd.cli.commands import main

__all__ = ["main"]
