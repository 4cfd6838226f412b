"""The publishing guide's snippets parse, and every one publishes the public build, never the review build."""

from __future__ import annotations

import re
import tomllib
import xml.dom.minidom
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")


def snippet(language: str) -> str:
    [found] = re.findall(rf"```{language}\n(.*?)```", GUIDE, re.S)
    return found


def test_the_readme_links_the_guide() -> None:
    assert "(docs/publishing.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_gitlab_publishes_the_public_build_as_public() -> None:
    pipeline = yaml.safe_load(snippet("yaml"))
    script = pipeline["pages"]["script"]
    assert "yswd build --audience public --strict" in script and "mv site public" in script
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]


def test_netlify_publishes_site() -> None:
    build = tomllib.loads(snippet("toml"))["build"]
    assert build["publish"] == "site" and "--audience public" in build["command"]


def test_iis_serves_folder_addresses_and_the_404_page() -> None:
    config = xml.dom.minidom.parseString(snippet("xml"))
    assert [node.getAttribute("value") for node in config.getElementsByTagName("add")] == ["index.html"]
    [error] = config.getElementsByTagName("error")
    assert (error.getAttribute("statusCode"), error.getAttribute("path")) == ("404", "/404.html")
    types = {node.getAttribute("fileExtension") for node in config.getElementsByTagName("mimeMap")}
    assert {".pf_fragment", ".pf_index", ".pf_meta", ".pagefind"} <= types


def test_no_snippet_deploys_the_review_build() -> None:
    for block in re.findall(r"```\w+\n(.*?)```", GUIDE, re.S):
        assert "site-review" not in block and "--audience review" not in block
