"""MkDocs event hooks for yswd. Each hook is a few lines calling the core.

Order of events in `mkdocs build`, and what each does here:
- on_startup: remember whether this is a build or `serve`. Defining it keeps this plugin
  instance, and its caches, across `serve` rebuilds.
- on_serve: watch site_config/ as well as the docs.
- on_config: load and check every file; stop with all problems before MkDocs cleans
  site_dir; add yswd's theme (theme_setup.py); plan the pages for the audience; point
  site_dir at a sibling folder.
- on_files: drop raw data files, record sources and unpublished attachments; stop if any file
  left from docs_dir was not scanned (unchecked.py); add pages; start the search index.
- on_nav: add the hub pages (and only those) to the navigation; draw the generated pages no
  cache holds, on two cores (two_cores.py), before MkDocs asks for them one by one.
- on_page_content: put each generated page's HTML in place; explain glossary terms; tell the
  search index of each searchable page (search_feed.py): a part of the index whose pages an
  earlier build indexed comes from the build cache.
- on_env: tell the theme's templates where the pages they link to are; let finished pages that
  can be reused skip the theme.
- on_post_page, on_post_template: mark every page noindex in the review build. Once a part's
  worth of searchable pages is written, Pagefind indexes them while MkDocs writes the rest.
- on_post_build: index the last searchable pages and wait for Pagefind; after every other
  plugin's on_post_build, note that the build finished.
- on_build_error: throw the half-built folder away, leaving the old site as it was.
- on_shutdown: swap the finished site into place (site/publish.py), or throw an unfinished
  one away. Not in on_post_build: `--strict` aborts after that event, and a strict failure
  must leave the old site alone too.
"""

from __future__ import annotations

import gc
import math
import os
from dataclasses import replace
from functools import partial
from html import escape as escape_html
from pathlib import Path
from typing import Callable

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from yswd.content.load import RecordCache
from yswd.content.records import Content, Layout, forget_lines
from yswd.content.tree import DATA_SUFFIXES
from yswd.dates import BuildDateError, build_date
from yswd.guards.checking import load_and_check
from yswd.guards.published import published_sources
from yswd.guards.easy_read import easy_read_advice
from yswd.guards.jargon import jargon_terms
from yswd.guards.readability import Report, record_readability, strategy_readability
from yswd.guards.freshness import stale_statuses
from yswd.mkdocs_plugin import progress
from yswd.mkdocs_plugin.config import YouSaidWeDidConfig
from yswd.mkdocs_plugin.data_on_disk import DataOnDisk
from yswd.mkdocs_plugin.disk_cache import DiskCache
from yswd.mkdocs_plugin.folders import layout_for, review_site_dir
from yswd.mkdocs_plugin.generated_html import GeneratedHtml
from yswd.mkdocs_plugin.generated_page import GeneratedPage, add_hubs, page_stub
from yswd.mkdocs_plugin.search_feed import SearchFeed
from yswd.mkdocs_plugin.serving import keep_serving_on_failure
from yswd.mkdocs_plugin.unchecked import unchecked_files
from yswd.mkdocs_plugin.theme_reuse import FinishedPages, only_plugin
from yswd.mkdocs_plugin.theme_setup import THEMES, adopt_theme, theme_pages
from yswd.problems import format_problems
from yswd.site.abbr import LinearAbbr
from yswd.site import routes
from yswd.site.branding import brand_css
from yswd.site.exports import data_files
from yswd.site.fingerprint import ModelJson
from yswd.site.glossary import Glossary
from yswd.site.history import add_histories
from yswd.site.pages import AUDIENCES, SitePlan
from yswd.site.plan import plan_site
from yswd.site.publish import Build, PublishError, publish, start_build
from yswd.site.redirects import NOINDEX, redirect_pages
from yswd.site.render import CompiledTemplates, ListedItems, MarkdownRenderer, PageRenderer
from yswd.site.search import searchable

log = get_plugin_logger(__name__)

STYLESHEET = routes.asset("yswd.css")
BRAND_STYLESHEET = routes.asset("brand.css")
THEME_TEMPLATES = CompiledTemplates()
"""The theme's compiled templates, kept across `mkdocs serve` rebuilds (each has its own environment)."""
ASSETS = Path(__file__).resolve().parent.parent / "site" / "assets"


class YouSaidWeDidPlugin(BasePlugin[YouSaidWeDidConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.plan: SitePlan | None = None
        self.layout: Layout | None = None
        self.checked: set[Path] = set()
        """Every file of docs_dir and custom_dir the guard scanned as published (see unchecked.py)."""
        self.search = SearchFeed()
        self.data = DataOnDisk()
        self.glossary = Glossary({})
        self.records = RecordCache()
        self.generated = GeneratedHtml()
        self.renderer: PageRenderer | None = None
        self.build: Build | None = None
        self.built_config: MkDocsConfig | None = None
        self.finished = False
        self.progress: progress.Progress = progress.Silent()
        self.page_count = progress.PageCount(self.progress, 0)
        self.nav: Navigation | None = None
        self.finished_pages = FinishedPages()
        self.cache: DiskCache | None = None
        self.exports: dict[str, str] = {}
        """Each record's part of engagements.json, kept between `mkdocs serve` rebuilds."""
        self.models = ModelJson()
        """Records' models as the fingerprints of reports and strategy pages write them, kept likewise."""
        self.items = ListedItems()
        """Records' items in listings, kept likewise."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A new command: start with empty caches (MkDocs may reuse this instance in-process)."""
        self.command = command
        self.records = RecordCache()
        self.generated = GeneratedHtml(command)
        self.exports = {}
        self.models = ModelJson()
        self.items = ListedItems()
        self.finished_pages = FinishedPages(command, dirty)
        self.progress = progress.current().progress if command == "build" else progress.Silent()
        if progress.current().quiet:
            progress.hide_info_messages()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        gc.unfreeze()  # the last build's objects (serve) may be collected again
        audience = os.environ.get("YSWD_AUDIENCE") or self.config.audience
        if audience not in AUDIENCES:
            raise PluginError(
                f"The audience {audience!r} is not one we know. Expected one of: {', '.join(AUDIENCES)}."
            )
        try:
            today = build_date()
        except BuildDateError as error:
            raise PluginError(str(error)) from None
        root = Path(config.config_file_path).resolve().parent
        layout = layout_for(config, self.config)
        self.cache = DiskCache.for_build(self.command, root, audience)
        if self.cache is not None:
            self.cache.load_records(self.records)
        content = load_and_check(layout, self.records, partial(self.progress.step, progress.CHECKING))
        if self.cache is not None:
            self.cache.save_records(self.records)
        if content.problems:
            raise PluginError("\n" + format_problems(content.problems, "text"))
        self.checked = published_sources(content, layout)
        self.layout = layout
        self.glossary = Glossary(content.glossary)
        if "abbr" in config.markdown_extensions:
            config.mdx_configs.setdefault("abbr", {})["glossary"] = {t: e.expansion for t, e in content.glossary.items()}
            if not any(isinstance(extension, LinearAbbr) for extension in config.markdown_extensions):
                config.markdown_extensions.append(LinearAbbr())
        self.plan = plan_site(content, audience, today, self.config.page_size, self.config.search == "pagefind")
        if self.config.history == "git":
            for item in add_histories(self.plan, layout):
                log.info("Commit history: %s", item)
        self.renderer = PageRenderer(
            self.plan,
            MarkdownRenderer(config.markdown_extensions, config.mdx_configs),
            config.use_directory_urls,
            config.site_name,
            self._readability(content),
            self.models,
            self.items,
        )
        self._dress(config)
        if audience == "review" and self.command != "serve":
            config.site_dir = str(review_site_dir(config, root, self.config.review_site_dir))
        if self.config.atomic and self.command in ("build", "gh-deploy"):
            self._start_build(config)
        self.generated.start(self.renderer, self.glossary, self.cache)
        if self.command != "serve":  # only serve checks again, and needs what was read to do so
            forget_lines(self.plan.engagements)
            self.records = RecordCache()
        gc.freeze()  # what is loaded lives for the whole build: keep the collector from scanning it again and again
        return config

    def _dress(self, config: MkDocsConfig) -> None:
        """yswd's theme, its stylesheets and the organisation's logo."""
        if not adopt_theme(config):
            log.warning(
                "The theme %r gets none of yswd's accessible theme (skip link, keyboard-operable header, "
                "contrast, no web fonts, print styles): use one of: %s.", config.theme.name, ", ".join(THEMES)
            )
        for stylesheet in (STYLESHEET, BRAND_STYLESHEET):
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        logo = self.plan.organisation.branding.logo
        if logo and not config.theme.get("logo"):
            config.theme["logo"] = logo

    def _start_build(self, config: MkDocsConfig) -> None:
        """Build into a folder of this build's own, swapped in for site_dir when it succeeds."""
        if self.build is not None:
            self.build.discard()
        try:
            self.build = start_build(Path(config.site_dir))
        except PublishError as error:
            raise PluginError(str(error)) from None
        config.site_dir = str(self.build.folder)
        self.built_config = config
        self.finished = False

    def _readability(self, content: Content) -> dict[str, Report]:
        """Plain-English reports for the records this build shows; their advice logged at INFO.

        In the review build, actions whose status may be out of date are advice too, in the
        log and in each record's report.
        """
        stale = stale_statuses(self.plan.engagements, self.plan.today) if self.plan.audience == "review" else []
        for item in stale:
            log.info("Out of date: %s", item)
        wanted = self.config.readability
        if wanted == "never" or (wanted == "review" and self.plan.audience != "review"):
            return {}
        terms = jargon_terms(content.glossary)
        reports = {r.id: record_readability(r, content.glossary, terms=terms) for r in self.plan.engagements}
        advice = [item for report in reports.values() for item in report.advice]
        by_path = {report.path: record_id for record_id, report in reports.items()}
        for item in stale:
            record_id = by_path.get(item.path)
            if record_id is not None:
                reports[record_id] = replace(reports[record_id], advice=(*reports[record_id].advice, item))
        if content.strategy is not None and content.strategy_source is not None:
            advice += strategy_readability(content.strategy, content.strategy_source, content.glossary, terms=terms).advice
            advice += easy_read_advice(content.strategy, content.strategy_source)
        for item in advice:
            log.info("Plain English: %s", item)
        return reports

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.plan is None:
            return files
        engagements_prefix = self.config.engagements_dir.rstrip("/") + "/"
        for file in list(files):
            if _is_raw_data(file) or (
                file.src_uri.startswith(engagements_prefix)
                and (file.src_uri.endswith(".md") or file.src_uri not in self.plan.documents)
            ):
                files.remove(file)
        unchecked = unchecked_files(files, config, self.checked, self.layout)
        if unchecked:
            raise PluginError("\n" + format_problems(unchecked, "text"))
        for asset in ("yswd.css", "filter.js", "search.js"):
            files.append(File.generated(config, routes.asset(asset), abs_src_path=str(ASSETS / asset)))
        files.append(File.generated(config, BRAND_STYLESHEET, content=brand_css(self.plan.organisation.branding)))
        site_url = _with_slash(config.site_url)
        memo = self.cache.memo("json") if self.cache is not None else self.exports
        for file in self.data.files(config, data_files(self.plan, site_url, config.site_name, memo)):
            files.append(file)
        for path, html in redirect_pages(self.plan, config.use_directory_urls).items():
            files.append(File.generated(config, path, content=html))
        for src_uri, spec in self.plan.pages.items():
            file = File.generated(config, src_uri, content=page_stub(spec.title), inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            GeneratedPage(file, config, escape_html(spec.title, quote=False))
        self.page_count = progress.PageCount(self.progress, len(files.documentation_pages()))
        self.generated.parked.start(self.cache is not None and self.renderer is not None and only_plugin(config, self))
        if self.config.search == "pagefind" and self.command != "serve":
            self.search.start(Path(config.site_dir), config.site_name, self.cache.search_parts() if self.cache is not None else None)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.plan is None:
            return nav
        self.nav = add_hubs(nav, files, self.plan.pages)
        self.generated.draw_ahead(self.plan.pages, Path(config.site_dir).parent, partial(self.progress.step, progress.DRAWING))
        return self.nav

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.finished_pages.pre_build(Path(config.site_dir))

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """The theme learns where the pages it links to are; finished pages that can be reused as they are skip it."""
        env.bytecode_cache = THEME_TEMPLATES
        if self.plan is not None:
            env.globals["yswd_pages"] = theme_pages(self.plan, config.use_directory_urls)
        self.search.all_known()
        if self.plan is None or self.nav is None or not only_plugin(config, self):
            return env
        pages = [file.page for file in files.documentation_pages() if file.page is not None and file.page.content is not None]
        return self.finished_pages.choose(env, config, pages, self.nav, self.cache)

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
        spec = self.plan.pages.get(page.file.src_uri) if self.plan is not None else None
        if spec is not None:
            self.generated.parked.restore(page, self.cache, lambda: self.generated.draw(spec, page.file.src_uri))
        self.finished_pages.context(context, page, self.cache, self._noindex)
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.plan is None or self.renderer is None:
            return html
        self.page_count.page_made()
        src_uri = page.file.src_uri
        spec = self.plan.pages.get(src_uri)
        if spec is not None:
            html = self.generated.html(spec, src_uri)
            if spec.searchable:
                self.search.page(page, html)
            return self.generated.held(src_uri, html)
        if page.is_homepage:
            html = self.renderer.home(html, page.file.src_uri)
        else:
            html = self.renderer.fill_markers(html, page.file.src_uri)
        html = searchable(self.glossary.mark(html))
        self.search.page(page, html)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        self.page_count.page_written()
        self.search.progress()
        page.content = None  # written from here on: no need to hold every page's HTML
        return self.finished_pages.output(output, page, self.cache, self._noindex)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        return self._noindex(output_content) if template_name.endswith(".html") else output_content

    def _noindex(self, output: str) -> str:
        """In the review build, ask search engines to keep every page out of their results."""
        if self.plan is not None and self.plan.audience == "review":
            return output.replace("<head>", f"<head>\n{NOINDEX}", 1)
        return output

    def _post_build(self, *, config: MkDocsConfig) -> None:
        if self.plan is not None and self.plan.audience == "review":
            Path(config.site_dir, "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
        if self.search.index is not None:
            self.progress.step(progress.INDEXING, 0, 1)
            self.search.finish()
            self.progress.step(progress.INDEXING, 1, 1)
        self.finished_pages.served.discard()
        if self.cache is not None:
            self.cache.commit()

    @event_priority(-math.inf)
    def _finished(self, *, config: MkDocsConfig) -> None:
        """Every plugin's and hook's on_post_build has run (this one after all): the build is whole.

        Ctrl-C in a later handler raises KeyboardInterrupt, for which MkDocs calls no
        on_build_error, only on_shutdown: marked any earlier, a half-finished build would be published.
        """
        self.finished = True

    on_post_build = CombinedEvent(_post_build, _finished)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        """Rebuild when the settings change too, not only the docs folder; a failed rebuild never hangs a page."""
        server.watch(str(layout_for(config, self.config).config_dir))
        keep_serving_on_failure(server)
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self.search.abandon()
        self.data.close()
        self.finished_pages.served.forget()
        if self.cache is not None:
            self.cache.abandon()
        if self.build is not None:
            self.build.discard()
            self.build = None

    def on_shutdown(self) -> None:
        self.finished_pages.close()
        self.search.abandon()  # Ctrl-C or --strict stopped the build before its index was finished
        self.data.close()
        build, self.build = self.build, None
        if build is None:
            return
        if not self.finished:
            build.discard()
            return
        try:
            publish(build)
        except PublishError as error:
            raise PluginError(str(error)) from None
        if self.built_config is not None:  # gh-deploy reads site_dir after this event
            self.built_config.site_dir = str(build.final)


def _with_slash(url: str | None) -> str:
    return "" if not url else url if url.endswith("/") else url + "/"


def _is_raw_data(file: File) -> bool:
    """Data files in docs_dir are inputs to the site, never pages of it."""
    return file.src_uri.lower().endswith(DATA_SUFFIXES)
