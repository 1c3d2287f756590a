"""The config schema: frozen, strict pydantic models, the single source of what a config may hold.

Everything a user can set lives here, with its default; the embedded BodhiApp default
(``bodhi_gen/data/default-config.yaml``) is simply a file that validates against these models.
They are the one shape of a config at run time: pydantic validates the YAML into them, they give
the JSON schema (``bodhi-gen schema``), and they answer what a config means beyond its fields
(defaults resolved, look-ups). The kinds and defaults they share with the plan live in ``rules.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bodhi_gen.config.fields import (
    CargoFeature,
    CommandWord,
    Cron,
    DefaultsKey,
    DefaultsValue,
    DockerFlag,
    EnvironmentName,
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
    SecretName,
    TagPattern,
)
from bodhi_gen.config.rules import (
    ACTION_PATTERN,
    DEFAULT_DEVICE_FLAGS,
    DEFAULT_GPU_PROBES,
    DEFAULT_PASSWORD_SECRET,
    DEFAULT_PLATFORM_GPUS,
    GHCR,
    MAX_MIRRORS,
    RESERVED_VARIANT,
    CacheBackend,
    GpuKind,
    PlatformName,
    PublishPolicy,
    registry_of,
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

    @property
    def is_gpu(self) -> bool:
        return self.gpu != "none"

    @property
    def resolved_exec_variants(self) -> tuple[str, ...]:
        if self.exec_variants:
            return self.exec_variants
        return (self.name, "cpu") if self.is_gpu and self.name != "cpu" else (self.name,)

    @property
    def resolved_exec_variant(self) -> str:
        """BODHI_EXEC_VARIANT: as configured, else the variant's own name."""
        return self.exec_variant or self.name

    @property
    def resolved_device_flags(self) -> tuple[str, ...]:
        return DEFAULT_DEVICE_FLAGS[self.gpu] if self.device_flags is None else self.device_flags

    @property
    def resolved_gpu_probe(self) -> tuple[str, ...]:
        return DEFAULT_GPU_PROBES[self.gpu] if self.gpu_probe is None else self.gpu_probe

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.require_gpu and not self.is_gpu:
            msg = f"require_gpu is set, but variant {self.name!r} has gpu: none"
            raise ValueError(msg)
        if len(set(self.platforms)) != len(self.platforms):
            msg = "platforms lists a platform twice"
            raise ValueError(msg)
        self._check_exec()
        if self.binary_download is not None:
            extra = sorted(set(self.binary_download.platforms) - set(self.platforms))
            if extra:
                msg = f"binary_download.platforms {extra} are not among the variant's platforms"
                raise ValueError(msg)
        return self

    def _check_exec(self) -> None:
        execs = self.resolved_exec_variants
        if self.exec_variant is not None and self.exec_variant not in execs:
            msg = (
                f"exec_variant {self.exec_variant!r} is not among the variant's exec variants ({', '.join(execs)}): "
                "list it under exec_variants"
            )
            raise ValueError(msg)
        if self.exec_variant is None and self.name not in execs:
            msg = (
                f"BODHI_EXEC_VARIANT defaults to the variant's name {self.name!r}, which is not among its exec "
                f"variants ({', '.join(execs)}): set exec_variant to the one the app starts"
            )
            raise ValueError(msg)
        if self.llama_server_args and self.name not in execs:
            msg = (
                f"llama_server_args is set, but {self.name!r} is not among the variant's exec variants "
                f"({', '.join(execs)}), so no image would use them: each exec variant's arguments come from the "
                "variant of that name"
            )
            raise ValueError(msg)


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

    @property
    def registry(self) -> str:
        return registry_of(self.image)

    @model_validator(mode="after")
    def _check(self) -> Self:
        host = self.registry
        if "." not in host and ":" not in host and host != "localhost":
            msg = f"image {self.image!r} does not start with a registry (docker.io/OWNER/NAME, not OWNER/NAME)"
            raise ValueError(msg)
        given = [
            name
            for name, value in (("username", self.username), ("password_secret", self.password_secret))
            if value is not None
        ]
        if self.login and len(given) < 2:
            msg = f"mirror {self.image!r} logs in: set both username and password_secret (or login: false)"
            raise ValueError(msg)
        if not self.login and given:
            msg = f"mirror {self.image!r} has login: false, so {' and '.join(given)} would be ignored: remove it"
            raise ValueError(msg)
        # GITHUB_TOKEN can write the repository's packages: it is sent to ghcr.io and nowhere else
        if self.password_secret == DEFAULT_PASSWORD_SECRET and host != GHCR:
            msg = (
                f"mirror {self.image!r} would log in to {host} with GITHUB_TOKEN, a token that can write this "
                "repository's packages; it is sent to ghcr.io only: put that registry's own password or token in "
                "a repository secret and name it in password_secret"
            )
            raise ValueError(msg)
        return self


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
    makefile: bool = Field(
        False,
        description="bodhi-gen workflows (and check) also writes devops/Makefile and bodhi-docker.mk, "
        "as bodhi-gen makefile does",
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
    token_secret: SecretName = Field(
        "BODHI_CHECKOUT_TOKEN",
        description=(
            "repository secret with a token that can read the submodules' repositories; every workflow "
            "passes it to the checkouts that fetch submodules (unset secret: the job's own token)"
        ),
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
    environment: EnvironmentName | None = Field(
        None,
        description=(
            "GitHub environment the scheduled rebuild waits on before it publishes (give it required "
            "reviewers to approve each rebuild; default: none, it publishes unattended)"
        ),
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

    def variant(self, name: str) -> Variant:
        return next(v for v in self.variants if v.name == name)

    def mode(self, name: str) -> Mode:
        return next(m for m in self.modes if m.name == name)

    def growth_limit(self, variant: str) -> float:
        """The % a platform image of ``variant`` may grow per release (its own limit, else the global one)."""
        own = self.variant(variant).max_growth_percent
        return self.size_limits.growth_percent if own is None else own

    @property
    def cache_repository(self) -> str:
        return self.cache.repository or f"{self.image}-cache"

    def platform_gpus(self, platform: str) -> tuple[str, ...]:
        """The GPU kinds ``platform``'s runners can have: its ``gpu_kinds``, else the platform's default."""
        entry = self.platforms.get(platform)  # type: ignore[call-overload]  # PlatformName keys
        if entry is not None and entry.gpu_kinds is not None:
            return tuple(entry.gpu_kinds)
        return DEFAULT_PLATFORM_GPUS.get(platform, ())

    def release_patterns(self) -> list[tuple[str, str]]:
        """(pattern, where it is configured) for every release tag pattern: the modes', then the lines'."""
        found = [(p, f"release.tag_patterns.{mode}") for mode, p in self.release.tag_patterns.items()]
        return found + [(line.pattern, f"release.lines[{n}]") for n, line in enumerate(self.release.lines)]

    @model_validator(mode="after")
    def _check_mirrors(self) -> Self:
        images = [self.image, *(m.image for m in self.mirrors)]
        dupes = sorted({i for i in images if images.count(i) > 1})
        if dupes:
            msg = f"mirrors: {', '.join(dupes)} listed twice (or as the image itself)"
            raise ValueError(msg)
        # docker keeps one login per registry: a second one would replace the first in the merge job
        logins = [self.registry] if self.registry_auth.login else []
        for mirror in self.mirrors:
            if mirror.login and mirror.registry in logins:
                msg = (
                    f"mirrors: {mirror.image} logs in to {mirror.registry}, which the merge job already logs in to "
                    "(one login per registry): use login: false to push with that login"
                )
                raise ValueError(msg)
            logins += [mirror.registry] if mirror.login else []
        return self

    @model_validator(mode="after")
    def _check(self) -> Self:
        for what, names in (("variant", [v.name for v in self.variants]), ("mode", [m.name for m in self.modes])):
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                msg = f"duplicate {what} name(s): {', '.join(dupes)}"
                raise ValueError(msg)
        if any(v.name == RESERVED_VARIANT for v in self.variants):
            msg = f"variant name {RESERVED_VARIANT!r} is reserved for the app binary image"
            raise ValueError(msg)
        # the cache never shares a repository with the images: pruning the cache would delete released tags
        cache = self.cache_repository
        if cache == self.image or cache in {m.image for m in self.mirrors}:
            msg = (
                f"cache.repository {cache} is {'the image' if cache == self.image else 'a mirror'}: the build cache "
                "needs a repository of its own (its tags are unit keys, and `bodhi-gen prune` deletes cache refs "
                f"the config no longer produces there); leave it unset for {self.image}-cache"
            )
            raise ValueError(msg)
        auth = self.registry_auth
        actor_login = auth.username is None or auth.password_secret == DEFAULT_PASSWORD_SECRET
        if self.registry != GHCR and auth.login and actor_login:
            msg = (
                f"registry {self.registry!r} is not ghcr.io, so the workflow's actor and GITHUB_TOKEN cannot log in "
                "to it: set registry_auth.username and registry_auth.password_secret (a repository secret), "
                "or registry_auth.login: false for a registry that needs no login"
            )
            raise ValueError(msg)
        if not self.image.startswith(self.registry + "/"):
            msg = f"image {self.image!r} is not in registry {self.registry!r}"
            raise ValueError(msg)
        for variant in self.variants:
            missing = [p for p in variant.platforms if p not in self.platforms]
            if missing:
                msg = f"variant {variant.name!r} uses platform(s) {missing} with no entry under 'platforms'"
                raise ValueError(msg)
            self._check_gpu_platforms(variant)
        mode_names = {m.name for m in self.modes}
        unknown = sorted(set(self.release.tag_patterns) - mode_names)
        if unknown:
            msg = f"release.tag_patterns names unknown mode(s) {unknown}; modes are {sorted(mode_names)}"
            raise ValueError(msg)
        self._check_release_lines()
        self._check_pull_request()
        unknown_runners = sorted(set(self.app.runners) - set(self.platforms))
        if unknown_runners:
            msg = f"app.runners names platform(s) {unknown_runners} with no entry under 'platforms'"
            raise ValueError(msg)
        suffixes = [m.tag_suffix for m in self.modes]
        if len(set(suffixes)) != len(suffixes):
            msg = "two modes share a tag_suffix, so their tags would overwrite each other"
            raise ValueError(msg)
        return self

    def _check_gpu_platforms(self, variant: Variant) -> None:
        if not variant.is_gpu:
            return
        for platform in variant.platforms:
            if variant.gpu not in self.platform_gpus(platform):
                msg = (
                    f"GPU variant {variant.name!r} ({variant.gpu}) cannot target {platform}: its runners have no "
                    f"such device; if they do (and a {platform} base image exists), add {variant.gpu} to "
                    f"platforms.{platform}.gpu_kinds"
                )
                raise ValueError(msg)

    def _check_release_lines(self) -> None:
        modes = [m.name for m in self.modes]
        variants = [v.name for v in self.variants]
        for n, line in enumerate(self.release.lines):
            _unknown(f"release.lines[{n}].mode", [line.mode], modes)
            _unknown(f"release.lines[{n}].variants", line.variants, variants)
            _twice(f"release.lines[{n}].variants", list(line.variants))
        # a pattern is a prefix and "v*": two overlap when one prefix starts with the other, and a tag
        # matching both would build two different things
        patterns = self.release_patterns()
        for index, (pattern, where) in enumerate(patterns):
            for other, other_where in patterns[index + 1 :]:
                if pattern[:-1].startswith(other[:-1]) or other[:-1].startswith(pattern[:-1]):
                    msg = f"{where} ({pattern}) and {other_where} ({other}) match the same tags: make them distinct"
                    raise ValueError(msg)

    def _check_pull_request(self) -> None:
        selection = self.pull_request
        variants = [v.name for v in self.variants]
        if selection.variants is not None:
            _unknown("pull_request.variants", selection.variants, variants)
            _twice("pull_request.variants", list(selection.variants))
        _unknown("pull_request.modes", selection.modes, [m.name for m in self.modes])
        _twice("pull_request.modes", list(selection.modes))
        if selection.platforms is not None:
            chosen = [v for v in self.variants if selection.variants is None or v.name in selection.variants]
            _unknown("pull_request.platforms", selection.platforms, sorted({p for v in chosen for p in v.platforms}))


def _unknown(what: str, wanted: Iterable[str], known: Iterable[str]) -> None:
    known = list(known)
    missing = [name for name in wanted if name not in known]
    if missing:
        msg = f"{what} names unknown {', '.join(map(repr, missing))}; the config has {', '.join(known)}"
        raise ValueError(msg)


def _twice(what: str, names: list[str]) -> None:
    dupes = sorted({name for name in names if names.count(name) > 1})
    if dupes:
        msg = f"{what} lists {', '.join(dupes)} twice"
        raise ValueError(msg)


class PinRecord(ActionPin):
    """One entry of the pins data file: as a config override, but the file always records the date."""

    date: str = Field(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="release date, YYYY-MM-DD; '' when unknown")
