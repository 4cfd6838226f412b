"""The MkDocs adapter: thin event hooks that call the yswd core."""

from .plugin import YouSaidWeDidPlugin

__all__ = ["YouSaidWeDidPlugin"]
