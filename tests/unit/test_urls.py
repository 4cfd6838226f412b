import pytest

from yswd.site.routes import page_url, relative_url


@pytest.mark.parametrize(
    ("src_uri", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("topics/index.md", True, "topics/"),
        ("topics/maternity/page-2.md", True, "topics/maternity/page-2/"),
        ("engagements/a.md", True, "engagements/a/"),
        ("engagements/a.md", False, "engagements/a.html"),
        ("topics/index.md", False, "topics/index.html"),
    ],
)
def test_page_url(src_uri: str, directory_urls: bool, url: str) -> None:
    assert page_url(src_uri, directory_urls) == url


@pytest.mark.parametrize(
    ("target", "here", "link"),
    [
        ("topics/x/", "engagements/a/", "../../topics/x/"),
        ("", "engagements/a/", "../../"),
        ("", "", "./"),
        ("topics/", "topics/", "./"),
        ("engagements/2024-25/s.csv", "engagements/a/", "../2024-25/s.csv"),
        ("topics/x.html", "engagements/a.html", "../topics/x.html"),
    ],
)
def test_relative_url(target: str, here: str, link: str) -> None:
    assert relative_url(target, here) == link
