"""Where a source file ends up on the site, and links between pages that work anywhere.

Links are relative, so the site works from any folder or host, and with the file system.
"""

from __future__ import annotations

import posixpath


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL of a Markdown source, as MkDocs gives it (`topics/x/index.md` -> `topics/x/`)."""
    stem, _ = posixpath.splitext(src_uri)
    if directory_urls:
        if posixpath.basename(stem) in ("index", "README"):
            folder = posixpath.dirname(stem)
            return f"{folder}/" if folder else ""
        return f"{stem}/"
    return f"{stem}.html"


def relative_url(target: str, from_url: str) -> str:
    """A link to site-relative `target` from the page at site-relative `from_url`."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    path = posixpath.relpath("/" + target, "/" + base)
    if (not target or target.endswith("/")) and not path.endswith("/"):
        path += "/"
    return "./" if path == "./" or path == "." else path
