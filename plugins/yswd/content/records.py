"""The types of what a site repository holds once read: sources with line marks, records, layout."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Callable

from yswd.content.model import Engagement, GlossaryEntry, Organisation, Population, Strategy
from yswd.content.tree import DocsTree
from yswd.content.yamlread import Marks
from yswd.problems import Problem


@dataclass(frozen=True)
class Source:
    """Where a piece of content came from, so problems can point at the right line."""

    path: str
    """The file, relative to the project folder, with forward slashes."""
    marks: Marks = field(default_factory=Marks, compare=False)

    def line(self, *path: str | int) -> int:
        return self.marks.line(tuple(path))


@dataclass(frozen=True)
class EngagementFile:
    """One engagement record as written: its validated front matter, body and origin."""

    id: str
    engagement: Engagement
    body: str
    body_line: int
    source: Source
    folder: PurePosixPath
    """The record's folder, relative to the docs folder (for attached documents)."""
    digest: str = ""
    """A hash of the file's bytes: what changed, for caches."""
    invalid: frozenset[str] = frozenset()
    """Top-level fields that failed their checks (already reported); rules leave them alone."""


def forget_lines(records: list[EngagementFile]) -> None:
    """Drop the line of every field of each record, about a third of a loaded record's memory:
    for a build whose checks have passed, which reports nothing more by line."""
    for record in records:
        record.source.marks.lines.clear()


CONFIG_DIR = "site_config"
"""The settings folder, relative to mkdocs.yml, unless the plugin's config_dir moves it."""
STRATEGY_FILE = "strategy.yml"
"""The strategy, relative to docs_dir, unless the plugin's strategy_file moves it."""
ENGAGEMENTS_DIR = "engagements"


@dataclass(frozen=True)
class SettingsFiles:
    """The settings files as people see them (from the project folder), for messages that name them."""

    organisation: str = f"{CONFIG_DIR}/organisation.yml"
    glossary: str = f"{CONFIG_DIR}/glossary.yml"
    population: str = f"{CONFIG_DIR}/population.yml"
    strategy: str = f"content/{STRATEGY_FILE}"


@dataclass
class Content:
    """Everything read from a site repository, and everything wrong with it."""

    organisation: Organisation | None = None
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    strategy: Strategy | None = None
    strategy_source: Source | None = None
    strategy_written: bool = False
    """Whether strategy.yml exists, even if it could not be read."""
    organisation_source: Source | None = None
    population: Population | None = None
    """The area's population by group, from population.yml in the settings folder (optional)."""
    population_source: Source | None = None
    engagements: list[EngagementFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    """Every file read, as text, by the path shown in problems: the guard scans these, never reading again."""
    tree: DocsTree = field(default_factory=DocsTree)
    """What else is in the docs folder, for the checks on everything the build publishes:
    empty when the site could not be read at all (its format is newer than this yswd)."""
    config_files: list[str] = field(default_factory=list)
    """mkdocs.yml and each file it inherits from (INHERIT), by the path shown in problems."""
    files: SettingsFiles = field(default_factory=SettingsFiles)
    """Where the settings files are (`Layout.settings_files`), for messages."""


@dataclass(frozen=True)
class Layout:
    """Where a site repository keeps its files."""

    root: Path
    docs_dir: Path
    config_dir: Path
    engagements_dir: str = ENGAGEMENTS_DIR
    strategy_file: str = STRATEGY_FILE
    config_file: Path | None = None
    """mkdocs.yml: its site_name, site_description and copyright are on every page."""
    no_records_yet: bool = False
    """The site says it has no records yet, so an empty engagements folder is not a mistake."""
    theme_dir: Path | None = None
    """The theme's custom_dir, whose files are published too."""
    settings: dict[str, object] = field(default_factory=dict, compare=False)
    """mkdocs.yml's settings that every page shows (site_name, copyright, extra, nav...) as MkDocs
    loaded them: after INHERIT and `!ENV`, so a value from the environment is checked too."""
    extensions: tuple[tuple[str, str], ...] = ()
    """(markdown_extensions or plugins, a name): each Markdown extension and MkDocs plugin as MkDocs
    loaded them (`!ENV` included)."""
    option_mistakes: dict[str, str] = field(default_factory=dict, compare=False)
    """yswd's options in mkdocs.yml that were written wrongly, with what each should be."""
    excluded: Callable[[str], bool] | None = field(default=None, compare=False)
    """Whether MkDocs leaves a file of the docs folder (its path from there) out of the site, by
    its own rule and exclude_docs; None: the files and folders whose names start with a dot."""

    def shown(self, path: Path) -> str:
        """A path as people should see it: relative to the project, forward slashes."""
        text = str(path)
        if text.startswith(self._root_prefix) and path.is_absolute() == self.root.is_absolute():
            return text[len(self._root_prefix) :].replace(os.sep, "/") or "."  # the usual case, without pathlib's slower way
        if path.is_absolute() == self.root.is_absolute() and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        try:
            return path.resolve().relative_to(self._resolved_root).as_posix()
        except ValueError:
            return path.as_posix()

    @cached_property
    def _root_prefix(self) -> str:
        """The start of the text of every path inside the project; none for a root of `.`."""
        text = str(self.root)
        return "\0" if text == "." else text if text.endswith(os.sep) else text + os.sep

    @cached_property
    def _resolved_root(self) -> Path:
        return self.root.resolve()

    @property
    def mkdocs_path(self) -> Path:
        return self.config_file or self.root / "mkdocs.yml"

    @property
    def organisation_path(self) -> Path:
        return self.config_dir / "organisation.yml"

    @property
    def glossary_path(self) -> Path:
        return self.config_dir / "glossary.yml"

    @property
    def population_path(self) -> Path:
        return self.config_dir / "population.yml"

    @property
    def strategy_path(self) -> Path:
        return self.docs_dir / self.strategy_file

    def settings_files(self) -> SettingsFiles:
        return SettingsFiles(
            organisation=self.shown(self.organisation_path),
            glossary=self.shown(self.glossary_path),
            population=self.shown(self.population_path),
            strategy=self.shown(self.strategy_path),
        )
