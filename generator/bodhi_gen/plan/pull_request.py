"""What a pull request builds and smoke-tests (nothing is pushed), and which changed paths trigger it.

By default: the cpu variant (else the first), every mode, linux/amd64 where those variants build it, so
each (mode, platform) is one build and the app is compiled once per (mode, platform); and only when a
build input changed: the Dockerfiles, the Cargo files, ``crates/``, the TypeScript client and its
OpenAPI inputs, the path dependencies, the config and the workflow itself.
"""

from __future__ import annotations

from bodhi_gen.config.models import Config
from bodhi_gen.plan.units import PullRequestPlan, Selection

CPU = "cpu"
DEFAULT_PLATFORM = "linux/amd64"
CONFIG_FILE = ".github/bodhi-gen.yaml"
WORKFLOW_FILE = ".github/workflows/bodhi-pr.yml"


def _variants(config: Config) -> tuple[str, ...]:
    if config.pull_request.variants is not None:
        return config.pull_request.variants
    names = [v.name for v in config.variants]
    return (CPU,) if CPU in names else (names[0],)


def _platforms(config: Config, variants: tuple[str, ...]) -> tuple[str, ...]:
    if config.pull_request.platforms is not None:
        return config.pull_request.platforms
    built = [p for v in config.variants if v.name in variants for p in v.platforms]
    return (DEFAULT_PLATFORM,) if DEFAULT_PLATFORM in built else tuple(dict.fromkeys(built))


def default_paths(config: Config) -> tuple[str, ...]:
    """The build's inputs, as ``on.pull_request.paths`` globs."""
    app = config.app
    paths = [
        "dockerfiles/**",
        "Cargo.toml",
        "Cargo.lock",
        "rust-toolchain.toml",
        "crates/**",
        f"{app.ts_client.dir}/**",
        *(f"{app.ts_client.dir}/../{name}" for name in app.ts_client.inputs),
        f"{app.ui.dir}/**",
        *(f"{path}/**" for path in app.deps_paths),
        CONFIG_FILE,
        WORKFLOW_FILE,
    ]
    kept: list[str] = []
    for path in (_normal(p) for p in paths):
        covered = any(k.endswith("/**") and path.startswith(k[:-2]) for k in kept)
        if not covered and path not in kept:
            kept.append(path)
    return tuple(kept)


def _normal(path: str) -> str:
    """``ts-client/../openapi.json`` -> ``openapi.json`` (GitHub matches paths as written)."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == ".." and parts:
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def pull_request_plan(config: Config) -> PullRequestPlan:
    variants = _variants(config)
    selection = Selection(variants, config.pull_request.modes, _platforms(config, variants))
    paths = config.pull_request.paths if config.pull_request.paths is not None else default_paths(config)
    return PullRequestPlan(selection, paths)
