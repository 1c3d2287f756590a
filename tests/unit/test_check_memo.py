"""The ``--check`` memo is keyed on the parsed bytes and trusted only when sound; templates ship precompiled."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from bodhi_gen.commands import generate
from bodhi_gen.config.locate import locate
from bodhi_gen.render import check_cache
from bodhi_gen.render.compiled import __file__ as compiled_init
from bodhi_gen.render.precompile import compiled_sources
from tests.helpers import GOOD_CONFIGS, run_cli


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    (root / ".github").mkdir()
    (root / ".github" / "bodhi-gen.yaml").write_text(GOOD_CONFIGS[1].read_text("utf-8"), "utf-8")
    return root


def settings(root: Path, check: bool) -> generate.GenerateSettings:
    return generate.GenerateSettings("workflows", None, root, check)


def memo_file(key: str) -> Path:
    return check_cache.cache_dir() / f"{key}.json"


def test_a_config_changed_between_key_and_render_never_poisons_the_memo(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = repo / ".github" / "bodhi-gen.yaml"
    first, second = config.read_bytes(), GOOD_CONFIGS[0].read_bytes()
    assert generate.run(settings(repo, False)) == 0
    real_key = check_cache.cache_key

    def key_then_change(*args: object) -> str:
        config.write_bytes(second)  # the file changes right after it was read for the key
        return real_key(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(check_cache, "cache_key", key_then_change)
    assert generate.run(settings(repo, True)) == 0  # what was read is what was rendered: up to date
    monkeypatch.setattr(check_cache, "cache_key", real_key)
    assert generate.run(settings(repo, False)) == 0  # regenerated from the second config
    config.write_bytes(first)
    assert run_cli(["workflows", "--check"], cwd=repo).code == 1


def test_a_tampered_memo_is_never_trusted(repo: Path) -> None:
    assert generate.run(settings(repo, False)) == 0
    source = locate(None, out_dir=repo)
    key = check_cache.cache_key("workflows", source.header_name, source.data)
    assert check_cache.matches(key, repo, "workflows") == 5
    memo = json.loads(memo_file(key).read_text("utf-8"))
    # a subset, re-signed with the user's own key: fewer files than the renderer produces
    subset = {k: v for k, v in memo["files"].items() if not k.endswith("bodhi-pr.yml")}
    secret = (check_cache.cache_dir() / check_cache.KEY_FILE).read_bytes()
    signed = {"files": subset, "mac": check_cache._mac(secret, key, "workflows", subset)}
    memo_file(key).write_text(json.dumps(signed), "utf-8")
    assert check_cache.matches(key, repo, "workflows") == 0
    # an edited hash without a valid MAC
    memo["files"][".github/workflows/bodhi-pr.yml"] = "0" * 64
    memo_file(key).write_text(json.dumps(memo), "utf-8")
    assert check_cache.matches(key, repo, "workflows") == 0
    # sound again, then writable by others, then in a folder others can read
    assert generate.run(settings(repo, True)) == 0
    assert check_cache.matches(key, repo, "workflows") == 5
    memo_file(key).chmod(0o666)
    assert check_cache.matches(key, repo, "workflows") == 0
    memo_file(key).chmod(0o644)
    check_cache.cache_dir().chmod(0o755)
    assert check_cache.matches(key, repo, "workflows") == 0
    check_cache.cache_dir().chmod(0o700)
    assert check_cache.matches(key, repo, "workflows") == 5
    pr = repo / ".github" / "workflows" / "bodhi-pr.yml"
    pr.write_text(pr.read_text("utf-8") + "# edited\n", "utf-8")
    memo_file(key).write_text(json.dumps(signed), "utf-8")
    result = run_cli(["workflows", "--check"], cwd=repo, env={"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]})
    assert result.code == 1
    assert "bodhi-pr.yml (differs)" in result.err


def test_a_planted_pickle_is_never_loaded(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    cache = tmp_path / "cache"
    for folder in (cache / "bodhi-gen" / "jinja-1.0.0", cache / "bodhi-gen" / "check"):
        folder.mkdir(parents=True)

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    planted = pickle.dumps(Payload())
    for folder in (cache / "bodhi-gen" / "jinja-1.0.0",):
        for name in ("__jinja2_" + "0" * 40 + ".cache", "anything.cache"):
            (folder / name).write_bytes(planted)
    result = run_cli(["workflows", "--check"], env={"XDG_CACHE_HOME": str(cache)})
    assert result.code == 0, result.err
    assert not marker.exists()
    fresh = tmp_path / "fresh"
    assert run_cli(["workflows", "--check"], env={"XDG_CACHE_HOME": str(fresh)}).code == 0
    assert sorted(p.name for p in (fresh / "bodhi-gen").iterdir()) == ["check"], "no template cache at all"


def test_the_precompiled_templates_match_the_templates() -> None:
    folder = Path(compiled_init).parent
    on_disk = {p.name: p.read_text("utf-8") for p in folder.glob("tmpl_*.py")}
    assert on_disk == compiled_sources(), "run `python -m bodhi_gen.render.precompile`"
