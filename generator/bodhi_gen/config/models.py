"""The config schema: frozen, strict pydantic models, the single source of what a config may hold.

Everything a user can set lives here, with its default; the embedded BodhiApp default
(``bodhi_gen/data/default-config.yaml``) is simply a file that validates against these models.
They give the JSON schema (``bodhi-gen schema``) and, through ``python -m bodhi_gen.config.compile``,
the compiled validator and the read-only records (``records.py``) the rest of bodhi-gen uses:
validating a config at run time never builds a pydantic model. The cross-field rules live in
``rules.py``, free of pydantic, so both run the same code.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bodhi_gen.config.fields import (
    CargoFeature,
    CommandWord,
    Cron,
    DefaultsKey,
    DefaultsValue,
    DockerFlag,
    EnvName,
    EnvValue,
    HttpsUrl,
    ImageRef,
    ImageRepo,
    LlamaArgs,
    Name,
    NoteText,
    NpmScript,
    OwnerName,
    PasswordSecret,
    PathGlob,
    Prefix,
    RegistryUser,
    RelativePath,
    RunnerLabel,
    TagPattern,
)
from bodhi_gen.config.rules import (
    ACTION_PATTERN,
    DEFAULT_PASSWORD_SECRET,
    MAX_MIRRORS,
    CacheBackend,
    GpuKind,
    PlatformName,
    PublishPolicy,
    check_config,
    check_config_mirrors,
    check_mirror,
    check_variant,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class BinaryDownload(Strict):
    """Platforms with no prebuilt base image: the runtime stage downloads llama-server instead.

    The token for the GitHub releases API reaches the build only as a BuildKit secret.
    """

    platforms: tuple[PlatformName, ...] = Field(min_length=1, description="platforms that download")
    repository: OwnerName = Field("BodhiSearch/llama.cpp", description="OWNER/NAME of the releases")
    release_prefix: Prefix = Field("server-", description="only releases whose tag starts with this")
    runtime_image: ImageRef = Field(
        "debian:bookworm-slim", description="base image of the runtime stage when downloading"
    )


class Notes(Strict):
    """What the release page says of a variant."""

    description: NoteText = Field("", max_length=120, description="e.g. NVIDIA GPU acceleration")
    hardware: NoteText = Field("", max_length=160, description="e.g. NVIDIA GPU with CUDA 12.4+ support")


class Variant(Strict):
    """One hardware variant of the image."""

    name: Name
    base_image: ImageRef = Field(description="llama.cpp image the runtime stage starts from")
    platforms: tuple[PlatformName, ...] = Field(("linux/amd64",), min_length=1)
    gpu: GpuKind = Field("none", description="kind of GPU the variant needs at run time")
    exec_variants: tuple[Name, ...] = Field(
        (), description="llama-server builds inside the image (default: the variant, plus cpu for GPU ones)"
    )
    exec_variant: Name | None = Field(
        None, description="BODHI_EXEC_VARIANT, the build the app runs first (default: the variant's name)"
    )
    llama_server_args: LlamaArgs = Field(
        "", description="BODHI_LLAMACPP_ARGS_<VARIANT>, written into every image that holds this exec variant"
    )
    shared_llama_server_args: LlamaArgs | None = Field(
        None, description="this image's BODHI_LLAMACPP_ARGS (default: the top-level llama_server_args)"
    )
    port: int = Field(8080, ge=1, le=65535, strict=True, description="BODHI_PORT: EXPOSE, health check, smoke, run")
    defaults: dict[DefaultsKey, DefaultsValue] = Field(
        default_factory=dict,
        description="more BODHI_* keys for defaults.yaml (BODHI_DEPLOYMENT is standalone unless set here)",
    )
    env: dict[EnvName, EnvValue] = Field(default_factory=dict, description="more ENV lines of the image")
    notes: Notes = Field(default_factory=Notes, description="what the release page says of this variant")
    device_flags: tuple[DockerFlag, ...] | None = Field(None, description="docker run flags giving the GPU")
    gpu_probe: tuple[CommandWord, ...] | None = Field(None, description="command that lists the GPU inside")
    free_disk_space: bool = Field(False, description="free runner disk before building")
    timeout_minutes: int = Field(90, ge=5, le=360)
    binary_download: BinaryDownload | None = None
    runner: RunnerLabel | None = Field(
        None,
        description="runs-on label of this variant's build jobs, e.g. a GPU runner (default: the platform's)",
    )
    require_gpu: bool = Field(
        False, description="smoke test fails when the runner has no GPU of this kind (set with a GPU runner)"
    )
    max_growth_percent: float | None = Field(
        None,
        gt=0,
        le=1000,
        strict=True,
        description="how much % its images may grow per release (default size_limits')",
    )

    _check = model_validator(mode="after")(check_variant)


class Mode(Strict):
    """A build mode: which cargo profile and features, and the tag suffix."""

    name: Name
    cargo_profile: Literal["release", "dev"]
    cargo_features: tuple[CargoFeature, ...] = ()
    tag_suffix: str = Field("", pattern=r"^(-[a-z0-9]+)*$")
    prerelease: bool = Field(False, description="its GitHub Releases are marked as prereleases")


class Platform(Strict):
    """Where one platform builds."""

    runner: RunnerLabel = Field(description="runs-on label")
    qemu: bool = Field(False, description="emulate this platform on a runner of another architecture")
    gpu_kinds: tuple[GpuKind, ...] | None = Field(
        None,
        description=(
            "GPU kinds a variant may build for this platform, i.e. that its runners can have "
            "(default: linux/amd64 every kind, linux/arm64 ascend)"
        ),
    )


class Cache(Strict):
    """Build cache: registry (no size limit, default) or none.

    There is no GitHub Actions cache backend: buildx needs the Actions runtime token for it, and the
    `run:` steps where bodhi-gen builds never see that token.
    """

    backend: CacheBackend = "registry"
    export: bool = Field(True, description="write the build cache after a build (false: only read it)")
    repository: ImageRepo | None = Field(None, description="registry cache repository (default <image>-cache)")


class ReleaseLine(Strict):
    """One more release tag pattern: it builds only ``variants``, in ``mode``, with that mode's tags."""

    pattern: TagPattern
    mode: Name
    variants: tuple[Name, ...] = Field(min_length=1)


class Release(Strict):
    """Git tag patterns that release each mode, more lines of a few variants, and what a release publishes."""

    tag_patterns: dict[Name, TagPattern] = Field(
        default_factory=lambda: {"production": "docker/v*", "development": "docker-dev/v*"}
    )
    lines: tuple[ReleaseLine, ...] = Field((), max_length=20, description="more tag patterns, each for a few variants")
    publish: PublishPolicy = Field(
        "succeeded",
        description="succeeded: each (variant, mode) whose own builds passed is published; all: all or nothing",
    )
    github_release: bool = Field(True, description="create or update a GitHub Release per release tag")


class ActionPin(Strict):
    """One third-party action pinned by the config instead of the package's data file."""

    version: str = Field(pattern=r"^v?[0-9]+(\.[0-9]+)*$", description="release tag, e.g. v4.2.0")
    sha: str = Field(pattern=r"^[0-9a-f]{40}$", description="the tag's commit SHA (40 hex digits)")
    date: str = Field("", pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="release date, YYYY-MM-DD")


ActionName = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]


class RegistryAuth(Strict):
    """How the workflows log in to the image's registry (ghcr.io: the workflow's actor and GITHUB_TOKEN)."""

    login: bool = Field(True, description="log in before pushing (false: a registry that needs no login)")
    username: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$",
        max_length=100,
        description="user name to log in with (default: the workflow's actor, right for ghcr.io only)",
    )
    password_secret: PasswordSecret = Field(
        DEFAULT_PASSWORD_SECRET,
        description="repository secret holding the password or token (default: GITHUB_TOKEN, ghcr.io only)",
    )


class Mirror(Strict):
    """One more image repository that every published index is copied to (e.g. Docker Hub), digests unchanged.

    Its registry is the repository's first part; the merge job logs in to it with ``username`` and the
    repository secret ``password_secret``, unless ``login: false`` (a registry that needs no login).
    """

    image: ImageRepo = Field(description="the repository, registry first, e.g. docker.io/bodhisearch/bodhiapp")
    login: bool = Field(True, description="log in before copying (false: a registry that needs no login)")
    username: RegistryUser | None = Field(None, description="user name to log in with (required with login)")
    password_secret: PasswordSecret | None = Field(
        None, description="repository secret holding the password or token (required with login)"
    )

    _check = model_validator(mode="after")(check_mirror)


class Generator(Strict):
    """Which action and ref the generated workflows call, and third-party action pins to override."""

    action: str = Field("bodhisearch/devops-action", pattern=ACTION_PATTERN)
    ref: str = Field("v1", pattern=r"^[A-Za-z0-9._/-]+$")
    python_version: str = Field("3.12", pattern=r"^3\.[0-9]+$")
    plan_runner: RunnerLabel = Field("ubuntu-24.04", description="runs-on of the plan and merge jobs")
    download_secret: PasswordSecret = Field(
        "BODHI_DOWNLOAD_TOKEN",
        description="repository secret holding the llama-server download token",
    )
    attest: bool = Field(
        True, description="attest build provenance in the merge job (needs a public repository or Enterprise Cloud)"
    )
    pins: dict[ActionName, ActionPin] = Field(
        default_factory=dict,
        description="action (owner/repo) → {version, sha, date}, over the pins shipped with bodhi-gen",
    )


class TsClient(Strict):
    """The TypeScript client the UI depends on, generated from the OpenAPI documents."""

    dir: RelativePath = Field("ts-client", description="its folder in the build context")
    script: NpmScript = Field("build:openapi", description="npm script that builds <dir>/dist")
    inputs: tuple[RelativePath, ...] = Field(
        ("openapi.json", "openapi-oai.json"), description="files the script reads from the parent of <dir>"
    )


class Ui(Strict):
    """The web UI embedded in the binary: built before cargo, so the crate's build script skips npm."""

    dir: RelativePath = Field("crates/bodhi", description="its folder in the build context")
    script: NpmScript = Field("build", description="npm script that builds <dir>/<output>")
    output: RelativePath = Field("out", description="the folder the script writes, inside <dir>")


class App(Strict):
    """How the app binary is built: once per (mode, platform), then copied into every variant."""

    rust_image: ImageRef | None = Field(
        None,
        description="Rust builder image (default: rust:<channel>-bookworm from the context's rust-toolchain.toml)",
    )
    node_image: ImageRef = Field("node:22-bookworm-slim", description="image that builds the UI")
    deps_crate: str = Field("ci_optims", pattern=r"^[A-Za-z0-9_-]+$", description="crate pre-building dependencies")
    deps_paths: tuple[RelativePath, ...] = Field(
        ("async-openai",), description="folders (path dependencies, submodules) the deps stage copies too"
    )
    ts_client: TsClient = Field(default_factory=TsClient)
    ui: Ui = Field(default_factory=Ui)
    binary: str = Field("bodhi", pattern=r"^[A-Za-z0-9_-]+$", description="the cargo binary to build")
    runners: dict[PlatformName, RunnerLabel] = Field(
        default_factory=dict, description="runs-on of the jobs compiling the app, per platform (default: its runner)"
    )


class Checkout(Strict):
    """How the jobs that build check out the app repository."""

    # YAML reads `true`/`false` as booleans, which is how actions/checkout takes them too
    submodules: Literal["recursive"] | bool = Field(
        "recursive", description="the `submodules:` of actions/checkout in jobs that build"
    )


class PullRequest(Strict):
    """What the pull-request workflow builds and smoke-tests (nothing is pushed), and which changes trigger it."""

    variants: tuple[Name, ...] | None = Field(None, description="variants to build (default: cpu, else the first)")
    modes: tuple[Name, ...] = Field((), description="modes to build (default: every mode)")
    platforms: tuple[PlatformName, ...] | None = Field(
        None, description="platforms to build (default: linux/amd64 where the variants build it, else every one)"
    )
    paths: tuple[PathGlob, ...] | None = Field(
        None,
        max_length=50,
        description="changed paths that trigger it (default: Dockerfiles, Cargo files, crates/, ts-client/, config)",
    )


class SizeLimits(Strict):
    """How much a platform image may grow against the one its ``latest-*`` tag holds: publish refuses more."""

    growth_percent: float = Field(
        20, gt=0, le=1000, strict=True, description="% growth per release (a variant may set its own)"
    )


class Bases(Strict):
    """The base watch: a scheduled workflow (bodhi-bases.yml) that rebuilds the images whose base moved."""

    schedule: Cron = Field(
        "23 4 * * *", description="cron schedule (UTC) of bodhi-bases.yml, which runs `bodhi-gen bases`"
    )


class Config(Strict):
    """The whole bodhi-gen config (``.github/bodhi-gen.yaml``)."""

    image: ImageRepo = "ghcr.io/bodhisearch/bodhiapp"
    registry: str = Field("ghcr.io", pattern=r"^[a-z0-9.-]+(:[0-9]+)?$")
    source_url: HttpsUrl = "https://github.com/BodhiSearch/BodhiApp"
    llama_server_args: LlamaArgs = Field("", description="BODHI_LLAMACPP_ARGS for every variant")
    variants: tuple[Variant, ...] = Field(min_length=1)
    modes: tuple[Mode, ...] = Field(min_length=1)
    platforms: dict[PlatformName, Platform] = Field(
        default_factory=lambda: {  # type: ignore[arg-type]  # mypy widens the Literal keys to str
            "linux/amd64": Platform(runner="ubuntu-24.04"),
            "linux/arm64": Platform(runner="ubuntu-24.04-arm"),
        }
    )
    cache: Cache = Field(default_factory=Cache)
    release: Release = Field(default_factory=Release)
    generator: Generator = Field(default_factory=Generator)
    app: App = Field(default_factory=App)
    checkout: Checkout = Field(default_factory=Checkout)
    registry_auth: RegistryAuth = Field(default_factory=RegistryAuth)
    mirrors: tuple[Mirror, ...] = Field(
        (),
        max_length=MAX_MIRRORS,
        description="more repositories every published index is copied to, same digests (e.g. Docker Hub)",
    )
    size_limits: SizeLimits = Field(default_factory=SizeLimits)
    bases: Bases = Field(default_factory=Bases)
    pull_request: PullRequest = Field(default_factory=PullRequest)

    _check_mirrors = model_validator(mode="after")(check_config_mirrors)
    _check = model_validator(mode="after")(check_config)


class PinRecord(ActionPin):
    """One entry of the pins data file: as a config override, but the file always records the date."""

    date: str = Field(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="release date, YYYY-MM-DD; '' when unknown")
