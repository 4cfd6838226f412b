"""What is in the docs folder, walked once: records, pages, other files and links.

MkDocs publishes every file in docs_dir that the plugin does not take out, following links,
so everything here is a route to the public folder and each kind is checked: records by the
rules, pages and other files by the personal-data guard, links by `link_problems`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The file names MkDocs turns into pages."""
DATA_SUFFIXES = (".yml", ".yaml")
"""Data files in the docs folder: inputs to the site, never copied into it."""


@dataclass
class DocsTree:
    """The docs folder's files, by what the build does with them."""

    records: list[Path] = field(default_factory=list)
    """Every `.md` file in the engagements folder: engagement records."""
    pages: list[Path] = field(default_factory=list)
    """Markdown files elsewhere: published as pages, as written."""
    others: list[Path] = field(default_factory=list)
    """Every other file outside the engagements folder but data (`DATA_SUFFIXES`): published as it is."""
    beside_records: list[Path] = field(default_factory=list)
    """Files in the engagements folder that are not records: published only when attached."""
    links: list[Path] = field(default_factory=list)
    """Symbolic links anywhere in the docs folder (to files or folders): never followed here."""
    odd: list[Path] = field(default_factory=list)
    """Pipes, sockets and devices, which would hang or stop the build, and folders in the
    engagements folder named like records (x.md)."""
    misnamed: list[Path] = field(default_factory=list)
    """Files in the engagements folder with a Markdown ending other than .md (.markdown, .MD):
    records the loader would not read."""
    engagements_found: bool = False
    """Whether the engagements folder exists as a real folder."""
    walked: bool = False
    """Whether the docs folder was looked at (not when the site could not be read at all)."""


def walk_docs(docs_dir: Path, engagements_dir: str, excluded: Callable[[str], bool] | None = None) -> DocsTree:
    """Sort every entry of `docs_dir` once, without following links or opening anything.

    Outside the engagements folder, what MkDocs leaves out of the site (`excluded`, given a
    path from `docs_dir`; by default, names starting with a dot) is left out here too, and
    nothing else: an `exclude_docs` line such as `!.notes.txt` brings a hidden file back into
    the site, so it is checked like any other. Entries that are neither files, folders nor
    links (a FIFO, say) are not opened: reading one would wait for ever.
    """
    tree = DocsTree(walked=True)
    engagements = PurePosixPath(engagements_dir.strip("/"))
    left_out = excluded or _hidden
    if not docs_dir.is_dir():
        return tree
    for folder, dirnames, filenames in os.walk(docs_dir):
        here = PurePosixPath(Path(folder).relative_to(docs_dir).as_posix())
        inside = here == engagements or engagements in here.parents
        tree.engagements_found = tree.engagements_found or inside
        for name in sorted(dirnames):
            path = Path(folder, name)
            if path.is_symlink():
                dirnames.remove(name)
                linked = here / name
                if inside or not left_out(linked.as_posix()) or not left_out((linked / "anything").as_posix()):
                    tree.links.append(path)  # MkDocs follows it, and would publish what is inside
            elif excluded is None and not inside and name.startswith(".") and not _leads_to(here / name, engagements):
                dirnames.remove(name)  # by the default rule, nothing inside is published
            elif inside and name.lower().endswith(".md"):
                tree.odd.append(path)
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(folder, name)
            if not inside and left_out((here / name).as_posix()):
                continue
            _sort_file(tree, path, name, inside)
    for found in (tree.records, tree.pages, tree.others, tree.beside_records, tree.links, tree.odd, tree.misnamed):
        found.sort()
    return tree


def _sort_file(tree: DocsTree, path: Path, name: str, inside: bool) -> None:
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        tree.links.append(path)
    elif not stat.S_ISREG(mode):
        tree.odd.append(path)
    elif inside and name.endswith(".md"):
        tree.records.append(path)
    elif inside:
        (tree.misnamed if name.lower().endswith(MARKDOWN_SUFFIXES) else tree.beside_records).append(path)
    elif name.lower().endswith(MARKDOWN_SUFFIXES):
        tree.pages.append(path)
    elif not name.lower().endswith(DATA_SUFFIXES):
        tree.others.append(path)


def _hidden(relative: str) -> bool:
    """MkDocs' own rule, without exclude_docs: a file is left out when a part of its path starts with a dot."""
    return any(part.startswith(".") for part in relative.split("/"))


def _leads_to(folder: PurePosixPath, engagements: PurePosixPath) -> bool:
    return folder == engagements or folder in engagements.parents
