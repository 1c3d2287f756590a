"""Render ``dockerfiles/<variant>.Dockerfile`` from the plan: the image contract's stages, one file per variant.

Everything a Dockerfile decides per variant or per mode (cargo commands, defaults.yaml lines, the
target-triple mapping, the download settings) is computed here; the template only lays it out.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import PurePosixPath

from bodhi_gen.config.models import Config, Mode, Variant
from bodhi_gen.plan import DOWNLOAD_SECRET_ID, EXEC_NAME, Plan
from bodhi_gen.render.dockerfile_shell import PROGRAMS, triple_script
from bodhi_gen.render.environment import render, yaml_str
from bodhi_gen.render.output import GeneratedFile, header

TEMPLATE = "dockerfiles/Dockerfile.j2"
# Real images by default; every one is a build argument, so tests and mirrors can substitute their own.
RUST_IMAGE = "rust:1.87-bookworm"
NODE_IMAGE = "node:22-bookworm-slim"
GITHUB_API_URL = "https://api.github.com"
# Build-arg defaults for a plain `docker build` without the plan's values: clearly not a release.
DEFAULT_VERSION = "0.0.0-local"
DEFAULT_COMMIT = "unknown"
DEFAULT_CREATED = "1970-01-01T00:00:00Z"
# What BodhiApp and a downloaded llama-server need on a bare Debian runtime image (curl: the health check).
DOWNLOAD_RUNTIME_PACKAGES = ("ca-certificates", "curl", "libgomp1", "libsqlite3-0", "libssl3")
DEPS_CRATE = "ci_optims"
APP_BINARY = "bodhi"
PORT = 8080
# Build args written into defaults.yaml; each must be free of quotes and backslashes.
DEFAULTS_ARGS = (
    "BODHI_VERSION",
    "BODHI_COMMIT_SHA",
    "CI_BUILD_TARGET",
    "CI_DEFAULT_VARIANT",
    "CI_BUILD_VARIANTS",
    "CI_EXEC_NAME",
)


@dataclass(frozen=True)
class CargoBuild:
    """One mode's cargo commands: the deps pre-build and the app build, and where the binary lands."""

    mode: str
    deps: str
    app: str
    binary: str


@dataclass(frozen=True)
class Download:
    """The releases to fetch llama-server from when a platform has no base image."""

    runtime_image: str
    repository: str
    release_prefix: str
    secret_id: str
    packages: str

    @property
    def prefix_word(self) -> str:
        return shlex.quote(self.release_prefix)


@dataclass(frozen=True)
class DockerfileContext:
    header: str
    variant: str
    base_image: str
    rust_image: str
    node_image: str
    github_api_url: str
    default_mode: str
    mode_names: str
    cargo: tuple[CargoBuild, ...]
    arg_defaults: dict[str, str]
    triple_script: tuple[str, ...]
    defaults_args: tuple[str, ...]
    defaults_values: str
    defaults_lines: tuple[str, ...]
    labels: tuple[str, ...]
    port: int
    download: Download | None


def cargo_build(mode: Mode) -> CargoBuild:
    release = mode.cargo_profile == "release"
    profile = " --release" if release else ""
    features = " --no-default-features"
    if mode.cargo_features:
        features += " --features " + ",".join(mode.cargo_features)
    return CargoBuild(
        mode=mode.name,
        deps=f"cargo build{profile} -p {DEPS_CRATE}",
        app=f"cargo build --locked{profile} --bin {APP_BINARY}{features}",
        binary=f"target/{'release' if release else 'debug'}/{APP_BINARY}",
    )


def args_key(variant: str) -> str:
    """``BODHI_LLAMACPP_ARGS_<VARIANT>``: upper case, dashes as underscores (an environment name)."""
    return "BODHI_LLAMACPP_ARGS_" + variant.upper().replace("-", "_")


def _literal(key: str, value: str) -> str:
    return f"printf '%s\\n' {shlex.quote(f'{key}: {value}')}"


def _from_arg(key: str, arg: str) -> str:
    return f'printf \'{key}: "%s"\\n\' "${{{arg}}}"'


def defaults_lines(config: Config, variant: Variant) -> tuple[str, ...]:
    """Shell commands printing defaults.yaml, the contract's keys in order; injected values are build args."""
    return (
        _literal("BODHI_HOME", yaml_str("/data/bodhi_home")),
        _literal("HF_HOME", yaml_str("/data/hf_home")),
        _from_arg("BODHI_VERSION", "BODHI_VERSION"),
        _from_arg("BODHI_COMMIT_SHA", "BODHI_COMMIT_SHA"),
        _literal("BODHI_HOST", yaml_str("0.0.0.0")),  # noqa: S104 - listen on the container's interfaces
        _literal("BODHI_PORT", str(PORT)),
        _literal("BODHI_EXEC_LOOKUP_PATH", yaml_str("/app/bin")),
        _from_arg("BODHI_EXEC_TARGET", "CI_BUILD_TARGET"),
        _from_arg("BODHI_EXEC_VARIANTS", "CI_BUILD_VARIANTS"),
        _from_arg("BODHI_EXEC_VARIANT", "CI_DEFAULT_VARIANT"),
        _from_arg("BODHI_EXEC_NAME", "CI_EXEC_NAME"),
        _literal("BODHI_LLAMACPP_ARGS", yaml_str(config.llama_server_args)),
        _literal(args_key(variant.name), yaml_str(variant.llama_server_args)),
    )


def _download(variant: Variant) -> Download | None:
    settings = variant.binary_download
    if settings is None:
        return None
    return Download(
        runtime_image=settings.runtime_image,
        repository=settings.repository,
        release_prefix=settings.release_prefix,
        secret_id=DOWNLOAD_SECRET_ID,
        packages=" ".join(DOWNLOAD_RUNTIME_PACKAGES),
    )


def labels(config: Config, variant: Variant) -> tuple[str, ...]:
    """OCI labels (as in the plan) with the injected values read from build args."""
    static = {
        "org.opencontainers.image.title": config.image.rsplit("/", 1)[-1],
        "org.opencontainers.image.description": f"BodhiApp with llama.cpp ({variant.name})",
        "org.opencontainers.image.source": config.source_url,
        "io.bodhisearch.variant": variant.name,
    }
    from_args = {
        "io.bodhisearch.mode": "BUILD_VARIANT",
        "org.opencontainers.image.version": "BODHI_VERSION",
        "org.opencontainers.image.revision": "BODHI_COMMIT_SHA",
        # the commit time, never the build time, so that a rebuild of a commit is the same image
        "org.opencontainers.image.created": "BODHI_BUILD_CREATED",
    }
    lines = {key: f"{key}={yaml_str(value)}" for key, value in static.items()}
    lines.update({key: f'{key}="${{{arg}}}"' for key, arg in from_args.items()})
    return tuple(lines[key] for key in sorted(lines))


def dockerfile_context(config: Config, variant: Variant, source: str) -> DockerfileContext:
    arg_defaults = {
        "BODHI_VERSION": DEFAULT_VERSION,
        "BODHI_COMMIT_SHA": DEFAULT_COMMIT,
        "BODHI_BUILD_CREATED": DEFAULT_CREATED,
        "CI_DEFAULT_VARIANT": variant.name,
        "CI_BUILD_VARIANTS": ",".join(variant.resolved_exec_variants),
        "CI_EXEC_NAME": EXEC_NAME,
    }
    return DockerfileContext(
        header=header("dockerfiles", source).rstrip("\n"),
        variant=variant.name,
        base_image=variant.base_image,
        rust_image=RUST_IMAGE,
        node_image=NODE_IMAGE,
        github_api_url=GITHUB_API_URL,
        default_mode=config.modes[0].name,
        mode_names=", ".join(m.name for m in config.modes),
        cargo=tuple(cargo_build(mode) for mode in config.modes),
        arg_defaults=arg_defaults,
        triple_script=triple_script(),
        defaults_args=tuple(f"{name}={arg_defaults[name]}" if name in arg_defaults else name for name in DEFAULTS_ARGS),
        defaults_values=" ".join(f'"${{{name}}}"' for name in DEFAULTS_ARGS),
        defaults_lines=defaults_lines(config, variant),
        labels=labels(config, variant),
        port=PORT,
        download=_download(variant),
    )


def render_dockerfiles(plan: Plan, source: str) -> list[GeneratedFile]:
    """One Dockerfile per variant in the plan, at the path its build units name."""
    paths = {unit.variant: unit.dockerfile for unit in plan.units}
    return [
        GeneratedFile(
            PurePosixPath(paths[variant.name]),
            render(TEMPLATE, ctx=dockerfile_context(plan.config, variant, source), sh=PROGRAMS),
        )
        for variant in plan.config.variants
        if variant.name in paths
    ]
