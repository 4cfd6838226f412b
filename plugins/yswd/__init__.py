"""yswd: "You said, we did" publishing for NHS engagement teams.

The domain core (model, loading, rules, site planning, rendering) knows nothing of MkDocs;
`yswd.mkdocs_plugin` adapts it to MkDocs' build events and `yswd.cli` to the command line.
"""

__version__ = "0.2.0"
"""The one place the version is written: pyproject.toml reads it from here."""
