"""What the config means beyond its single fields: kinds, defaults, and the cross-field rules.

Free of pydantic: the pydantic models (``models.py``, the schema's source) attach the rules as
after-validators, and the compiled validator (``records_schema.py``) calls the same functions by
name on the records it builds. At run time they always see records (``records.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from bodhi_gen.config.release_rules import check_pull_request, check_release_lines

if TYPE_CHECKING:
    from bodhi_gen.config.records import Config, Mirror, Variant

PlatformName = Literal["linux/amd64", "linux/arm64"]
GpuKind = Literal["none", "nvidia", "amd", "vulkan", "intel", "musa", "ascend"]
CacheBackend = Literal["registry", "none"]
# which (variant, mode) units a release publishes: each one whose own builds passed, or all or nothing
PublishPolicy = Literal["succeeded", "all"]
# what --cache and the action's cache input take: read-only imports the registry cache, exports nothing
CacheChoice = Literal["registry", "read-only", "none"]
GHCR = "ghcr.io"
# the workflow token: a login to ghcr.io only
DEFAULT_PASSWORD_SECRET = "GITHUB_TOKEN"  # noqa: S105 - the name of a secret, not its value
# the name of the binary image's records and cache keys, so no variant may take it
RESERVED_VARIANT = "binary"
ACTION_PATTERN = r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_./-]+)?$"
MAX_MIRRORS = 5
TRIPLES: dict[str, str] = {
    "linux/amd64": "x86_64-unknown-linux-gnu",
    "linux/arm64": "aarch64-unknown-linux-gnu",
}
DEFAULT_DEVICE_FLAGS: dict[str, tuple[str, ...]] = {
    "none": (),
    "nvidia": ("--gpus", "all"),
    "amd": ("--device", "/dev/kfd", "--device", "/dev/dri", "--group-add", "video"),
    "vulkan": ("--device", "/dev/dri"),
    "intel": ("--device", "/dev/dri"),
    "musa": ("--device", "/dev/musa"),
    # Huawei Ascend (CANN): the first NPU and the driver's management nodes
    "ascend": (
        "--device",
        "/dev/davinci0",
        "--device",
        "/dev/davinci_manager",
        "--device",
        "/dev/devmm_svm",
        "--device",
        "/dev/hisi_hdc",
    ),
}
# GPU kinds whose devices a platform's runners can have unless the config says otherwise: GPU base images
# and GPU runners are amd64 except Ascend's (its servers are mostly arm64)
DEFAULT_PLATFORM_GPUS: dict[str, tuple[str, ...]] = {
    "linux/amd64": ("nvidia", "amd", "vulkan", "intel", "musa", "ascend"),
    "linux/arm64": ("ascend",),
}
DEFAULT_GPU_PROBES: dict[str, tuple[str, ...]] = {
    "none": (),
    "nvidia": ("nvidia-smi", "-L"),
    "amd": ("rocm-smi", "--showproductname"),
    "vulkan": ("vulkaninfo", "--summary"),
    "intel": ("vulkaninfo", "--summary"),
    "musa": ("mthreads-gmi",),
    "ascend": ("npu-smi", "info"),
}
# defaults.yaml keys bodhi-gen writes itself (a variant's `defaults` may not set them): the contract's,
# and BODHI_LLAMACPP_ARGS_<X> (written from the variants' llama_server_args)
CONTRACT_DEFAULTS_KEYS = (
    "BODHI_HOME",
    "HF_HOME",
    "BODHI_VERSION",
    "BODHI_COMMIT_SHA",
    "BODHI_HOST",
    "BODHI_PORT",
    "BODHI_EXEC_LOOKUP_PATH",
    "BODHI_EXEC_TARGET",
    "BODHI_EXEC_VARIANTS",
    "BODHI_EXEC_VARIANT",
    "BODHI_EXEC_NAME",
    "BODHI_LLAMACPP_ARGS",
)
DEPLOYMENT_KEY = "BODHI_DEPLOYMENT"
STANDALONE = "standalone"


def registry_of(image: str) -> str:
    """The registry an image repository is in: its first part (``docker.io`` of ``docker.io/acme/app``)."""
    return image.split("/", 1)[0]


def exec_variants_of(name: str, gpu: str, configured: tuple[str, ...]) -> tuple[str, ...]:
    """The llama-server builds an image holds: as configured, else the variant's own (plus cpu for a GPU one)."""
    if configured:
        return configured
    return (name, "cpu") if gpu != "none" and name != "cpu" else (name,)


def _check_exec(variant: Variant) -> None:
    execs = exec_variants_of(variant.name, variant.gpu, variant.exec_variants)
    if variant.exec_variant is not None and variant.exec_variant not in execs:
        msg = (
            f"exec_variant {variant.exec_variant!r} is not among the variant's exec variants ({', '.join(execs)}): "
            "list it under exec_variants"
        )
        raise ValueError(msg)
    if variant.exec_variant is None and variant.name not in execs:
        msg = (
            f"BODHI_EXEC_VARIANT defaults to the variant's name {variant.name!r}, which is not among its exec "
            f"variants ({', '.join(execs)}): set exec_variant to the one the app starts"
        )
        raise ValueError(msg)
    if variant.llama_server_args and variant.name not in execs:
        msg = (
            f"llama_server_args is set, but {variant.name!r} is not among the variant's exec variants "
            f"({', '.join(execs)}), so no image would use them: each exec variant's arguments come from the "
            "variant of that name"
        )
        raise ValueError(msg)


def check_variant(variant: Variant) -> Variant:
    is_gpu = variant.gpu != "none"
    if variant.require_gpu and not is_gpu:
        msg = f"require_gpu is set, but variant {variant.name!r} has gpu: none"
        raise ValueError(msg)
    if len(set(variant.platforms)) != len(variant.platforms):
        msg = "platforms lists a platform twice"
        raise ValueError(msg)
    _check_exec(variant)
    if variant.binary_download is not None:
        extra = sorted(set(variant.binary_download.platforms) - set(variant.platforms))
        if extra:
            msg = f"binary_download.platforms {extra} are not among the variant's platforms"
            raise ValueError(msg)
    return variant


def check_mirror(mirror: Mirror) -> Mirror:
    host = registry_of(mirror.image)
    if "." not in host and ":" not in host and host != "localhost":
        msg = f"image {mirror.image!r} does not start with a registry (docker.io/OWNER/NAME, not OWNER/NAME)"
        raise ValueError(msg)
    given = [
        name
        for name, value in (("username", mirror.username), ("password_secret", mirror.password_secret))
        if value is not None
    ]
    if mirror.login and len(given) < 2:
        msg = f"mirror {mirror.image!r} logs in: set both username and password_secret (or login: false)"
        raise ValueError(msg)
    if not mirror.login and given:
        msg = f"mirror {mirror.image!r} has login: false, so {' and '.join(given)} would be ignored: remove it"
        raise ValueError(msg)
    return mirror


def check_config_mirrors(config: Config) -> Config:
    images = [config.image, *(m.image for m in config.mirrors)]
    dupes = sorted({i for i in images if images.count(i) > 1})
    if dupes:
        msg = f"mirrors: {', '.join(dupes)} listed twice (or as the image itself)"
        raise ValueError(msg)
    # docker keeps one login per registry: a second one would replace the first in the merge job
    logins = [config.registry] if config.registry_auth.login else []
    for mirror in config.mirrors:
        registry = registry_of(mirror.image)
        if mirror.login and registry in logins:
            msg = (
                f"mirrors: {mirror.image} logs in to {registry}, which the merge job already logs in to "
                "(one login per registry): use login: false to push with that login"
            )
            raise ValueError(msg)
        logins += [registry] if mirror.login else []
    return config


def _check_names(config: Config) -> None:
    for what, names in (
        ("variant", [v.name for v in config.variants]),
        ("mode", [m.name for m in config.modes]),
    ):
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            msg = f"duplicate {what} name(s): {', '.join(dupes)}"
            raise ValueError(msg)
    if any(v.name == RESERVED_VARIANT for v in config.variants):
        msg = f"variant name {RESERVED_VARIANT!r} is reserved for the app binary image"
        raise ValueError(msg)


def platform_gpus(config: Config, platform: str) -> tuple[str, ...]:
    """The GPU kinds ``platform``'s runners can have: its ``gpu_kinds``, else the platform's default."""
    entry = config.platforms.get(platform)  # type: ignore[call-overload]  # PlatformName keys
    if entry is not None and entry.gpu_kinds is not None:
        return tuple(entry.gpu_kinds)
    return DEFAULT_PLATFORM_GPUS.get(platform, ())


def _check_gpu_platforms(config: Config, variant: Variant) -> None:
    if variant.gpu == "none":
        return
    for platform in variant.platforms:
        if variant.gpu not in platform_gpus(config, platform):
            msg = (
                f"GPU variant {variant.name!r} ({variant.gpu}) cannot target {platform}: its runners have no such "
                f"device; if they do (and a {platform} base image exists), add {variant.gpu} to "
                f"platforms.{platform}.gpu_kinds"
            )
            raise ValueError(msg)


def check_config(config: Config) -> Config:
    _check_names(config)
    auth = config.registry_auth
    actor_login = auth.username is None or auth.password_secret == DEFAULT_PASSWORD_SECRET
    if config.registry != GHCR and auth.login and actor_login:
        msg = (
            f"registry {config.registry!r} is not ghcr.io, so the workflow's actor and GITHUB_TOKEN cannot log in "
            "to it: set registry_auth.username and registry_auth.password_secret (a repository secret), "
            "or registry_auth.login: false for a registry that needs no login"
        )
        raise ValueError(msg)
    if not config.image.startswith(config.registry + "/"):
        msg = f"image {config.image!r} is not in registry {config.registry!r}"
        raise ValueError(msg)
    for variant in config.variants:
        missing = [p for p in variant.platforms if p not in config.platforms]
        if missing:
            msg = f"variant {variant.name!r} uses platform(s) {missing} with no entry under 'platforms'"
            raise ValueError(msg)
        _check_gpu_platforms(config, variant)
    mode_names = {m.name for m in config.modes}
    unknown = sorted(set(config.release.tag_patterns) - mode_names)
    if unknown:
        msg = f"release.tag_patterns names unknown mode(s) {unknown}; modes are {sorted(mode_names)}"
        raise ValueError(msg)
    check_release_lines(config)
    check_pull_request(config)
    unknown_runners = sorted(set(config.app.runners) - set(config.platforms))
    if unknown_runners:
        msg = f"app.runners names platform(s) {unknown_runners} with no entry under 'platforms'"
        raise ValueError(msg)
    suffixes = [m.tag_suffix for m in config.modes]
    if len(set(suffixes)) != len(suffixes):
        msg = "two modes share a tag_suffix, so their tags would overwrite each other"
        raise ValueError(msg)
    return config
