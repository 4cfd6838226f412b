"""Documents attached to a record: a web address, or a file kept beside the record and never outside its folder."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

_WEB_ADDRESS = re.compile(r"^(www\.|[a-z0-9-]+(\.[a-z0-9-]+)*\.(uk|com|org|net|nhs|gov|info|io|co|eu)(/|$))", re.I)
"""A web address written without its https://, such as www.example.org/x.pdf."""


SOURCE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".yml", ".yaml")
"""Files the site reads as pages or data, never publishes as they are."""


def attached_path(url: str, folder: PurePosixPath) -> PurePosixPath | None:
    """The docs-relative path of a document kept beside its record; None for a web address.
    A fragment (`report.pdf#page=2`) is part of the link, not of the file's name."""
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or url.startswith("//"):
        return None
    return folder / PurePosixPath(url.partition("#")[0])


NEVER_ATTACHED = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".yml", ".yaml")
"""Pages, records and settings: attached, they would be published as written, drafts included."""


def attachments(record) -> set[PurePosixPath]:
    """The docs-relative paths of every file a record attaches: its documents and decisions' papers."""
    engagement = record.engagement
    links = [d.url for d in engagement.documents] + [d.document for d in engagement.decisions if d.document]
    return {path for url in links if (path := attached_path(url, record.folder)) is not None}


def document_problem(url: str, folder: PurePosixPath, docs_dir: Path, attached: frozenset[PurePosixPath] = frozenset()) -> str | None:
    """Why `url` can't be linked, or None when it is fine.

    `attached` holds the docs-relative paths of every file the record attaches: a link
    (symlink) is allowed only to another of those, so it never publishes anything new.
    """
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return None
    if parsed.scheme or parsed.netloc or url.startswith("//"):
        return "should start with https:// (or http://), or be the name of a file beside the record."
    name = url.partition("#")[0]
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or "\\" in url or not name:
        return "should be a file in the same folder as the record (or a folder inside it), not elsewhere."
    if relative.suffix.lower() in SOURCE_SUFFIXES:
        return (
            "is a Markdown or YAML file, which the site reads and never publishes as it is, so the link "
            "would be broken. Attach the document as a PDF or another format, or link to a page's web address."
        )
    target = docs_dir / folder / relative
    if not is_file(target) and _WEB_ADDRESS.match(url):
        return "looks like a web address without https:// at the start. Add https:// before it."
    if not is_file(target):
        return "names a file that is not in the record's folder. Check the spelling, or add the file."
    if not _through_link(docs_dir / folder, relative):
        return None
    real = target.resolve()
    base = (docs_dir / folder).resolve()
    if not real.is_relative_to(base):
        return "is a link to a file outside the record's folder. Put the file itself beside the record."
    if real.suffix.lower() in NEVER_ATTACHED:
        return (
            "is a link (symlink) to a page, record or settings file, which would be published as it is, "
            "drafts included. Attach the document itself."
        )
    if folder / PurePosixPath(real.relative_to(base).as_posix()) not in attached:
        return (
            "is a link (symlink) to a file this record does not attach, which would publish that file too. "
            "Attach the document itself, not a link to it."
        )
    return None


def _through_link(base: Path, relative: PurePosixPath) -> bool:
    """Whether the file, or a folder on the way to it from `base`, is a link."""
    path = base
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def is_file(path: Path) -> bool:
    """Whether a file staff named exists; a name the system can't even look up does not."""
    try:
        return path.is_file()
    except OSError:  # a name too long for the file system, for example
        return False


def content_file_problem(name: str, docs_dir: Path) -> str | None:
    """Why a picture the settings name is not a file of the content folder, or None when it is."""
    relative = PurePosixPath(name)
    target = docs_dir / relative
    if relative.is_absolute() or ".." in relative.parts or "\\" in name or (
        is_file(target) and not target.resolve().is_relative_to(docs_dir.resolve())
    ):
        return "should be a picture inside the content folder, named from there (such as images/logo.svg), not elsewhere."
    if not is_file(target):
        return "names a picture that is not in the content folder. Check the spelling, or add the picture."
    return None
