"""The image contract: what every generated image promises and every consumer checks.

Labels, the ``defaults.yaml`` keys and fixed values, the port, the executable's name, the download
secret's id. The Dockerfile renderer writes these, the plan fills them per unit, and the smoke test
checks them; each is defined only here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

EXEC_NAME = "llama-server"
# BuildKit secret id of the llama-server download token: `--secret id=<this>,env=...` at build time,
# `RUN --mount=type=secret,id=<this>` in the generated Dockerfiles. Never a build arg.
DOWNLOAD_SECRET_ID = "llama_download_token"  # noqa: S105 - the name of a secret, not its value
# The port BodhiApp listens on inside the container (defaults.yaml's BODHI_PORT).
PORT = 8080

DEFAULTS_PATH = "/app/defaults.yaml"
# defaults.yaml values fixed by the contract (the rest come from build args or the config).
BODHI_HOME = "/data/bodhi_home"
HF_HOME = "/data/hf_home"
LISTEN_HOST = "0.0.0.0"  # noqa: S104 - listen on the container's interfaces
EXEC_LOOKUP_PATH = "/app/bin"
# defaults.yaml key -> the build arg whose value it carries
DEFAULTS_FROM_ARGS = {
    "BODHI_VERSION": "BODHI_VERSION",
    "BODHI_COMMIT_SHA": "BODHI_COMMIT_SHA",
    "BODHI_EXEC_TARGET": "CI_BUILD_TARGET",
    "BODHI_EXEC_VARIANTS": "CI_BUILD_VARIANTS",
    "BODHI_EXEC_VARIANT": "CI_DEFAULT_VARIANT",
    "BODHI_EXEC_NAME": "CI_EXEC_NAME",
}
# the defaults.yaml keys a smoke test checks against the unit (the commit is not one: a local build
# may not know it)
CHECKED_FROM_ARGS = (
    "BODHI_VERSION",
    "BODHI_EXEC_TARGET",
    "BODHI_EXEC_VARIANT",
    "BODHI_EXEC_VARIANTS",
    "BODHI_EXEC_NAME",
)
LLAMACPP_ARGS_KEY = "BODHI_LLAMACPP_ARGS"

LABEL_TITLE = "org.opencontainers.image.title"
LABEL_DESCRIPTION = "org.opencontainers.image.description"
LABEL_SOURCE = "org.opencontainers.image.source"
LABEL_VARIANT = "io.bodhisearch.variant"
LABEL_VERSION = "org.opencontainers.image.version"
LABEL_REVISION = "org.opencontainers.image.revision"
# label -> the build arg whose value it carries (injected per build, so the Dockerfile reads them)
LABELS_FROM_ARGS = {
    "io.bodhisearch.mode": "BUILD_VARIANT",
    LABEL_VERSION: "BODHI_VERSION",
    LABEL_REVISION: "BODHI_COMMIT_SHA",
    # the commit time, never the build time, so that a rebuild of a commit is the same image
    "org.opencontainers.image.created": "BODHI_BUILD_CREATED",
}

# Base provenance: the image a variant's runtime stage starts from, as configured, and the digest of
# that base for the unit's platform (its per-platform manifest; a local image's id when the base is
# in no registry). `bodhi-gen bases` compares the digest with what the base's tag names now.
LABEL_BASE_NAME = "org.opencontainers.image.base.name"
LABEL_BASE_DIGEST = "org.opencontainers.image.base.digest"
# the build arg naming the runtime stage's base: the llama.cpp image, or the plain runtime of a
# platform that downloads llama-server (the Dockerfile's LLAMA_SOURCE build arg says which)
BASE_IMAGE_ARG = "BASE_IMAGE"
DOWNLOAD_BASE_IMAGE_ARG = "DOWNLOAD_BASE_IMAGE"
LLAMA_SOURCE_ARG = "LLAMA_SOURCE"


# GPU variants copy the cpu llama-server from the cpu variant's base (the CPU_BASE_IMAGE build arg): that
# base is pinned and recorded the same way, under bodhi's own label names (OCI defines only one base)
CPU_BASE_IMAGE_ARG = "CPU_BASE_IMAGE"
LABEL_CPU_BASE_NAME = "io.bodhisearch.cpu-base.name"
LABEL_CPU_BASE_DIGEST = "io.bodhisearch.cpu-base.digest"


class BaseSlot(NamedTuple):
    """One base an image is built from: what messages call it and the labels recording its name and digest."""

    role: str
    name_label: str
    digest_label: str


RUNTIME_BASE = BaseSlot("base", LABEL_BASE_NAME, LABEL_BASE_DIGEST)
CPU_BASE = BaseSlot("cpu base", LABEL_CPU_BASE_NAME, LABEL_CPU_BASE_DIGEST)
BASE_SLOTS = (RUNTIME_BASE, CPU_BASE)


def slot_arg(slot: BaseSlot, build_args: Mapping[str, str]) -> str:
    """The build arg that names ``slot``'s base for a build with ``build_args``."""
    return base_arg(build_args) if slot == RUNTIME_BASE else CPU_BASE_IMAGE_ARG


def base_arg(build_args: Mapping[str, str]) -> str:
    """The build arg that names the runtime stage's base for a build with ``build_args``."""
    return DOWNLOAD_BASE_IMAGE_ARG if build_args.get(LLAMA_SOURCE_ARG) == "download" else BASE_IMAGE_ARG


def base_labels(name: str, digest: str, slot: BaseSlot = RUNTIME_BASE) -> dict[str, str]:
    return {slot.name_label: name, slot.digest_label: digest}


def exec_paths(target: str, exec_variants: str) -> tuple[str, ...]:
    """Where each llama-server build of an image lives: ``/app/bin/<triple>/<variant>/llama-server``."""
    return tuple(f"{EXEC_LOOKUP_PATH}/{target}/{name}/{EXEC_NAME}" for name in exec_variants.split(",") if name)


def args_key(variant: str) -> str:
    """``BODHI_LLAMACPP_ARGS_<VARIANT>``: upper case, dashes as underscores (an environment name)."""
    return f"{LLAMACPP_ARGS_KEY}_" + variant.upper().replace("-", "_")


def image_title(image: str) -> str:
    return image.rsplit("/", 1)[-1]


def static_labels(image: str, source_url: str, variant: str) -> dict[str, str]:
    """The labels every image of ``variant`` carries whatever the build injects."""
    return {LABEL_TITLE: image_title(image), LABEL_SOURCE: source_url, LABEL_VARIANT: variant}


def unit_labels(image: str, source_url: str, variant: str, build_args: Mapping[str, str]) -> dict[str, str]:
    """What a build labels its image with: the static labels and those its build args inject."""
    labels = static_labels(image, source_url, variant)
    labels |= {label: build_args[arg] for label, arg in LABELS_FROM_ARGS.items() if arg in build_args}
    return dict(sorted(labels.items()))


def unit_defaults(build_args: Mapping[str, str], image_defaults: Mapping[str, str]) -> dict[str, str]:
    """The defaults.yaml values a smoke test expects in a unit's image: the build args' and the variant's own."""
    values = {key: build_args[DEFAULTS_FROM_ARGS[key]] for key in CHECKED_FROM_ARGS}
    return values | dict(image_defaults)
