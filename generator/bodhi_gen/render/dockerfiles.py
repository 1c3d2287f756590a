"""Render ``dockerfiles/<variant>.Dockerfile`` from the plan: the image contract's stages, one file per variant.

Everything a Dockerfile decides per variant or per mode (cargo commands, defaults.yaml lines, the
target-triple mapping, the download settings) is computed here; the template only lays it out.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import PurePosixPath

from bodhi_gen.plan.contract import (
    BODHI_HOME,
    DEFAULTS_FROM_ARGS,
    DOWNLOAD_SECRET_ID,
    EXEC_LOOKUP_PATH,
    EXEC_NAME,
    GITHUB_API_URL,
    HF_HOME,
    LABEL_DESCRIPTION,
    LABELS_FROM_ARGS,
    LISTEN_HOST,
    LLAMACPP_ARGS_KEY,
    PORT,
    args_key,
    static_labels,
)
from bodhi_gen.plan.units import ModePlan, Plan, VariantPlan
from bodhi_gen.render.dockerfile_shell import PROGRAMS, triple_script
from bodhi_gen.render.environment import render, yaml_str
from bodhi_gen.render.output import GeneratedFile, header

TEMPLATE = "dockerfiles/Dockerfile.j2"
# Real images by default; every one is a build argument, so tests and mirrors can substitute their own.
RUST_IMAGE = "rust:1.87-bookworm"
NODE_IMAGE = "node:22-bookworm-slim"
# Build-arg defaults for a plain `docker build` without the plan's values: clearly not a release.
DEFAULT_VERSION = "0.0.0-local"
DEFAULT_COMMIT = "unknown"
DEFAULT_CREATED = "1970-01-01T00:00:00Z"
# What BodhiApp and a downloaded llama-server need on a bare Debian runtime image (curl: the health check).
DOWNLOAD_RUNTIME_PACKAGES = ("ca-certificates", "curl", "libgomp1", "libsqlite3-0", "libssl3")
DEPS_CRATE = "ci_optims"
APP_BINARY = "bodhi"
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


def cargo_build(mode: ModePlan) -> CargoBuild:
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


def _literal(key: str, value: str) -> str:
    return f"printf '%s\\n' {shlex.quote(f'{key}: {value}')}"


def _from_arg(key: str, arg: str) -> str:
    return f'printf \'{key}: "%s"\\n\' "${{{arg}}}"'


def defaults_lines(plan: Plan, variant: VariantPlan) -> tuple[str, ...]:
    """Shell commands printing defaults.yaml, the contract's keys in order; injected values are build args."""
    arg = DEFAULTS_FROM_ARGS
    return (
        _literal("BODHI_HOME", yaml_str(BODHI_HOME)),
        _literal("HF_HOME", yaml_str(HF_HOME)),
        _from_arg("BODHI_VERSION", arg["BODHI_VERSION"]),
        _from_arg("BODHI_COMMIT_SHA", arg["BODHI_COMMIT_SHA"]),
        _literal("BODHI_HOST", yaml_str(LISTEN_HOST)),
        _literal("BODHI_PORT", str(PORT)),
        _literal("BODHI_EXEC_LOOKUP_PATH", yaml_str(EXEC_LOOKUP_PATH)),
        _from_arg("BODHI_EXEC_TARGET", arg["BODHI_EXEC_TARGET"]),
        _from_arg("BODHI_EXEC_VARIANTS", arg["BODHI_EXEC_VARIANTS"]),
        _from_arg("BODHI_EXEC_VARIANT", arg["BODHI_EXEC_VARIANT"]),
        _from_arg("BODHI_EXEC_NAME", arg["BODHI_EXEC_NAME"]),
        _literal(LLAMACPP_ARGS_KEY, yaml_str(plan.llama_server_args)),
        _literal(args_key(variant.name), yaml_str(variant.llama_server_args)),
    )


def _download(variant: VariantPlan) -> Download | None:
    settings = variant.download
    if settings is None:
        return None
    return Download(
        runtime_image=settings.runtime_image,
        repository=settings.repository,
        release_prefix=settings.release_prefix,
        secret_id=DOWNLOAD_SECRET_ID,
        packages=" ".join(DOWNLOAD_RUNTIME_PACKAGES),
    )


def labels(plan: Plan, variant: VariantPlan) -> tuple[str, ...]:
    """OCI labels (as the plan gives them) with the injected values read from build args."""
    static = static_labels(plan.image, plan.source_url, variant.name)
    static[LABEL_DESCRIPTION] = f"BodhiApp with llama.cpp ({variant.name})"
    lines = {key: f"{key}={yaml_str(value)}" for key, value in static.items()}
    lines.update({key: f'{key}="${{{arg}}}"' for key, arg in LABELS_FROM_ARGS.items()})
    return tuple(lines[key] for key in sorted(lines))


def dockerfile_context(plan: Plan, variant: VariantPlan, source: str) -> DockerfileContext:
    arg_defaults = {
        "BODHI_VERSION": DEFAULT_VERSION,
        "BODHI_COMMIT_SHA": DEFAULT_COMMIT,
        "BODHI_BUILD_CREATED": DEFAULT_CREATED,
        "CI_DEFAULT_VARIANT": variant.name,
        "CI_BUILD_VARIANTS": ",".join(variant.exec_variants),
        "CI_EXEC_NAME": EXEC_NAME,
    }
    return DockerfileContext(
        header=header("dockerfiles", source).rstrip("\n"),
        variant=variant.name,
        base_image=variant.base_image,
        rust_image=RUST_IMAGE,
        node_image=NODE_IMAGE,
        github_api_url=GITHUB_API_URL,
        default_mode=plan.modes[0].name,
        mode_names=", ".join(m.name for m in plan.modes),
        cargo=tuple(cargo_build(mode) for mode in plan.modes),
        arg_defaults=arg_defaults,
        triple_script=triple_script(),
        defaults_args=tuple(f"{name}={arg_defaults[name]}" if name in arg_defaults else name for name in DEFAULTS_ARGS),
        defaults_values=" ".join(f'"${{{name}}}"' for name in DEFAULTS_ARGS),
        defaults_lines=defaults_lines(plan, variant),
        labels=labels(plan, variant),
        port=PORT,
        download=_download(variant),
    )


def render_dockerfiles(plan: Plan, source: str) -> list[GeneratedFile]:
    """One Dockerfile per variant in the plan, at the path its build units name."""
    return [
        GeneratedFile(
            PurePosixPath(variant.dockerfile),
            render(TEMPLATE, ctx=dockerfile_context(plan, variant, source), sh=PROGRAMS),
        )
        for variant in plan.variants
    ]
