"""The MkDocs adapter: thin event hooks that call the yswd core."""

from yswd.mkdocs_plugin.plugin import YouSaidWeDidPlugin

__all__ = ["YouSaidWeDidPlugin"]
