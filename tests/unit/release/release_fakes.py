"""A local GitHub: the REST endpoints ``release`` uses, served by pytest-httpserver to real PyGithub.

Helpers live here rather than in conftest so that test modules can import them.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

OWNER, NAME = "acme", "app"
REPO = f"{OWNER}/{NAME}"
WORKFLOW = "bodhi-release.yml"
WORKFLOW_ID = 4242
RUN_ID = 9001
TOKEN = "ghp_TESTtoken0123456789SECRETvalue"
HTML = "https://github.test"

Handler = Callable[[Request], Response]


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, content_type="application/json")


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Stage:
    """What the run and its jobs look like at one poll: jobs are (name, status, conclusion)."""

    status: str
    conclusion: str | None = None
    jobs: tuple[tuple[str, str, str | None], ...] = ()


@dataclass
class FakeGitHub:
    server: HTTPServer
    dispatch_bodies: list[dict[str, Any]] = field(default_factory=list)
    _run_polls: int = 0

    @property
    def base(self) -> str:
        return self.server.url_for("/").rstrip("/")

    @property
    def repo_path(self) -> str:
        return f"/repos/{REPO}"

    @property
    def workflow_path(self) -> str:
        return f"{self.repo_path}/actions/workflows/{WORKFLOW_ID}"

    def authed(self, handler: Handler) -> Handler:
        """Like GitHub: 401 without the token, or with another one."""

        def check(request: Request) -> Response:
            auth = request.headers.get("Authorization", "")
            if not auth:
                return json_response({"message": "Requires authentication"}, 401)
            if not auth.endswith(f" {TOKEN}"):
                return json_response({"message": "Bad credentials"}, 401)
            return handler(request)

        return check

    def on(self, path: str, handler: Handler, method: str = "GET") -> None:
        self.server.expect_request(path, method=method).respond_with_handler(self.authed(handler))

    def reply(self, path: str, body: Any, status: int = 200, method: str = "GET", **headers: str) -> None:
        self.on(path, lambda _req: json_response(body, status, headers or None), method)

    def error(self, path: str, status: int, message: str, method: str = "GET", **headers: str) -> None:
        self.reply(
            path, {"message": message, "documentation_url": "https://docs.github.com/rest"}, status, method, **headers
        )

    # -- the standard answers -------------------------------------------------------------------

    def sequence(self, path: str, *responses: Response, method: str = "GET") -> None:
        """Successive answers to ``path``, the last one repeated."""
        calls: list[int] = []

        def handle(_request: Request) -> Response:
            calls.append(1)
            return responses[min(len(calls), len(responses)) - 1]

        self.on(path, handle, method)

    def repo_body(self, default_branch: str = "main") -> dict[str, Any]:
        return {
            "id": 1,
            "name": NAME,
            "full_name": REPO,
            "url": f"{self.base}{self.repo_path}",
            "html_url": f"{HTML}/{REPO}",
            "default_branch": default_branch,
            "private": False,
        }

    def repo(self, default_branch: str = "main") -> None:
        self.reply(self.repo_path, self.repo_body(default_branch))

    def workflow(self, state: str = "active") -> None:
        self.reply(
            f"{self.repo_path}/actions/workflows/{WORKFLOW}",
            {
                "id": WORKFLOW_ID,
                "name": "bodhi release",
                "path": f".github/workflows/{WORKFLOW}",
                "state": state,
                "url": f"{self.base}{self.workflow_path}",
                "html_url": f"{HTML}/{REPO}/blob/main/.github/workflows/{WORKFLOW}",
            },
        )

    def dispatch(self, run_id: int | None = RUN_ID, *, reject_run_details: bool = False) -> None:
        """200 with the run's details; 204 without (``run_id=None``); or an older server's 422."""

        def handle(request: Request) -> Response:
            body = json.loads(request.get_data() or b"{}")
            self.dispatch_bodies.append(body)
            if reject_run_details and "return_run_details" in body:
                return json_response(
                    {"message": 'Invalid request.\n\n"return_run_details" is not a permitted key.'}, 422
                )
            if run_id is None:
                return Response(status=204)
            return json_response(
                {
                    "workflow_run_id": run_id,
                    "run_url": f"{self.base}{self.repo_path}/actions/runs/{run_id}",
                    "html_url": self.run_html(run_id),
                }
            )

        self.on(f"{self.workflow_path}/dispatches", handle, method="POST")

    def run_html(self, run_id: int = RUN_ID) -> str:
        return f"{HTML}/{REPO}/actions/runs/{run_id}"

    def run_json(
        self, run_id: int, stage: Stage, *, created: datetime | None = None, title: str = "bodhi release"
    ) -> dict[str, Any]:
        return {
            "id": run_id,
            "name": "bodhi release",
            "display_title": title,
            "event": "workflow_dispatch",
            "head_branch": "main",
            "status": stage.status,
            "conclusion": stage.conclusion,
            "created_at": iso(created or datetime.now(UTC)),
            "url": f"{self.base}{self.repo_path}/actions/runs/{run_id}",
            "html_url": self.run_html(run_id),
            "jobs_url": f"{self.base}{self.repo_path}/actions/runs/{run_id}/jobs",
        }

    def run(self, *stages: Stage, run_id: int = RUN_ID) -> None:
        """Each poll of the run moves to the next stage (staying on the last); jobs follow the run."""
        created = datetime.now(UTC)

        def current() -> Stage:
            return stages[min(self._run_polls, len(stages)) - 1]

        def handle_run(_request: Request) -> Response:
            self._run_polls += 1
            return json_response(self.run_json(run_id, current(), created=created))

        def handle_jobs(_request: Request) -> Response:
            jobs = [
                {
                    "id": 100 + index,
                    "run_id": run_id,
                    "name": name,
                    "status": status,
                    "conclusion": conclusion,
                    "html_url": f"{self.run_html(run_id)}/job/{100 + index}",
                    "url": f"{self.base}{self.repo_path}/actions/jobs/{100 + index}",
                }
                for index, (name, status, conclusion) in enumerate(current().jobs)
            ]
            return json_response({"total_count": len(jobs), "jobs": jobs})

        self.on(f"{self.repo_path}/actions/runs/{run_id}", handle_run)
        self.on(f"{self.repo_path}/actions/runs/{run_id}/jobs", handle_jobs)

    def dispatch_runs(self, *answers: list[dict[str, Any]]) -> list[dict[str, str]]:
        """Successive answers to listing the workflow's runs; returns the query strings received."""
        queries: list[dict[str, str]] = []

        def handle(request: Request) -> Response:
            queries.append(dict(request.args))
            runs = answers[min(len(queries), len(answers)) - 1]
            return json_response({"total_count": len(runs), "workflow_runs": runs})

        self.on(f"{self.workflow_path}/runs", handle)
        return queries

    def standard(self, *stages: Stage) -> None:
        self.repo()
        self.workflow()
        self.dispatch()
        if stages:
            self.run(*stages)

    def posts(self) -> int:
        return sum(1 for request, _ in self.server.log if request.method == "POST")


SUCCESS_STAGES = (
    Stage("queued"),
    Stage("in_progress", jobs=(("plan", "completed", "success"), ("build (cpu)", "in_progress", None))),
    Stage(
        "completed",
        "success",
        jobs=(("plan", "completed", "success"), ("build (cpu)", "completed", "success")),
    ),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def old(minutes: int) -> datetime:
    return datetime.now(UTC) - timedelta(minutes=minutes)


class FakeClock:
    """Sleeping advances the clock at once; the wall clock starts at the real time (runs carry real dates)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).timestamp()
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def time(self) -> float:
        return self.now


def acme_config(directory: Path) -> Path:
    """The default config with the image moved to ``ghcr.io/acme/app`` (the fake's packages)."""
    default = files("bodhi_gen.data").joinpath("default-config.yaml").read_text("utf-8")
    replaced = default.replace("image: ghcr.io/bodhisearch/bodhiapp\n", f"image: ghcr.io/{OWNER}/{NAME}\n", 1)
    assert replaced != default, "the default config names its image on one line"
    path = directory / "bodhi-gen.yaml"
    path.write_text(replaced, "utf-8")
    return path
