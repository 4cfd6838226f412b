"""Reusing a page's finished output (the theme's whole HTML page) when nothing it shows changed.

Drawing a page through the theme (navigation, header, footer) and writing it is most of the
cost of a page. A page's output depends on the page (its HTML, title, table of contents,
metadata, address, neighbours) and on the build as a whole (settings, theme, navigation,
versions). `build_signature` hashes the second once a build, `page_key` the first for each
page: when a page's key is the one its stored output was made with, the output is reused.

Only when yswd is the site's only plugin: another plugin may change a page in ways these
keys cannot see (a date read from git, an index of every page), so then nothing is reused.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import shutil
import sysconfig
import threading
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from yswd.mkdocs_plugin.build_cache import code_version
from yswd.site.render import settings_json

if TYPE_CHECKING:
    from yswd.mkdocs_plugin.disk_cache import DiskCache

REUSED_TEMPLATE = "yswd-reused.html"
"""An empty template: a page whose output is reused skips the theme."""

PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page", "env")


def only_plugin(config: MkDocsConfig, ours: object) -> bool:
    """True when no other plugin takes part in drawing pages."""
    return all(
        getattr(method, "__self__", None) is ours for event in PAGE_EVENTS for method in config.plugins.events.get(event, [])
    )


def add_reused_template(env: Environment) -> Environment:
    env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: ""}), env.loader])
    return env


def build_signature(config: MkDocsConfig, nav: Navigation, root: Path) -> str:
    """What every page's output depends on: resolved settings, theme files, navigation, versions."""
    settings = {key: value for key, value in config.items() if key not in ("plugins", "site_dir", "watch", "theme")}
    plugins = {name: dict(getattr(plugin, "config", None) or {}) for name, plugin in config.plugins.items()}  # hooks have none
    parts = [
        settings_json(settings),
        settings_json(plugins),
        _theme(config.theme),
        _theme_files(config.theme.dirs, root),
        json.dumps(_nav_items(nav.items), default=str),
        " ".join(_version(name) for name in ("mkdocs", "mkdocs-material", "jinja2", "markdown")),
        code_version(),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _theme(theme) -> str:
    """The theme's name, folders and options. Not its repr: that prints a set of template names,
    whose order changes from one process to the next, and so did every page's key."""
    return settings_json(
        {"name": theme.name, "dirs": theme.dirs, "static_templates": sorted(theme.static_templates), "options": dict(theme.items())}
    )


def page_key(signature: str, page: Page) -> str:
    """What one page's output depends on, beyond the build as a whole."""
    neighbours = [(p.url, p.title) if p is not None else None for p in (page.previous_page, page.next_page)]
    parts = [
        signature,
        page.file.src_uri,
        page.file.dest_uri,
        page.url,
        str(page.canonical_url),
        str(page.edit_url),
        str(page.title),
        str(page.is_homepage),
        page.update_date,
        json.dumps(page.meta, sort_keys=True, default=str),
        json.dumps(_toc(page.toc), default=str),
        json.dumps(neighbours),
        json.dumps([(a.title, getattr(a, "url", None)) for a in page.ancestors], default=str),
        hashlib.sha256((page.content or "").encode()).hexdigest(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _nav_items(items: list) -> list:
    return [
        (type(item).__name__, item.title, getattr(item, "url", None), _nav_items(item.children) if isinstance(item, Section) else None)
        for item in items
    ]


def _toc(toc) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in toc]


def _theme_files(dirs: list[str], root: Path) -> str:
    """The theme folders inside the site (its overrides), by content; installed themes go by
    version, even when the environment they are installed in is a folder of the site (.venv)."""
    digest = hashlib.sha256()
    installed = {Path(sysconfig.get_paths()[kind]).resolve() for kind in ("purelib", "platlib")}
    for folder in map(Path, dirs):
        digest.update(str(folder).encode())
        where = folder.resolve()
        if not where.is_relative_to(root.resolve()) or any(where.is_relative_to(place) for place in installed):
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


_ASIDE = itertools.count(1)


class ServedPages:
    """Between `mkdocs serve` rebuilds: the pages already in the served folder, kept if unchanged.

    MkDocs empties the served folder before each rebuild. Before it does, the folder is moved
    aside whole (one rename); each page whose key is unchanged is moved back instead of being
    drawn again, and what is left over is deleted when the build finishes.
    """

    def __init__(self) -> None:
        self.previous: dict[str, tuple[str, str]] = {}
        """Source path to (key, destination path) of each page in the folder moved aside."""
        self.current: dict[str, tuple[str, str]] = {}
        self.aside: Path | None = None
        self.site_dir: Path | None = None
        self.cleaners: list[threading.Thread] = []

    def move_aside(self, site_dir: Path) -> None:
        self.discard()
        self.previous, self.current, self.site_dir = self.current, {}, site_dir
        if not self.previous or not site_dir.is_dir():
            self.previous = {}
            return
        aside = site_dir.with_name(f"{site_dir.name}.yswd-previous-{os.getpid()}-{next(_ASIDE)}")
        shutil.rmtree(aside, ignore_errors=True)
        try:
            site_dir.rename(aside)
            site_dir.mkdir()
        except OSError:
            self.previous = {}
            return
        self.aside = aside

    def has(self, src_uri: str, key: str) -> bool:
        return self.aside is not None and self.previous.get(src_uri, ("", ""))[0] == key

    def restore(self, src_uri: str) -> None:
        """Put a reused page back in the served folder."""
        assert self.aside is not None and self.site_dir is not None
        key, dest = self.current[src_uri] = self.previous[src_uri]
        source, target = self.aside / dest, self.site_dir / dest
        if target.name == "index.html" and not target.parent.exists() and os.listdir(source.parent) == ["index.html"]:
            source, target = source.parent, target.parent  # a page's own folder: one rename, no folder to make
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)

    def written(self, src_uri: str, key: str, dest_uri: str) -> None:
        self.current[src_uri] = (key, dest_uri)

    def discard(self) -> None:
        """The build is over: delete what was not moved back (after the page is shown, in the background)."""
        if self.aside is not None:
            cleaner = threading.Thread(target=shutil.rmtree, args=(self.aside,), kwargs={"ignore_errors": True}, daemon=True)
            cleaner.start()
            self.cleaners.append(cleaner)
            self.aside = None
        self.previous = {}

    def forget(self) -> None:
        """The build failed: the served folder holds nothing to trust."""
        self.discard()
        self.current = {}

    def close(self) -> None:
        """Serving is over: finish deleting what was left aside."""
        self.forget()
        for cleaner in self.cleaners:
            cleaner.join()
        self.cleaners = []


class QuietSkips(logging.Filter):
    """Hides MkDocs' "Page skipped" notice for the pages reused from the served folder."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.pages)


class FinishedPages:
    """The plugin's part in reusing finished pages: from the served folder in `mkdocs serve`,
    from the build cache in a build; every other page is drawn by the theme as usual."""

    def __init__(self, command: str | None = None, dirty: bool = False) -> None:
        self.command, self.dirty = command, dirty
        self.served = ServedPages()
        self.reused = QuietSkips()
        self.keys: dict[str, str] = {}
        """Each page's key, by source path."""
        self.from_cache: dict[str, str | None] = {}
        """Pages whose finished output comes from the build cache: the theme's template, then the output."""
        self.env: Environment | None = None
        if command == "serve":
            logging.getLogger("mkdocs.commands.build").addFilter(self.reused)

    def pre_build(self, site_dir: Path) -> None:
        if self.command == "serve" and not self.dirty:
            self.served.move_aside(site_dir)

    def choose(self, env: Environment, config: MkDocsConfig, pages: list[Page], nav: Navigation, cache: "DiskCache | None") -> Environment:
        """Decide, page by page, which finished pages are reused: they get the empty template."""
        signature = build_signature(config, nav, Path(config.config_file_path).parent)
        self.keys, self.reused.pages, self.from_cache = {}, set(), {}
        for page in pages:
            key = self.keys[page.file.src_uri] = page_key(signature, page)
            if self.served.has(page.file.src_uri, key):
                self.reused.pages.add(page.file.src_uri)
            elif cache is not None and cache.has_output(key):
                self.from_cache[page.file.src_uri] = page.meta.get("template")
            else:
                continue
            page.meta["template"] = REUSED_TEMPLATE
        self.env = add_reused_template(env)
        return self.env

    def context(self, context: dict, page: Page, cache: "DiskCache | None", finish: Callable[[str], str]) -> None:
        """Read a page's finished output from the cache; if it can't be read, draw it after all."""
        src_uri = page.file.src_uri
        if src_uri not in self.from_cache or cache is None or self.env is None:
            return
        template = self.from_cache[src_uri]
        if template is None:  # the page as the theme sees it, without the empty template's name
            del page.meta["template"]
        else:
            page.meta["template"] = template
        output = cache.output(self.keys[src_uri])
        if output is None:
            output = finish(self.env.get_template(template or "main.html").render(context))
        self.from_cache[src_uri] = output

    def output(self, output: str, page: Page, cache: "DiskCache | None", finish: Callable[[str], str]) -> str:
        """What MkDocs writes for a page: nothing for a reused page (it is moved back), the
        cache's output, or the theme's (kept for the next rebuild or build)."""
        src_uri = page.file.src_uri
        if src_uri in self.reused.pages:
            self.served.restore(src_uri)
            return ""  # MkDocs writes nothing for an empty page
        if src_uri in self.from_cache:
            return self.from_cache.pop(src_uri) or ""
        output = finish(output)
        key = self.keys.get(src_uri)
        if key is not None and self.command == "serve":
            self.served.written(src_uri, key, page.file.dest_uri)
        if key is not None and cache is not None:
            cache.keep_output(key, output)
        return output

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self.reused)
        self.served.close()
