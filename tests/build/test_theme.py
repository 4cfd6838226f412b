"""The theme comes with the package: a site with the least mkdocs.yml gets all of it, and a
site's own custom_dir still wins over it."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SiteFolder

SKIP_LINK = '<a class="yswd-skip" href="#main-content">Skip to main content</a>'
FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


class _FirstControl(HTMLParser):
    """The first thing in <body> a keyboard could reach, as its start tag.

    Two things come before it in every Material page that nobody can reach: the drawer and
    search checkboxes (`input.md-toggle`, never shown) and Material's own skip link, shown only
    on some pages, which yswd's stylesheet hides in favour of its own.
    """

    def __init__(self) -> None:
        super().__init__()
        self.in_body = False
        self.hidden_depth = 0
        self.first: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "body":
            self.in_body = True
        if not self.in_body or self.first is not None:
            return
        if self.hidden_depth or (tag == "div" and values.get("data-md-component") == "skip"):
            self.hidden_depth += tag == "div"
            return
        if tag == "input" and "md-toggle" in (values.get("class") or ""):
            return
        if tag in FOCUSABLE or values.get("tabindex") not in (None, "-1"):
            self.first = self.get_starttag_text()

    def handle_endtag(self, tag: str) -> None:
        if self.hidden_depth and tag == "div":
            self.hidden_depth -= 1


def first_control(page: Path) -> str | None:
    parser = _FirstControl()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.first


def pages(site: Path) -> list[Path]:
    """Every HTML page but the redirects at old ids."""
    found = [p for p in sorted(site.rglob("*.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000]]
    assert len(found) > 50, f"only {len(found)} pages were built"
    return found


def test_every_page_of_a_bare_site_starts_with_the_skip_link(bare_public: Path) -> None:
    """Generated pages (listings, the data page, the statement) as well as the site's own pages."""
    wrong = []
    for page in pages(bare_public):
        text = page.read_text(encoding="utf-8")
        if first_control(page) != SKIP_LINK.split(">")[0] + ">" or 'id="main-content" tabindex="-1"' not in text:
            wrong.append(f"{page.relative_to(bare_public)}: {first_control(page)}")
    assert not wrong, "pages whose first control is not the skip link to #main-content:\n" + "\n".join(wrong[:10])


def test_a_bare_site_fetches_no_fonts_and_says_nothing_of_its_tools(bare_public: Path) -> None:
    for page in pages(bare_public):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert "Made with" not in text, page


def test_a_bare_site_has_the_theme_stylesheet_with_print_styles_on_every_page(bare_public: Path) -> None:
    theme_css = (bare_public / "assets/yswd/theme.css").read_text(encoding="utf-8")
    print_rules = theme_css[theme_css.index("@media print"):]
    assert re.search(r"\.md-header,[^{]*\.md-sidebar,[^{]*\{ display: none !important; \}", print_rules)
    for page in pages(bare_public):
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8"))
        mine = [link for link in links if "assets/yswd/" in link]
        assert [link.rsplit("/", 1)[1] for link in mine] == ["theme.css", "yswd.css", "brand.css"], page
        # 404.html, served at any depth, links from the site's root ("/"): relative links elsewhere
        linked = bare_public / mine[0].lstrip("/") if mine[0].startswith("/") else page.parent / mine[0]
        assert linked.resolve() == (bare_public / "assets/yswd/theme.css").resolve(), page


def test_a_bare_site_has_header_buttons_and_their_script(bare_public: Path) -> None:
    home = (bare_public / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<button type="button" class="[^"]*yswd-header-button" data-yswd-opens="__drawer"', home)
    assert '<script src="assets/yswd/keyboard.js"></script>' in home
    assert (bare_public / "assets/yswd/keyboard.js").is_file()
    not_found = (bare_public / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in not_found and SKIP_LINK in not_found


def with_custom_dir(site: SiteFolder) -> None:
    site.write("mkdocs.yml", site.read("mkdocs.yml").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))


OWN_HEADER = '<header class="md-header" data-md-component="header"><p>Our own header</p></header>\n'


def test_a_sites_own_custom_dir_wins_over_the_package_theme(site: SiteFolder) -> None:
    with_custom_dir(site)
    site.write("overrides/partials/header.html", OWN_HEADER)
    site.write("overrides/assets/yswd/theme.css", "/* our own theme */\n")
    site.write("overrides/404.html", '{% extends "main.html" %}\n{% block content %}<h1>Nothing here</h1>{% endblock %}\n')
    result = site.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    home = site.read("site/index.html")
    assert OWN_HEADER.strip() in home and "yswd-header-button" not in home
    assert home.index(SKIP_LINK) < home.index("Our own header"), "the package's page frame should still be used"
    assert site.read("site/assets/yswd/theme.css") == "/* our own theme */\n"
    assert "<h1>Nothing here</h1>" in site.read("site/404.html")


def test_a_sites_own_main_template_can_keep_the_frame_or_replace_it(site: SiteFolder) -> None:
    with_custom_dir(site)
    site.write("overrides/main.html", '{% extends "yswd-base.html" %}\n{% block announce %}Our notice{% endblock %}\n')
    assert site.mkdocs("build", "--strict").returncode == 0
    home = site.read("site/index.html")
    assert "Our notice" in home and SKIP_LINK in home
    site.write("overrides/main.html", '{% extends "base.html" %}\n')
    assert site.mkdocs("build", "--strict").returncode == 0
    home = site.read("site/index.html")
    assert SKIP_LINK not in home, "a site's own main.html replaces the package's"
    assert 'href="assets/yswd/theme.css"' in home, "the theme's stylesheet still comes with the plugin"


@pytest.mark.parametrize("setting", ["font", "generator"])
def test_a_sites_own_font_and_generator_settings_are_kept(site: SiteFolder, setting: str) -> None:
    mkdocs_yml = site.read("mkdocs.yml").replace("  font: false\n", "")
    if setting == "font":
        mkdocs_yml = mkdocs_yml.replace("  name: material\n", "  name: material\n  font:\n    text: Atkinson Hyperlegible\n")
    else:
        mkdocs_yml += "extra:\n  generator: true\n"
    site.write("mkdocs.yml", mkdocs_yml)
    assert site.mkdocs("build", "--strict").returncode == 0
    home = site.read("site/index.html")
    assert ("family=Atkinson+Hyperlegible" in home) == (setting == "font")
    assert ("Made with" in home) == (setting == "generator")


def test_another_theme_is_told_it_gets_none_of_the_package_theme(site: SiteFolder) -> None:
    site.write("mkdocs.yml", site.read("mkdocs.yml").replace("  name: material\n  font: false\n", "  name: mkdocs\n"))
    result = site.mkdocs("build")
    assert result.returncode == 0, result.stderr
    assert "The theme 'mkdocs' gets none of yswd's accessible theme" in result.stderr
    assert "yswd-skip" not in site.read("site/index.html")
    assert site.mkdocs("build", "--strict").returncode == 1


def test_a_build_shows_staff_no_warning_from_yswds_own_code(site: SiteFolder) -> None:
    """MkDocs logs Python warnings with a traceback; yswd's reading of mkdocs.yml raised one on every build."""
    result = site.run(str(Path(sys.executable).parent / "mkdocs"), "build", "--strict")  # as staff type it
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "Traceback" not in result.stderr, result.stderr
