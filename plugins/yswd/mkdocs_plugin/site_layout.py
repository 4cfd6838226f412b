"""Reading a site's layout from its mkdocs.yml, for commands that check without building."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from yswd.content.records import Layout
from yswd.mkdocs_plugin.folders import layout_for
from yswd.mkdocs_plugin.plugin import YouSaidWeDidPlugin
from yswd.problems import SetupError


def load_site(config_file: Path) -> tuple[MkDocsConfig, YouSaidWeDidPlugin]:
    """The site's MkDocs configuration and its yswd plugin, or a clean error for the command line."""
    if not config_file.is_file():
        raise SetupError(
            f"{config_file} was not found. Run yswd in the site's folder, or name its mkdocs.yml with -f. "
            'To start a new site, run: yswd init FOLDER --name "Your organisation\'s name"'
        )
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise SetupError(f"{config_file} has a problem: {error}") from None
    for plugin in config.plugins.values():
        if isinstance(plugin, YouSaidWeDidPlugin):
            return config, plugin
    raise SetupError(f"{config_file} does not list the yswd plugin under plugins:.")


def layout_from_mkdocs_yml(config_file: Path) -> Layout:
    config, plugin = load_site(config_file)
    return layout_for(config, plugin.config)
