"""The pre-commit hook and the GitHub workflow staff repositories use: they parse and do what they say."""

from __future__ import annotations

from pathlib import Path

from yswd.content.yamlread import read_yaml

ROOT = Path(__file__).resolve().parents[2]


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


def test_the_workflow_checks_pull_requests_with_annotations() -> None:
    workflow = load(".github/workflows/check-and-publish.yml")
    assert "pull_request" in workflow["on"]
    check = workflow["jobs"]["check"]
    assert "pull_request" in check["if"]
    assert "yswd check --format github" in runs(check)


def test_the_workflow_publishes_only_the_public_build_from_main() -> None:
    workflow = load(".github/workflows/check-and-publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    publish = workflow["jobs"]["publish"]
    assert "push" in publish["if"] and "refs/heads/main" in publish["if"]
    builds = [command for command in runs(publish) if "build" in command]
    assert builds == ["yswd build --audience public --strict"]
    [build_step] = [step for step in publish["steps"] if step.get("run") in builds]
    assert build_step["env"]["YSWD_AUDIENCE"] == "public"
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    [upload] = [step for step in publish["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "site"
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    text = (ROOT / ".github/workflows/check-and-publish.yml").read_text(encoding="utf-8")
    assert "--audience review" not in text and "site-review" not in text and "YSWD_AUDIENCE: review" not in text
