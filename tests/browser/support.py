"""Helpers shared by the browser tests: the pages to visit, opening them, running axe."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# Pages the site must have, by kind. Each URL is relative to the site root.
PAGES: dict[str, str] = {
    "home": "",
    "all-engagements": "you-said-we-did/",
    "all-engagements-page-2": "you-said-we-did/page-2/",
    "topics-hub": "topics/",
    "localities-hub": "localities/",
    "years-hub": "years/",
    "types-hub": "types/",
    "action-status-hub": "action-status/",
    "topic-listing": "topics/maternity/",
    "locality-listing": "localities/wenmouth/",
    "locality-listing-page-2": "localities/wenmouth/page-2/",
    "year-listing": "years/2023-24/",
    "type-listing": "types/survey/",
    "action-status-listing": "action-status/done/",
    "engagement-with-everything": "engagements/maternity-scan-appointments-2023/",
    "open-engagement": "",  # found in the built site: see open_engagement()
    "not-found": "404.html",
    "data": "data/",
    "data-standard": "data/standard/",
    "accessibility-statement": "accessibility/",
    "glossary": "glossary/",
    "strategy": "strategy/",
    "strategy-commitment": "strategy/close-the-loop/",
    "strategy-easy-read": "strategy/easy-read/",
    "annual-reports": "reports/",
    "annual-report": "reports/2025-26/",
    "changes-you-made-happen": "changes-you-made-happen/",
    "search-page": "search/",
    "how-to-edit": "how-to-edit/",
}


@dataclass(frozen=True)
class AxeResult:
    violations: list[dict]
    passes: int
    incomplete: list[dict]

    def report(self) -> str:
        lines = []
        for rule in self.violations:
            lines.append(f"{rule['id']} ({rule.get('impact')}): {rule['help']} - {rule['helpUrl']}")
            for node in rule["nodes"]:
                lines.append(f"    target {node['target']}")
                summary = node.get("failureSummary") or ""
                lines.extend(f"      {line}" for line in summary.splitlines())
                lines.append(f"      html: {node['html'][:200]}")
        return "\n".join(lines)


def page_file(site: Path, url: str) -> Path:
    path = site / url
    return path / "index.html" if url == "" or url.endswith("/") else path


def open_engagement(site: Path) -> str:
    """The URL of an engagement that is open on the build date (it has a 'Have your say' box)."""
    for page in sorted((site / "engagements").glob("*/index.html")):
        if 'class="yswd-take-part"' in page.read_text(encoding="utf-8"):
            return f"engagements/{page.parent.name}/"
    raise AssertionError("the example site has no engagement open on the build date")


def resolve(site: Path, name: str) -> str:
    return open_engagement(site) if name == "open-engagement" else PAGES[name]


def load(driver: WebDriver, url: str) -> None:
    """Open a page and wait until it and Material's JavaScript have finished loading."""
    driver.get(url)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def run_axe(driver: WebDriver, axe_source: str, context: str = "document") -> AxeResult:
    """Inject axe-core into the open page and run the WCAG 2.0 to 2.2 A and AA rules."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source)
    raw = driver.execute_async_script(
        f"""
        const done = arguments[arguments.length - 1];
        axe.run({context}, {{
            runOnly: {{type: 'tag', values: {list(AXE_TAGS)!r}}},
            resultTypes: ['violations'],
        }}).then(
            r => done({{violations: r.violations, passes: r.passes.length,
                       incomplete: r.incomplete.map(i => ({{id: i.id, targets: i.nodes.map(n => n.target.join(' ')),
                                                          why: i.nodes.map(n => n.failureSummary)}})),
                       version: axe.version}}),
            e => done({{error: String(e)}}),
        );
        """
    )
    assert "error" not in raw, f"axe-core failed: {raw['error']}"
    return AxeResult(violations=raw["violations"], passes=raw["passes"], incomplete=raw["incomplete"])


def same_origin(url: str, origin: str) -> bool:
    return url == origin or url.startswith(origin + "/") or re.match(r"^(data|blob|about):", url) is not None


@contextlib.contextmanager
def viewport(driver: WebDriver, width: int, height: int = 900, *, mobile: bool = False) -> Iterator[None]:
    """Show pages at this CSS width (a phone when mobile), then go back to 1280 x 900 desktop."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )
    try:
        yield
    finally:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )
