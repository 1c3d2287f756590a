"""``bodhi-gen release`` end to end: the real command, real PyGithub, a local GitHub."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Result
from tests.unit.release.release_fakes import (
    REPO,
    RUN_ID,
    SUCCESS_STAGES,
    TOKEN,
    WORKFLOW,
    FakeGitHub,
    Stage,
    old,
)

Cli = Callable[..., Result]
FAST = ("--poll-interval", "0.01")


def test_dispatch_prints_the_run_url(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard()

    result = cli("--version", "1.2.3", "--variants", "cuda, cpu")

    assert result.code == 0, result.err
    assert f"Run: {fake.run_html()}" in result.out
    assert fake.dispatch_bodies == [
        {
            "ref": "main",
            "inputs": {"version": "1.2.3", "variants": "cuda,cpu", "mode": "production"},
            "return_run_details": True,
        }
    ]


def test_wait_follows_the_run_to_success(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard(*SUCCESS_STAGES)

    result = cli("--version", "1.2.3", "--ref", "release/1.2", "--mode", "development", "--wait", *FAST)

    assert result.code == 0, result.err
    assert fake.dispatch_bodies[0]["ref"] == "release/1.2"
    assert fake.dispatch_bodies[0]["inputs"]["mode"] == "development"
    # Not a terminal: one plain line per change, none repeated.
    assert result.err.splitlines() == [
        "config: embedded BodhiApp default",
        "run queued; waiting for jobs",
        "1/2 jobs done; running: build (cpu)",
        "2/2 jobs done",
    ]
    assert f"Run {RUN_ID} succeeded: {fake.run_html()}" in result.out


def test_json_result(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard(*SUCCESS_STAGES)

    result = cli("--version", "1.2.3", "--wait", "--json", *FAST)

    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["result"] == "success"
    assert data["run"] == {"id": RUN_ID, "url": fake.run_html(), "status": "completed", "conclusion": "success"}
    assert data["jobs"] == {"total": 2, "done": 2, "failed": []}
    assert data["inputs"] == {"version": "1.2.3", "variants": "", "mode": "production"}


def test_failing_run_names_the_failed_jobs(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard(
        Stage(
            "completed",
            "failure",
            jobs=(
                ("plan", "completed", "success"),
                ("build (cpu)", "completed", "success"),
                ("build (cuda)", "completed", "failure"),
                ("publish", "completed", "cancelled"),
                ("notes", "completed", "skipped"),
            ),
        )
    )

    result = cli("--version", "1.2.3", "--wait", "--json", *FAST)

    assert result.code == 6
    assert "bodhi-gen: release failed: run 9001 concluded failure: 2 of 5 jobs failed" in result.err
    assert "build (cuda) (failure), publish (cancelled)" in result.err
    assert fake.run_html() in result.err
    data = json.loads(result.out)
    assert data["result"] == "failure"
    assert [job["name"] for job in data["jobs"]["failed"]] == ["build (cuda)", "publish"]


def test_wait_timeout(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard(Stage("in_progress", jobs=(("build (cpu)", "in_progress", None),)))

    result = cli("--version", "1.2.3", "--wait", "--timeout", "0.05", *FAST)

    assert result.code == 6
    assert "did not finish within --timeout 0.05 s" in result.err
    assert "0/1 jobs done" in result.err
    assert f"it is still running: {fake.run_html()}" in result.err


def test_fallback_finds_the_run_when_the_server_returns_no_details(cli: Cli, fake: FakeGitHub) -> None:
    fake.repo()
    fake.workflow()
    fake.dispatch(run_id=None)
    ours = fake.run_json(RUN_ID, Stage("queued"), title="bodhi release 1.2.3")
    queries = fake.dispatch_runs(
        [],
        [
            fake.run_json(7, Stage("completed", "success"), created=old(60)),
            fake.run_json(8, Stage("queued"), title="bodhi release 9.9.9"),
            ours,
        ],
    )
    fake.run(*SUCCESS_STAGES)

    result = cli("--version", "1.2.3", "--wait", *FAST)

    assert result.code == 0, result.err
    assert f"Run: {fake.run_html()}" in result.out
    assert "did not say which run it started" in result.err
    assert len(queries) == 2
    assert queries[0]["event"] == "workflow_dispatch"
    assert queries[0]["branch"] == "main"
    assert queries[0]["created"].startswith(">=")


def test_older_server_rejecting_run_details_is_dispatched_again_without(cli: Cli, fake: FakeGitHub) -> None:
    fake.repo()
    fake.workflow()
    fake.dispatch(run_id=None, reject_run_details=True)
    fake.dispatch_runs([fake.run_json(RUN_ID, Stage("queued"))])

    result = cli("--version", "1.2.3")

    assert result.code == 0, result.err
    assert [("return_run_details" in body) for body in fake.dispatch_bodies] == [True, False]
    assert f"Run: {fake.run_html()}" in result.out


def test_dry_run_dispatches_nothing(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard()

    result = cli("--version", "1.2.3", "--variants", "cpu", "--dry-run", "--json")

    assert result.code == 0, result.err
    assert fake.posts() == 0
    assert "Dry run: would dispatch" in result.err
    data = json.loads(result.out)
    assert data["result"] == "dry_run"
    assert data["ref"] == "main"
    assert data["inputs"] == {"version": "1.2.3", "variants": "cpu", "mode": "production"}


def test_bump_reads_the_latest_published_version(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard()
    # The config's image is ghcr.io/bodhisearch/bodhiapp; the owner is a user, not an org.
    fake.error("/orgs/bodhisearch/packages/container/bodhiapp/versions", 404, "Not Found")
    fake.reply(
        "/users/bodhisearch/packages/container/bodhiapp/versions",
        [
            {"id": 3, "metadata": {"container": {"tags": ["latest-cpu", "0.9.10-cpu"]}}},
            {"id": 2, "metadata": {"container": {"tags": ["0.10.1-cuda-development", "0.10.0-cpu"]}}},
            {"id": 1, "metadata": {"container": {"tags": []}}},
        ],
    )

    result = cli("--bump", "patch")

    assert result.code == 0, result.err
    assert fake.dispatch_bodies[0]["inputs"]["version"] == "0.10.2"
    assert "version=0.10.2 (latest published: 0.10.1)" in result.out


def test_token_from_github_token_and_api_url_from_the_environment(
    cli: Cli, fake: FakeGitHub, env: pytest.MonkeyPatch
) -> None:
    env.delenv("GH_TOKEN")
    env.setenv("GITHUB_TOKEN", TOKEN)
    env.setenv("GITHUB_API_URL", fake.base)
    fake.standard()

    result = cli("--version", "1.2.3", api=False)

    assert result.code == 0, result.err


# -- errors ------------------------------------------------------------------------------------


def test_bad_token(cli: Cli, fake: FakeGitHub, env: pytest.MonkeyPatch) -> None:
    env.setenv("GH_TOKEN", "ghp_wrong")
    fake.standard()

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert "bodhi-gen: GitHub error: the token was rejected" in result.err
    assert "GitHub said: Bad credentials" in result.err
    assert "GH_TOKEN or GITHUB_TOKEN" in result.err
    assert "ghp_wrong" not in result.err


def test_missing_token(cli: Cli, fake: FakeGitHub, env: pytest.MonkeyPatch) -> None:
    env.delenv("GH_TOKEN")
    fake.standard()

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert "no token: set GH_TOKEN or GITHUB_TOKEN" in result.err
    assert len(fake.server.log) == 0


def test_missing_permission_names_actions_write(cli: Cli, fake: FakeGitHub) -> None:
    fake.repo()
    fake.workflow()
    fake.error(f"{fake.workflow_path}/dispatches", 403, "Resource not accessible by personal access token", "POST")

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert "lacks the Actions: write permission" in result.err
    assert "Resource not accessible" in result.err


def test_repository_not_found(cli: Cli, fake: FakeGitHub) -> None:
    fake.error(fake.repo_path, 404, "Not Found")

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert f"repository {REPO} not found, or the token cannot see it" in result.err


def test_workflow_not_found(cli: Cli, fake: FakeGitHub) -> None:
    fake.repo()
    fake.error(f"{fake.repo_path}/actions/workflows/{WORKFLOW}", 404, "Not Found")

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert f"workflow {WORKFLOW} not found in repository {REPO}" in result.err
    assert "on the default branch" in result.err


def test_invalid_inputs_or_workflow_not_on_the_default_branch(cli: Cli, fake: FakeGitHub) -> None:
    fake.repo()
    fake.workflow()
    fake.error(f"{fake.workflow_path}/dispatches", 422, "Workflow does not have 'workflow_dispatch' trigger", "POST")

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert "GitHub rejected dispatching workflow bodhi-release.yml on acme/app at ref main" in result.err
    assert "check that ref main exists" in result.err
    assert "on the default branch" in result.err
    assert "Workflow does not have 'workflow_dispatch' trigger" in result.err


def test_token_echoed_by_the_server_is_masked(cli: Cli, fake: FakeGitHub) -> None:
    fake.repo()
    fake.workflow()
    fake.error(f"{fake.workflow_path}/dispatches", 422, f"Unexpected inputs provided: [{TOKEN}]", "POST")

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert "Unexpected inputs provided: [***]" in result.err  # and the cli fixture checks TOKEN is absent


def test_disabled_workflow(cli: Cli, fake: FakeGitHub) -> None:
    fake.repo()
    fake.workflow(state="disabled_manually")

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert "is disabled_manually" in result.err


def test_long_rate_limit_says_when_to_retry(cli: Cli, fake: FakeGitHub) -> None:
    reset = int(old(-90).timestamp())
    fake.error(
        fake.repo_path,
        403,
        "API rate limit exceeded for user ID 1.",
        **{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
    )

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert "rate limit was exceeded while reading repository acme/app; retry after" in result.err
    assert "(in about 90 min)" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--version", "v1.2.3"], "did you mean 1.2.3?"),
        (["--version", "1.2"], "not a release version"),
        (["--version", "1.2.3+build"], "no +build"),
        (["--version", "1.2.3", "--bump", "patch"], "exactly one of --version"),
        ([], "exactly one of --version"),
        (["--version", "1.2.3", "--variants", "cpu,tpu"], "unknown variant(s) tpu"),
        (["--version", "1.2.3", "--mode", "debug"], "choose one of production, development"),
        (["--version", "1.2.3", "--timeout", "5"], "--timeout bounds --wait"),
        (["--version", "1.2.3", "--workflow", "release"], "not a workflow file name"),
        (["--version", "1.2.3", "--api-url", "ftp://x"], "is not an http(s) URL"),
    ],
)
def test_usage_errors(cli: Cli, fake: FakeGitHub, args: list[str], message: str) -> None:
    result = cli(*args, api="--api-url" not in args)

    assert result.code == 2
    assert message in result.err
    assert len(fake.server.log) == 0


def test_poll_interval_must_be_positive(cli: Cli) -> None:
    result = cli("--version", "1.2.3", "--wait", "--poll-interval", "0")

    assert result.code == 2
    assert "--poll-interval" in result.err


def test_help_documents_every_option(cli: Cli) -> None:
    result = cli("--help", api=False)

    assert result.code == 0
    for option in (
        "--repo",
        "--workflow",
        "--version",
        "--bump",
        "--ref",
        "--mode",
        "--variants",
        "--wait",
        "--poll-interval",
        "--timeout",
        "--api-url",
        "--dry-run",
        "--json",
        "--config",
    ):
        assert option in result.out
    assert "GH_TOKEN" in result.out


def _imported_modules(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_workflows_does_not_import_pygithub(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bodhi_gen", "workflows", "--check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    modules = _imported_modules(proc.stderr)
    assert "bodhi_gen.cli.main" in modules
    assert not {m for m in modules if m == "github" or m.startswith("github.")}


def test_release_imports_pygithub_only_when_it_runs() -> None:
    code = (
        "import sys, bodhi_gen.cli.github_cmd, bodhi_gen.commands.release; "
        "sys.exit(1 if any(m == 'github' or m.startswith('github.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_commit_sha_as_ref_is_refused_before_dispatching(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard()
    sha = "3d3c42e5aac5ba805825da76410c181273ba90b1"

    result = cli("--version", "1.2.3", "--ref", sha)

    assert result.code == 2, result.err
    assert f"--ref {sha} is a commit SHA" in result.err
    assert "name a branch or tag" in result.err
    assert fake.dispatch_bodies == []
