"""A build with bad content stops with the same clear messages, and the old site stays as it was."""

from __future__ import annotations

from conftest import SiteFolder, tree_digest


BROKEN = "content/engagements/scan-times.md"
EXPECTED = "content/engagements/scan-times.md:4: status: should be one of: draft, review, published, withdrawn."


def break_record(site: SiteFolder) -> None:
    site.write(BROKEN, site.read(BROKEN).replace("status: published", "status: publishd"))


def test_invalid_content_fails_and_leaves_site_untouched(site: SiteFolder) -> None:
    assert site.mkdocs("build").returncode == 0
    before = tree_digest(site.root / "site")
    assert "engagements/scan-times/index.html" in before

    break_record(site)
    result = site.mkdocs("build")

    assert result.returncode != 0
    assert EXPECTED in result.stderr
    assert 'Did you mean "published"?' in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(site.root / "site") == before
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".site")] == []


def test_yswd_build_reports_the_same_messages(site: SiteFolder) -> None:
    break_record(site)
    plain = site.mkdocs("build")
    ours = site.yswd("build")
    assert ours.returncode == plain.returncode == 1
    assert EXPECTED in ours.stderr and EXPECTED in plain.stderr


def test_strict_failure_after_pages_are_built_keeps_the_old_site(site: SiteFolder) -> None:
    """--strict aborts after the last build event; the old site must survive that too."""
    assert site.mkdocs("build").returncode == 0
    before = tree_digest(site.root / "site")
    site.write("content/index.md", "# Home\n\nSee [a page that is not there](missing.md).\n")

    result = site.mkdocs("build", "--strict")

    assert result.returncode == 1
    assert "in strict mode" in result.stdout + result.stderr
    assert tree_digest(site.root / "site") == before


def test_successful_build_replaces_the_site(site: SiteFolder) -> None:
    assert site.mkdocs("build").returncode == 0
    site.write(BROKEN, site.read(BROKEN).replace("Scan appointment times", "Scan appointment hours"))
    assert site.mkdocs("build").returncode == 0
    page = (site.root / "site/engagements/scan-times/index.html").read_text()
    assert "Scan appointment hours" in page
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".site")] == []


def test_unknown_audience_is_an_error(site: SiteFolder) -> None:
    result = site.mkdocs("build", env={"YSWD_AUDIENCE": "everyone"})
    assert result.returncode == 1
    assert "The audience 'everyone' is not one we know. Expected one of: public, review." in result.stderr
    assert not (site.root / "site").exists()


def test_check_command_exit_codes_and_json(site: SiteFolder) -> None:
    clean = site.yswd("check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "No problems found in 1 record." in clean.stdout

    break_record(site)
    text = site.yswd("check")
    assert text.returncode == 1
    assert text.stdout.splitlines()[0] == EXPECTED + ' Did you mean "published"?'
    assert text.stdout.splitlines()[-1] == "1 problem to fix before the site can be built."

    as_json = site.yswd("check", "--format", "json")
    assert as_json.returncode == 1
    import json

    assert json.loads(as_json.stdout) == [
        {
            "path": BROKEN,
            "line": 4,
            "field": "status",
            "message": 'should be one of: draft, review, published, withdrawn. Did you mean "published"?',
        }
    ]

    github = site.yswd("check", "--format", "github")
    assert github.stdout.strip() == (
        f"::error file={BROKEN},line=4,title=status::should be one of: draft, review, published, withdrawn. "
        'Did you mean "published"?'
    )


def test_an_interrupted_build_keeps_the_old_site_and_leaves_no_half_built_folder(site: SiteFolder) -> None:
    """Ctrl-C after every page is written (in a later plugin's on_post_build) publishes nothing.

    KeyboardInterrupt is not an Exception, so MkDocs calls no on_build_error for it; only
    on_shutdown runs, and it must not take the build for finished.
    """
    assert site.mkdocs("build").returncode == 0
    before = tree_digest(site.root / "site")
    site.write(BROKEN, site.read(BROKEN).replace("Scan appointment times", "Scan appointment hours"))
    site.write("interrupt.py", "def on_post_build(config):\n    raise KeyboardInterrupt\n")
    site.write("mkdocs.yml", site.read("mkdocs.yml") + "\nhooks:\n  - interrupt.py\n")

    result = site.mkdocs("build")

    assert result.returncode != 0
    assert result.stderr.rstrip().endswith("Aborted!")  # how click reports Ctrl-C
    assert tree_digest(site.root / "site") == before
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".site")] == []
