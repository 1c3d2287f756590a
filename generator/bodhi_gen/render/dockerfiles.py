"""Render ``dockerfiles/<variant>.Dockerfile`` from the plan: the image contract's stages, one file per variant.

Everything a Dockerfile decides per variant or per mode (defaults.yaml lines, the target-triple
mapping, the download settings) is computed here; the template only lays it out. The variants
copy the app binary that ``dockerfiles/binary.Dockerfile`` (``render/binary_dockerfile.py``) builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from bodhi_gen.config.rules import DEPLOYMENT_KEY
from bodhi_gen.github.access import GITHUB_API_URL
from bodhi_gen.plan.contract import (
    BODHI_HOME,
    DEFAULTS_FROM_ARGS,
    DOWNLOAD_SECRET_ID,
    EXEC_LOOKUP_PATH,
    EXEC_NAME,
    HF_HOME,
    LISTEN_HOST,
    LLAMACPP_ARGS_KEY,
)
from bodhi_gen.plan.units import Plan, VariantPlan
from bodhi_gen.render.binary_dockerfile import (
    DEFAULT_COMMIT,
    DEFAULT_CREATED,
    DEFAULT_VERSION,
    labels,
    render_binary_dockerfile,
)
from bodhi_gen.render.dockerfile_shell import PROGRAMS, triple_script
from bodhi_gen.render.environment import render
from bodhi_gen.render.output import GeneratedFile, header
from bodhi_gen.render.quoting import dockerfile_value, shell_word, yaml_str

__all__ = ["DEFAULT_VERSION", "dockerfile_context", "render_dockerfiles"]

TEMPLATE = "dockerfiles/Dockerfile.j2"
# What BodhiApp and a downloaded llama-server need on a bare Debian runtime image (curl: the health check).
DOWNLOAD_RUNTIME_PACKAGES = ("ca-certificates", "curl", "libgomp1", "libsqlite3-0", "libssl3")
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
class Download:
    """The releases to fetch llama-server from when a platform has no base image."""

    runtime_image: str
    repository: str
    release_prefix: str
    secret_id: str
    packages: str


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
    arg_defaults: dict[str, str]
    triple_script: tuple[str, ...]
    defaults_args: tuple[str, ...]
    defaults_values: str
    defaults_lines: tuple[str, ...]
    labels: tuple[str, ...]
    port: int
    env: tuple[str, ...]
    download: Download | None
    cpu_base_image: str | None


def _literal(key: str, value: str) -> str:
    return f"printf '%s\\n' {shell_word(f'{key}: {value}')}"


def _from_arg(key: str, arg: str) -> str:
    return f'printf \'{key}: "%s"\\n\' "${{{arg}}}"'


def defaults_lines(variant: VariantPlan) -> tuple[str, ...]:
    """Shell commands printing defaults.yaml, the contract's keys in order; injected values are build args."""
    arg = DEFAULTS_FROM_ARGS
    image = variant.image
    return (
        _literal("BODHI_HOME", yaml_str(BODHI_HOME)),
        _literal("HF_HOME", yaml_str(HF_HOME)),
        _from_arg("BODHI_VERSION", arg["BODHI_VERSION"]),
        _from_arg("BODHI_COMMIT_SHA", arg["BODHI_COMMIT_SHA"]),
        _literal(DEPLOYMENT_KEY, yaml_str(image.deployment)),
        _literal("BODHI_HOST", yaml_str(LISTEN_HOST)),
        _literal("BODHI_PORT", str(image.port)),
        _literal("BODHI_EXEC_LOOKUP_PATH", yaml_str(EXEC_LOOKUP_PATH)),
        _from_arg("BODHI_EXEC_TARGET", arg["BODHI_EXEC_TARGET"]),
        _from_arg("BODHI_EXEC_VARIANTS", arg["BODHI_EXEC_VARIANTS"]),
        _from_arg("BODHI_EXEC_VARIANT", arg["BODHI_EXEC_VARIANT"]),
        _from_arg("BODHI_EXEC_NAME", arg["BODHI_EXEC_NAME"]),
        _literal(LLAMACPP_ARGS_KEY, yaml_str(image.shared_args)),
        *(_literal(key, yaml_str(value)) for key, value in image.exec_args),
        *(_literal(key, yaml_str(value)) for key, value in image.extra),
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


def dockerfile_context(plan: Plan, variant: VariantPlan, source: str) -> DockerfileContext:
    arg_defaults = {
        "BODHI_VERSION": DEFAULT_VERSION,
        "BODHI_COMMIT_SHA": DEFAULT_COMMIT,
        "BODHI_BUILD_CREATED": DEFAULT_CREATED,
        "CI_DEFAULT_VARIANT": variant.image.exec_variant,
        "CI_BUILD_VARIANTS": ",".join(variant.exec_variants),
        "CI_EXEC_NAME": EXEC_NAME,
    }
    return DockerfileContext(
        header=header("dockerfiles", source).rstrip("\n"),
        variant=variant.name,
        base_image=variant.base_image,
        rust_image=plan.rust_image,
        node_image=plan.app.node_image,
        github_api_url=GITHUB_API_URL,
        default_mode=plan.modes[0].name,
        mode_names=", ".join(m.name for m in plan.modes),
        arg_defaults=arg_defaults,
        triple_script=triple_script(),
        defaults_args=tuple(
            f"{name}={dockerfile_value(arg_defaults[name])}" if name in arg_defaults else name for name in DEFAULTS_ARGS
        ),
        defaults_values=" ".join(f'"${{{name}}}"' for name in DEFAULTS_ARGS),
        defaults_lines=defaults_lines(variant),
        labels=labels(plan, variant.name, f"BodhiApp with llama.cpp ({variant.name})"),
        port=variant.image.port,
        env=tuple(f"{name}={dockerfile_value(value)}" for name, value in variant.image.env),
        download=_download(variant),
        cpu_base_image=variant.cpu_base_image,
    )


def render_dockerfiles(plan: Plan, source: str) -> list[GeneratedFile]:
    """The binary's Dockerfile and one per variant in the plan, at the paths their units name."""
    return [
        render_binary_dockerfile(plan, source),
        *(
            GeneratedFile(
                PurePosixPath(variant.dockerfile),
                render(TEMPLATE, ctx=dockerfile_context(plan, variant, source), sh=PROGRAMS),
            )
            for variant in plan.variants
        ),
    ]
