"""``docker buildx build`` for one build unit, with its log streamed and its digest read back."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bodhi_gen.docker.client import docker_errors
from bodhi_gen.errors import DockerError
from bodhi_gen.plan.units import CacheSpec, SecretSpec

if TYPE_CHECKING:
    from python_on_whales import DockerClient

# "oci": an OCI image layout written to ``BuildRequest.oci_dir`` (no engine image store, no registry),
# which a later build reads as a named context: works on every buildx driver that can export OCI.
OutputMode = Literal["load", "push", "push-by-digest", "oci"]
LogSink = Callable[[str], None]

# "#7 [app 3/5] RUN cargo build ..." names a Dockerfile step. "#7 CACHED" says it was not run; so does
# "#7 sha256:<layer> 177B / 177B done": the step's result was pulled from an imported (registry) cache.
_STEP_RE = re.compile(r"^#(\d+) \[[^\]]*\d+/\d+\] (?:RUN|COPY|ADD|WORKDIR)\b")
_CACHED_RE = re.compile(r"^#(\d+) (?:CACHED\b|sha256:[0-9a-f]{64} )")
# buildx reports a registry cache that does not exist yet (a unit's first build) as a failed step,
# "#4 ERROR: failed to configure registry cache importer: <ref>: not found", then builds without it
_NO_CACHE_RE = re.compile(r"^#\d+ ERROR: failed to configure registry cache importer: (\S+): not found$")
STAGING_PREFIX = "staging-"


@dataclass(frozen=True)
class BuildRequest:
    context: Path
    dockerfile: Path
    platform: str
    output: OutputMode
    image: str
    tags: tuple[str, ...]
    labels: Mapping[str, str]
    build_args: Mapping[str, str]
    cache_from: tuple[CacheSpec, ...] = ()
    cache_to: tuple[CacheSpec, ...] = ()
    secrets: tuple[SecretSpec, ...] = ()
    network: str | None = None
    image_key: str = "build"
    # where output "oci" writes its image layout (a folder, not a tarball)
    oci_dir: Path | None = None
    # named build contexts: stage or image name -> an OCI image layout folder (``oci-layout://``)
    contexts: Mapping[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildOutcome:
    digest: str
    image_id: str | None
    steps: int
    cached_steps: int
    seconds: float
    metadata: dict[str, object]


@dataclass
class StepCounter:
    """Dockerfile steps of a plain progress log, and which of them were not run (cache hits).

    Steps are told apart by their text: with a cache import one step can appear under two numbers.
    """

    names: dict[str, str] = field(default_factory=dict)
    hits: set[str] = field(default_factory=set)

    def feed(self, line: str) -> None:
        step = _STEP_RE.match(line)
        if step:
            self.names.setdefault(step.group(1), line.split(" ", 1)[1])
        cached = _CACHED_RE.match(line)
        if cached:
            self.hits.add(cached.group(1))

    @property
    def steps(self) -> set[str]:
        return set(self.names.values())

    @property
    def cached(self) -> set[str]:
        return {self.names[number] for number in self.hits if number in self.names}


def shown_line(line: str) -> str:
    """A line of buildx's log as the user sees it: a cold registry cache is a note, not an ERROR."""
    missing = _NO_CACHE_RE.match(line)
    if missing:
        return f"note: no registry cache at {missing.group(1)} yet; building without it"
    return line


def cache_option(spec: CacheSpec) -> dict[str, str]:
    """A cache as buildx takes it: {'type': 'registry', 'ref': 'r:k'}, with mode=max on the export side.

    An export that fails (a registry refusing cache manifests, say) must not fail the build.
    """
    option = {"type": spec.kind, "ref" if spec.kind == "registry" else "scope": spec.location}
    if spec.export:
        option |= {"mode": "max", "ignore-error": "true"}
    return option


def cache_text(spec: CacheSpec) -> str:
    """The ``--cache-from``/``--cache-to`` value: 'type=registry,ref=r:k,mode=max,ignore-error=true'."""
    return ",".join(f"{key}={value}" for key, value in cache_option(spec).items())


def secret_option(spec: SecretSpec) -> str:
    """buildx's ``--secret id=ID,env=ENV_NAME`` value (the secret's value never on argv)."""
    return f"id={spec.id},env={spec.env}"


@dataclass(frozen=True)
class BuildxArgs:
    """The output-dependent ``buildx.build`` keyword arguments (pure; tested directly)."""

    tags: list[str]
    load: bool
    push: bool
    output: dict[str, str]
    cache_from: list[dict[str, str]] | None
    cache_to: dict[str, str] | None
    build_contexts: dict[str, str | Path] = field(default_factory=dict)


def staging_ref(image: str, key: str) -> str:
    """``<image>:staging-<unit key>``: where an image is pushed before its digest is published."""
    return f"{image}:{STAGING_PREFIX}{key}"


def staging_tag(request: BuildRequest) -> str:
    """Where a docker-driver builder pushes a "by digest" build: it cannot push untagged."""
    return staging_ref(request.image, request.image_key)


def buildx_args(request: BuildRequest, driver: str) -> BuildxArgs:
    if len(request.cache_to) > 1:
        msg = f"only one --cache-to destination is supported, got {len(request.cache_to)}"
        raise DockerError(msg)
    output: dict[str, str] = {}
    if request.output == "push-by-digest":
        # no tags: `publish` later names the per-platform digests under the unit's tags
        output = {"type": "image", "name": request.image, "push-by-digest": "true", "name-canonical": "true"}
        if driver == "docker":
            output = {"type": "image", "name": staging_tag(request)}
        output["push"] = "true"
    if request.output == "oci":
        if request.oci_dir is None:
            msg = "an OCI layout build needs a destination folder (oci_dir)"
            raise DockerError(msg)
        output = {"type": "oci", "dest": str(request.oci_dir.absolute()), "tar": "false"}
    return BuildxArgs(
        tags=list(request.tags) if request.output in ("load", "push") else [],
        load=request.output == "load",
        push=request.output == "push",
        output=output,
        cache_from=[cache_option(spec) for spec in request.cache_from] or None,
        cache_to=cache_option(request.cache_to[0]) if request.cache_to else None,
        build_contexts={name: f"oci-layout://{path.absolute()}" for name, path in request.contexts.items()},
    )


def builder_driver(client: DockerClient) -> str:
    with docker_errors("inspecting the buildx builder"):
        return str(client.buildx.inspect().driver)


def run_build(client: DockerClient, request: BuildRequest, metadata_file: Path, log: LogSink) -> BuildOutcome:
    """Build, streaming buildx's plain progress to ``log``; return the digest from the metadata file."""
    driver = builder_driver(client)
    args = buildx_args(request, driver)
    if request.output == "push-by-digest" and driver == "docker":
        log(
            f"note: buildx's docker driver cannot push untagged; pushing under {staging_tag(request)} "
            "(the digest is what counts; use a docker-container builder to avoid the extra tag)"
        )
    counter = StepCounter()
    started = time.monotonic()
    with docker_errors(f"building {request.platform} from {request.dockerfile}"):
        stream = client.buildx.build(
            request.context,
            file=request.dockerfile,
            platforms=[request.platform],
            build_args=dict(request.build_args),
            labels=dict(request.labels),
            **asdict(args),
            secrets=[secret_option(spec) for spec in request.secrets],
            network=request.network,
            metadata_file=metadata_file,
            progress="plain",
            stream_logs=True,
        )
        for chunk in stream if isinstance(stream, Iterator) else ():
            for line in chunk.splitlines():
                log(shown_line(line))
                counter.feed(line)
    seconds = time.monotonic() - started
    metadata = _read_metadata(metadata_file)
    digest = metadata.get("containerimage.digest")
    if not isinstance(digest, str):
        msg = "buildx reported no image digest (containerimage.digest) in its metadata file"
        raise DockerError(msg)
    config_digest = metadata.get("containerimage.config.digest")
    return BuildOutcome(
        digest=digest,
        image_id=config_digest if isinstance(config_digest, str) else None,
        steps=len(counter.steps),
        cached_steps=len(counter.cached),
        seconds=round(seconds, 1),
        metadata=metadata,
    )


def _read_metadata(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"cannot read buildx's metadata file {path}: {exc}"
        raise DockerError(msg) from None
    if not isinstance(data, dict):
        msg = f"buildx's metadata file {path} does not hold a JSON object"
        raise DockerError(msg)
    return data
