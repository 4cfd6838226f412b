"""Page weight: bytes a visitor transfers (gzip) on the first load of a page.

For an engagement page and the "You said, we did" index: the HTML, every stylesheet,
script, image and font it loads, and anything those load at once (mkdocs-material's search
fetches its whole index on every page). Measured for the example site and for a synthetic
site of 10,000 records, with yswd's Pagefind search and, for comparison, with Material's.

    python benchmarks/page_weight.py [--records 10000] [--out results.md]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 150_000
PAGES = {"engagement page": None, "index (you-said-we-did/)": "you-said-we-did/index.html"}


class _Resources(HTMLParser):
    """The files a page asks for as it loads: stylesheets, scripts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.found.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.found.append(a["src"])
        elif tag == "img" and a.get("src") and a.get("loading") != "lazy":
            self.found.append(a["src"])


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_load(site: Path, page: str, search_index: str | None) -> dict[str, int]:
    """Gzip bytes by kind for the first load of `page` (a path inside `site`)."""
    html = (site / page).read_bytes()
    weights = {"html": gzipped(html), "css": 0, "js": 0, "images": 0, "fonts": 0, "search index": 0}
    parser = _Resources()
    parser.feed(html.decode("utf-8"))
    base = "/" + page
    seen: set[str] = set()
    for ref in parser.found:
        if urlparse(ref).scheme or ref.startswith("//"):
            raise SystemExit(f"{page} loads {ref} from another host")
        path = urlparse(urljoin(base, ref)).path.lstrip("/")
        if path in seen or not (site / path).is_file():
            continue
        seen.add(path)
        data = (site / path).read_bytes()
        kind = "css" if path.endswith(".css") else "js" if path.endswith(".js") else "images"
        weights[kind] += gzipped(data)
        if kind == "css":
            for font in re.findall(rb"url\(([^)]+\.woff2?)\)", data):
                font_path = urlparse(urljoin("/" + path, font.decode().strip("'\""))).path.lstrip("/")
                if (site / font_path).is_file():
                    weights["fonts"] += gzipped((site / font_path).read_bytes())
    if search_index and (site / search_index).is_file():
        weights["search index"] = gzipped((site / search_index).read_bytes())
    return weights


def build(site_src: Path, material_search: bool) -> Path:
    """Build a copy of the site; with `material_search`, Material's search instead of Pagefind."""
    work = Path(tempfile.mkdtemp(prefix="yswd-weight-"))
    for name in ("content", "site_config", "mkdocs.yml"):
        source = site_src / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    if material_search:
        config = (work / "mkdocs.yml").read_text()
        config = re.sub(r"(?m)^plugins:\n", "plugins:\n  - search\n", config, count=1)
        config = re.sub(r"(?m)^  - yswd\b.*$", "  - yswd:\n      search: none", config, count=1)
        (work / "mkdocs.yml").write_text(config)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764547200"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=work, env=env, check=True)
    return work


def engagement_page(site: Path) -> str:
    """The heaviest engagement page of the site: the worst case a visitor meets."""
    pages = sorted(site.glob("engagements/*/index.html"), key=lambda p: p.stat().st_size)
    return pages[-1].relative_to(site).as_posix()


def measure(site_src: Path, label: str) -> list[str]:
    rows = []
    for material in (False, True):
        work = build(site_src, material)
        site = work / "site"
        search = "search/search_index.json" if material else None
        for name, page in PAGES.items():
            page = page or engagement_page(site)
            w = first_load(site, page, search)
            total = sum(w.values())
            flag = "within" if total <= BUDGET else "OVER"
            rows.append(
                f"| {label} | {'Material search' if material else 'Pagefind (yswd)'} | {name} | "
                + " | ".join(f"{w[k] / 1000:,.1f}" for k in ("html", "css", "js", "images", "fonts", "search index"))
                + f" | **{total / 1000:,.1f}** | {flag} |"
            )
        shutil.rmtree(work, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000, help="records in the synthetic site (0: example only)")
    args = parser.parse_args()
    header = [
        f"Budget: {BUDGET // 1000} KB gzip for the first load of an engagement page.",
        "",
        "| site | search | page | HTML | CSS | JS | images | fonts | search index | total KB | budget |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    rows = measure(ROOT, "example (50 records)")
    if args.records:
        synth = Path(tempfile.mkdtemp(prefix="yswd-synth-")) / "site"
        subprocess.run([sys.executable, "-m", "yswd", "synth", "--records", str(args.records), "--out", str(synth), "--seed", "1"], check=True)
        rows += measure(synth, f"synthetic ({args.records:,} records)")
        shutil.rmtree(synth.parent, ignore_errors=True)
    print("\n".join(header + rows))


if __name__ == "__main__":
    main()
