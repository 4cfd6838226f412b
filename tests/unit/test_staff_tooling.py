"""The pre-commit hook and GitHub workflow site repositories use, and yswd's own CI: they parse and do what they say."""

from __future__ import annotations

from pathlib import Path

from yswd import __version__
from yswd.content.yamlread import read_yaml

ROOT = Path(__file__).resolve().parents[2]
SITE_WORKFLOW = "plugins/yswd/tools/site_template/dot-github/workflows/publish.yml"
"""The workflow `yswd init` gives a site (as .github/workflows/publish.yml)."""


def load(relative: str):
    # YAML 1.2 reading, as GitHub and pre-commit do: the workflow's "on" key stays "on"
    data, _, problems = read_yaml((ROOT / relative).read_text(encoding="utf-8"))
    assert not problems
    return data


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_the_pre_commit_hook_runs_yswd_check_on_the_whole_site() -> None:
    [hook] = load(".pre-commit-hooks.yaml")
    assert hook["id"] == "yswd-check"
    assert (hook["language"], hook["entry"]) == ("python", "yswd check")
    assert hook["pass_filenames"] is False and hook["always_run"] is True


def test_this_repository_uses_the_hook() -> None:
    config = load(".pre-commit-config.yaml")
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    [published] = load(".pre-commit-hooks.yaml")
    for key in ("id", "entry", "pass_filenames", "always_run"):
        assert hook[key] == published[key]


def test_the_hook_snippet_names_this_version() -> None:
    assert f"rev: v{__version__}" in (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")


def test_the_site_workflow_checks_pull_requests_with_annotations() -> None:
    workflow = load(SITE_WORKFLOW)
    assert "pull_request" in workflow["on"]
    check = workflow["jobs"]["check"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert runs(check)[:2] == ["python -m pip install -r requirements.txt", "yswd check --format github"]


def test_the_site_workflow_publishes_only_the_public_build_from_main_and_nightly() -> None:
    workflow = load(SITE_WORKFLOW)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["schedule"][0]["cron"], "a nightly build keeps open engagements and 'as at' dates true"
    publish = workflow["jobs"]["publish"]
    assert publish["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert "python -m pip install -r requirements.txt" in runs(publish)
    [checkout] = [step for step in publish["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0, "records' histories need the whole git history"
    builds = [command for command in runs(publish) if "build" in command]
    assert builds == ["yswd build --audience public --strict"]
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    [upload] = [step for step in publish["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "site"
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    text = (ROOT / SITE_WORKFLOW).read_text(encoding="utf-8")
    assert "--audience review" not in text and "YSWD_AUDIENCE: review" not in text and "pip install ." not in text


def test_yswds_own_workflow_runs_the_whole_suite_and_publishes_nothing() -> None:
    workflow = load(".github/workflows/tests.yml")
    assert list(workflow["jobs"]) == ["test"]
    assert runs(workflow["jobs"]["test"])[-1] == ".ci/run"
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert sorted(p.name for p in (ROOT / ".github/workflows").iterdir()) == ["tests.yml"]
