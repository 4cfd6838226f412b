"""Nothing is fetched from another host: a visitor's interest in a health topic stays private."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import yaml

from .support import load, resolve, same_origin

# <link rel> values that never fetch anything.
NOT_FETCHED = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search", "bookmark"}
FETCHING_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            if not set(values.get("rel", "").lower().split()) <= NOT_FETCHED:
                self.urls.append(values.get("href", ""))
            return
        for name in FETCHING_ATTRIBUTES.get(tag, ()):
            value = values.get(name)
            if value is None:
                continue
            if name == "srcset":
                self.urls.extend(candidate.split()[0] for candidate in value.split(",") if candidate.strip())
            else:
                self.urls.append(value)
        style = values.get("style", "")
        self.urls.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", style))


def is_offsite(url: str, own_origin: str) -> bool:
    parts = urlsplit(url)
    if url.startswith("//"):
        return True
    if not parts.scheme:
        return False
    if parts.scheme in {"data", "blob", "about"}:
        return False
    return f"{parts.scheme}://{parts.netloc}" != own_origin


def own_origin(site_dir) -> str:
    """The origin of mkdocs.yml's site_url (a site without one has no address of its own to link to)."""
    settings = yaml.safe_load((site_dir.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    parts = urlsplit(settings.get("site_url") or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def test_no_page_or_stylesheet_refers_to_another_host(site_dir) -> None:
    site_url = own_origin(site_dir)
    offsite: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        parser = _Fetches()
        parser.feed(page.read_text(encoding="utf-8"))
        offsite += [f"{page.relative_to(site_dir)}: {url}" for url in parser.urls if is_offsite(url, site_url)]
    for sheet in sorted(site_dir.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if is_offsite(url, site_url):
                offsite.append(f"{sheet.relative_to(site_dir)}: {url}")
    assert not offsite, "files that would fetch from another host:\n" + "\n".join(offsite[:20])


def test_browser_requests_only_the_site_itself(driver, base_url, site_dir, site_server) -> None:
    """Two witnesses: Chromium's network log of each page, and the report-only Content Security
    Policy the test server sends, which also catches fetches made by workers (Pagefind's)."""
    origin = base_url.rstrip("/")
    driver.get_log("performance")  # start from an empty log
    for name in ("home", "all-engagements", "engagement-with-everything", "open-engagement", "not-found"):
        load(driver, base_url + resolve(site_dir, name))
    if (site_dir / "search" / "index.html").is_file():
        load(driver, base_url + "search/?q=scan")
        # Let Pagefind fetch its index chunks for the question.
        driver.execute_async_script("const done = arguments[0]; setTimeout(done, 1500);")
    requested = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert any(url.startswith(origin) for url in requested), "the performance log recorded no requests"
    offsite = sorted({url for url in requested if not same_origin(url, origin)})
    assert not offsite, "requests to other hosts:\n" + "\n".join(offsite)
    # Every page visited so far in this session, by any test, counts here.
    reported = sorted({f"{r.get('blocked-uri')} ({r.get('violated-directive')}) from {r.get('document-uri')}"
                       for r in site_server.csp_reports})
    assert not reported, "fetches from other hosts reported by the browser:\n" + "\n".join(reported)
