"""Fixtures for the browser tests.

One build of each site (the example, and a bare site with the example's records: `SITES`),
served on 127.0.0.1 at a free port, one headless Chromium with JavaScript for the whole session, one without,
and the current axe-core 4.x from the npm registry, cached in .cache/axe-core.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import tarfile
import tempfile
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

selenium = pytest.importorskip("selenium", reason="the browser tests need selenium: pip install -e '.[test]'")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
AXE_CACHE = ROOT / ".cache" / "axe-core"
OUTPUT = ROOT / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--font-render-hinting=none",
)
DESKTOP = (1280, 900)


# ---------------------------------------------------------------- the site, served


# Report-only: blocks nothing, but the browser reports every fetch from another host, by the
# page or by a worker (Pagefind searches in one), to /__csp-report on this server.
CSP_REPORT_PATH = "/__csp-report"
CSP_REPORT_ONLY = (
    "default-src 'self' data: blob: 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'; "
    f"report-uri {CSP_REPORT_PATH}"
)


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    csp_reports: list[dict]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as a static host would, 404.html for anything missing."""

    server: _SiteServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy-Report-Only", CSP_REPORT_ONLY)
        super().end_headers()

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == CSP_REPORT_PATH and hasattr(self.server, "csp_reports"):
            try:
                self.server.csp_reports.append(json.loads(body or b"{}").get("csp-report", {}))
            except ValueError:
                self.server.csp_reports.append({"unreadable": body[:200].decode("latin-1")})
        self.send_response(204)
        self.end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


SITES = {"example": "example_public", "bare": "bare_public"}
"""The sites every browser test runs on: the example, and the same records under the least
mkdocs.yml a new site would write (tests/conftest.py, BARE_MKDOCS_YML), whose theme is all the package's."""


@pytest.fixture(scope="session", params=list(SITES))
def site_name(request: pytest.FixtureRequest) -> str:
    """Which site this test runs on. pytest runs all of one site's tests, then the other's."""
    return request.param


@pytest.fixture(scope="session")
def site_dir(site_name: str, request: pytest.FixtureRequest) -> Path:
    """The public build of that site, built once for the whole test session."""
    return request.getfixturevalue(SITES[site_name])


@contextmanager
def serving(folder: Path) -> Iterator[_SiteServer]:
    """A built site served over HTTP on 127.0.0.1 at a free port, as a static host would, while the block runs."""
    server = _SiteServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(folder)))
    server.csp_reports = []
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def address(server: _SiteServer) -> str:
    """A served site's address, ending in '/'."""
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_server(site_dir: Path) -> Iterator[_SiteServer]:
    """The built site, served."""
    with serving(site_dir) as server:
        yield server


@pytest.fixture(scope="session")
def base_url(site_server: _SiteServer) -> str:
    """The served site's address, ending in '/'."""
    return address(site_server)


# ---------------------------------------------------------------- axe-core


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js of the current axe-core 4.x release, from the npm registry.

    `npm pack axe-core@4` fetches the newest 4.x tarball into .cache/axe-core (gitignored);
    axe.min.js is unpacked beside it. Offline, the newest copy already in the cache is used.
    """
    AXE_CACHE.mkdir(parents=True, exist_ok=True)
    npm = shutil.which("npm")
    problem = "npm is not installed (Debian package: npm)"
    if npm:
        result = subprocess.run(
            [npm, "pack", "axe-core@4", "--json", "--pack-destination", str(AXE_CACHE)],
            capture_output=True,
            text=True,
            timeout=180,
        )
        if result.returncode == 0:
            packed = json.loads(result.stdout)[0]
            target = AXE_CACHE / f"axe-core-{packed['version']}" / "axe.min.js"
            if not target.is_file():
                with tarfile.open(AXE_CACHE / packed["filename"]) as tar:
                    member = tar.extractfile("package/axe.min.js")
                    assert member is not None, f"{packed['filename']} has no axe.min.js"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(member.read())
            return target.read_text(encoding="utf-8")
        problem = f"`npm pack axe-core@4` failed: {result.stderr.strip()[-500:]}"
    cached = sorted(
        AXE_CACHE.glob("axe-core-4.*/axe.min.js"),
        key=lambda path: tuple(int(part) for part in path.parent.name.removeprefix("axe-core-").split(".")),
    )
    if cached:
        warnings.warn(f"{problem}; using the cached {cached[-1].parent.name}", stacklevel=1)
        return cached[-1].read_text(encoding="utf-8")
    pytest.fail(f"axe-core is needed for the accessibility checks, but {problem} and nothing is cached.")


@pytest.fixture(scope="session")
def axe_results() -> Iterator[dict[str, dict[str, dict]]]:
    """Collects axe counts per site and page; written to test-output/axe-summary.json at the end."""
    results: dict[str, dict[str, dict]] = {}
    yield results
    if results:
        OUTPUT.mkdir(exist_ok=True)
        (OUTPUT / "axe-summary.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


# ---------------------------------------------------------------- Chromium


def _chromium(profile: Path, *, javascript: bool) -> webdriver.Chrome:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.fail(f"the browser tests need {', '.join(missing)}: run `bash tests/system-deps.sh` as root")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    # The viewport, not the window, is what pages see: make it exactly 1280 x 900.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": DESKTOP[0], "height": DESKTOP[1], "deviceScaleFactor": 1, "mobile": False},
    )
    return driver


@contextmanager
def _session_browser(javascript: bool) -> Iterator[webdriver.Chrome]:
    with tempfile.TemporaryDirectory(prefix="yswd-chromium-") as profile:
        browser = _chromium(Path(profile), javascript=javascript)
        try:
            yield browser
        finally:
            browser.quit()


@pytest.fixture(scope="session")
def driver() -> Iterator[webdriver.Chrome]:
    """One headless Chromium, with JavaScript, shared by the whole session."""
    with _session_browser(javascript=True) as browser:
        yield browser


@pytest.fixture(scope="session")
def driver_nojs() -> Iterator[webdriver.Chrome]:
    """A second headless Chromium with JavaScript switched off, as some visitors have it."""
    with _session_browser(javascript=False) as browser:
        yield browser
