"""Where a site keeps its content, from mkdocs.yml and the plugin options, and where the reader
panel's build goes (never into the public folder)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel, set_exclusions

from yswd.content.records import Layout
from yswd.mkdocs_plugin.config import YouSaidWeDidConfig, written_settings


def layout_for(config: MkDocsConfig, options: YouSaidWeDidConfig) -> Layout:
    """Where this MkDocs project keeps its content, from mkdocs.yml and the plugin options."""
    root = Path(config.config_file_path).parent
    custom_dir = config.theme.custom_dir if config.theme else None
    return Layout(
        root=root,
        docs_dir=Path(config.docs_dir),
        config_dir=root / options.config_dir,
        engagements_dir=options.engagements_dir,
        strategy_file=options.strategy_file,
        config_file=Path(config.config_file_path),
        no_records_yet=options.no_records_yet,
        theme_dir=Path(custom_dir) if custom_dir else None,
        settings={name: _plain(config.get(name)) for name in SHOWN_SETTINGS if config.get(name) is not None},
        extensions=(
            *(("markdown_extensions", name) for name in config.markdown_extensions if isinstance(name, str)),
            *(("plugins", name) for name in config.plugins),
        ),
        option_mistakes=dict(options.mistakes),
        excluded=_excluded(config),
    )


SHOWN_SETTINGS = (
    "site_name", "site_description", "site_author", "copyright", "extra", "nav",
    "site_url", "repo_url", "repo_name", "edit_uri", "extra_css", "extra_javascript",
)
"""mkdocs.yml's settings that reach every page (the header, the footer, the menu, the page's
metadata, its links and the sitemap)."""


def _plain(value: object) -> object:
    """A setting as plain dicts and lists (MkDocs keeps `extra` in a config object of its own)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    path = getattr(value, "path", None)  # a script of extra_javascript, with its attributes
    return path if isinstance(path, str) else value


def _excluded(config: MkDocsConfig) -> Callable[[str], bool]:
    """Whether MkDocs leaves a file of docs_dir out of the site, asked of MkDocs itself: its own
    rule (names starting with a dot, templates/) with exclude_docs, whose `!` lines bring files
    back. Drafts (draft_docs) count as in: `mkdocs serve` shows them."""

    def excluded(src_uri: str) -> bool:
        file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        set_exclusions([file], config)
        return file.inclusion == InclusionLevel.EXCLUDED

    return excluded


def review_site_dir(config: MkDocsConfig, root: Path, review_dir: str) -> Path:
    """The reader panel's folder: always its own, whatever site_dir or `-d` say, never the public one.

    Paths are compared resolved, so `-f mkdocs.yml`, `-f /abs/mkdocs.yml`, another working folder
    and symlinks all agree. mkdocs.yml's own site_dir is the public folder (MkDocs keeps the
    file's settings first in `user_configs`, and `-d` after them).
    """
    settings = written_settings(config)
    from_file = settings[0].get("site_dir", "site") if settings else "site"
    public = (root / from_file).resolve()
    review = (root / review_dir).resolve()
    if review == public or review in public.parents or public in review.parents:
        raise PluginError(
            f"The review build would be written into the public site folder ({from_file}). Drafts must never "
            "reach the folder that is published: set review_site_dir (under plugins: - yswd: in mkdocs.yml) "
            "to a folder of its own, such as site-review."
        )
    if Path(config.site_dir).resolve() == public and len(settings) > 1 and "site_dir" in settings[-1]:
        raise PluginError(
            f"A review build was asked to write into the public site folder ({from_file}). The review build "
            f"always goes into {review_dir}: leave out --site-dir (-d)."
        )
    return review
