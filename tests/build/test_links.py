"""Every link and script on every page of the built example leads to a file of the site.

Pages link to each other and to the downloads through `routes.py`; a path typed wrongly, or a
file linked as if it were a page, shows up here as an address with nothing behind it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name in ("href", "src") or (tag == "form" and name.startswith("data-"))):
                self.found.append(value)


def _within_site(address: str) -> str | None:
    """The path part of a link to the site itself; None for other sites, e-mail, anchors and data attributes that are not paths."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path or address.startswith("#"):
        return None
    return unquote(parts.path)


def broken_links(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for address in parser.found:
            path = _within_site(address)
            if path is None:
                continue
            # The 404 page's links start at the site's root, as MkDocs writes them.
            target = (site / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()
            exists = (target / "index.html").is_file() if path.endswith("/") else target.exists()
            if not exists or site.resolve() not in (target, *target.parents):
                found.append(f"{PurePosixPath(page.relative_to(site))}: {address}")
    return found


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "engagements.csv").write_text("id\n", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="data/engagements.csv">ok</a><a href="data/engagements/">page that is not there</a>'
        '<a href="https://example.org/x">elsewhere</a><a href="#top">anchor</a><a href="../outside.html">outside</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == ["index.html: data/engagements/", "index.html: ../outside.html"]


def test_every_link_of_the_public_example_leads_somewhere(example_public: Path) -> None:
    assert broken_links(example_public) == []


def test_every_link_of_the_review_example_leads_somewhere(example_review: Path) -> None:
    assert broken_links(example_review) == []
