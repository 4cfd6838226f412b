"""The accessible, private theme every yswd site gets, from the package rather than the site.

The package's theme folder (yswd/site/theme) joins mkdocs-material's template folders, after a
site's own `custom_dir` and before Material's: its templates (a skip link on every page, header
controls that Tab reaches, a plain 404 page) replace Material's, and a site's own still replace
ours. Its stylesheet goes first in `extra_css`, so it styles pages even when a site replaces the
templates, and the site's own stylesheets and the brand colours still come after it.

Web fonts (Google Fonts would tell another host who reads about which health service) and the
"Made with Material" link are switched off, unless the site's mkdocs.yml asks for them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from yswd.mkdocs_plugin.config import written_settings
from yswd.site import routes
from yswd.site.pages import SitePlan

THEME_DIR = Path(__file__).resolve().parent.parent / "site" / "theme"
THEME_STYLESHEET = routes.asset("theme.css")
THEMES = ("material",)
"""Themes whose templates ours extend."""


def adopt_theme(config: MkDocsConfig) -> bool:
    """Add yswd's theme to a Material site's config; False (and nothing changed) for other themes."""
    theme = config.theme
    if theme.name not in THEMES:
        return False
    if str(THEME_DIR) not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
    if "font" not in _site_theme_settings(config):
        theme["font"] = False
    config.extra.setdefault("generator", False)
    if THEME_STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, THEME_STYLESHEET)
    return True


def theme_pages(plan: SitePlan, directory_urls: bool) -> dict[str, str | None]:
    """The pages of a yswd site that the theme links to, site-relative for its `url` filter
    (`yswd_pages` in the templates; a site without them, such as a regional one, has none)."""
    return {
        "everything": routes.page_url(routes.everything(), directory_urls),
        "search": routes.page_url(routes.SEARCH, directory_urls) if routes.SEARCH in plan.pages else None,
    }


def _site_theme_settings(config: MkDocsConfig) -> dict:
    """The theme settings mkdocs.yml wrote itself (`theme: material` is a name and no settings)."""
    settings = written_settings(config)
    written = settings[0].get("theme") if settings else None
    return written if isinstance(written, dict) else {}
