"""The `yswd-regional` MkDocs plugin: a regional site from the open data in its docs folder.

`yswd aggregate` writes a folder with mkdocs.yml and each organisation's engagements.json under
`content/data/sources/<ODS code>.json`. At every build this plugin checks each file against the
schema of its format version again (a file changed by hand is refused like any other), plans the
pages, renders them, and indexes the record pages for search with Pagefind. The source files
themselves are published unaltered, at the same paths.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from yswd.content.placement import option_problems
from yswd.dates import build_date
from yswd.mkdocs_plugin.config import WholeNumber
from yswd.problems import format_problems
from yswd.mkdocs_plugin.generated_page import add_hubs, page_stub
from yswd.mkdocs_plugin.search_feed import SearchFeed
from yswd.mkdocs_plugin.theme_setup import adopt_theme
from yswd.site.open_data import OpenDataError, Source, read_source
from yswd.site.routes import FILTER_INDEX
from yswd.site.regional import DATA_FILE, SOURCES_FOLDER, RegionalPlan, filter_index, plan_region, regional_json
from yswd.site.regional_render import RegionalRenderer
from yswd.site.render import MarkdownRenderer
from yswd.site.search import searchable

ASSETS = Path(__file__).resolve().parent.parent / "site" / "assets"
STYLESHEET = "assets/yswd/yswd.css"


class RegionalConfig(base.Config):
    def __init__(self, config_file_path: str | None = None):
        super().__init__(config_file_path=config_file_path)
        self.mistakes: dict[str, str] = {}

    page_size = WholeNumber(minimum=1, default=20)
    """How many records a listing page shows."""


def load_sources(docs_dir: Path) -> list[Source]:
    """Every organisation's file in the docs folder, checked; the file name gives a 1.0 file its ODS code."""
    folder = docs_dir / SOURCES_FOLDER
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise PluginError(f"There is no organisation's data in {folder}. Make the folder with: yswd aggregate SOURCE... --out DIR")
    sources = []
    for path in files:
        label = f"{SOURCES_FOLDER}/{path.name}"
        try:
            source = read_source(label, path.read_bytes(), path.stem.upper())
        except OpenDataError as error:
            raise PluginError(str(error)) from None
        if source.ods_code != path.stem.upper():
            raise PluginError(f"{label}: publisher.ods_code is {source.ods_code}: the file should be named {source.ods_code}.json.")
        sources.append(source)
    return sources


class RegionalPlugin(BasePlugin[RegionalConfig]):
    def __init__(self) -> None:
        self.plan: RegionalPlan | None = None
        self.renderer: RegionalRenderer | None = None
        self.search = SearchFeed()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.mistakes:
            path = Path(config.config_file_path)
            problems = option_problems(path.name, path.read_text(encoding="utf-8"), self.config.mistakes, "yswd-regional")
            raise PluginError("\n" + format_problems(problems, "text"))
        sources = load_sources(Path(config.docs_dir))
        self.plan = plan_region(config.site_name, sources, build_date(), self.config.page_size)
        self.renderer = RegionalRenderer(self.plan, MarkdownRenderer(config.markdown_extensions, config.mdx_configs), config.use_directory_urls)
        adopt_theme(config)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        assert self.plan is not None
        for asset in ("yswd.css", "search.js", "filter.js"):
            files.append(File.generated(config, f"assets/yswd/{asset}", abs_src_path=str(ASSETS / asset)))
        site_url = config.site_url or ""
        files.append(File.generated(config, DATA_FILE, content=regional_json(self.plan, site_url if site_url.endswith("/") or not site_url else site_url + "/")))
        files.append(File.generated(config, FILTER_INDEX, content=filter_index(self.plan, config.use_directory_urls)))
        for src_uri, spec in self.plan.pages.items():
            page_source = page_stub(spec.title)
            inclusion = InclusionLevel.INCLUDED if src_uri == "index.md" else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=page_source, inclusion=inclusion))
        self.search.start(Path(config.site_dir), config.site_name)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        assert self.plan is not None
        return add_hubs(nav, files, self.plan.pages)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        assert self.plan is not None and self.renderer is not None
        spec = self.plan.pages.get(page.file.src_uri)
        if spec is None:
            return html
        html = self.renderer.render(page.file.src_uri)
        if spec.searchable:
            html = searchable(html)
            self.search.page(page, html)
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        self.search.all_known()
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        self.search.progress()
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.search.finish()

    def on_build_error(self, *, error: Exception) -> None:
        self.search.abandon()

    def on_shutdown(self) -> None:
        self.search.abandon()
