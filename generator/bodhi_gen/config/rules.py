"""What the config means beyond its single fields: kinds, defaults, and the cross-field rules.

Free of pydantic: the pydantic models (``models.py``, the schema's source) attach the rules as
after-validators, and the compiled validator (``records_schema.py``) calls the same functions by
name on the records it builds. At run time they always see records (``records.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bodhi_gen.config.records import Config, Mirror, Variant

PlatformName = Literal["linux/amd64", "linux/arm64"]
GpuKind = Literal["none", "nvidia", "amd", "vulkan", "intel"]
CacheBackend = Literal["registry", "none"]
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
}
DEFAULT_GPU_PROBES: dict[str, tuple[str, ...]] = {
    "none": (),
    "nvidia": ("nvidia-smi", "-L"),
    "amd": ("rocm-smi", "--showproductname"),
    "vulkan": ("vulkaninfo", "--summary"),
    "intel": ("vulkaninfo", "--summary"),
}


def registry_of(image: str) -> str:
    """The registry an image repository is in: its first part (``docker.io`` of ``docker.io/acme/app``)."""
    return image.split("/", 1)[0]


def check_variant(variant: Variant) -> Variant:
    is_gpu = variant.gpu != "none"
    if variant.require_gpu and not is_gpu:
        msg = f"require_gpu is set, but variant {variant.name!r} has gpu: none"
        raise ValueError(msg)
    if len(set(variant.platforms)) != len(variant.platforms):
        msg = "platforms lists a platform twice"
        raise ValueError(msg)
    if is_gpu and "linux/arm64" in variant.platforms:
        msg = f"GPU variant {variant.name!r} ({variant.gpu}) cannot target linux/arm64: no such base image"
        raise ValueError(msg)
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
    _check_token_stays_on_ghcr(f"mirror {mirror.image!r}", host, mirror.password_secret)
    return mirror


def _check_token_stays_on_ghcr(who: str, registry: str, secret: str | None) -> None:
    """GITHUB_TOKEN can write the repository's packages: it is sent to ghcr.io and nowhere else."""
    if secret == DEFAULT_PASSWORD_SECRET and registry != GHCR:
        msg = (
            f"{who} would log in to {registry} with GITHUB_TOKEN, a token that can write this repository's "
            "packages; it is sent to ghcr.io only: put that registry's own password or token in a repository "
            "secret and name it in password_secret"
        )
        raise ValueError(msg)


def cache_repository_of(image: str, repository: str | None) -> str:
    """The registry cache's repository: ``cache.repository``, else ``<image>-cache``."""
    return repository or f"{image}-cache"


def _check_cache_repository(config: Config) -> None:
    """The cache never shares a repository with the images: pruning the cache would delete released tags."""
    cache = cache_repository_of(config.image, config.cache.repository)
    if cache == config.image or cache in {m.image for m in config.mirrors}:
        what = "the image" if cache == config.image else "a mirror"
        msg = (
            f"cache.repository {cache} is {what}: the build cache needs a repository of its own (its tags are "
            "unit keys, and `bodhi-gen prune` deletes cache refs the config no longer produces there); "
            f"leave it unset for {config.image}-cache"
        )
        raise ValueError(msg)


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


def check_config(config: Config) -> Config:
    _check_names(config)
    _check_cache_repository(config)
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
    mode_names = {m.name for m in config.modes}
    unknown = sorted(set(config.release.tag_patterns) - mode_names)
    if unknown:
        msg = f"release.tag_patterns names unknown mode(s) {unknown}; modes are {sorted(mode_names)}"
        raise ValueError(msg)
    suffixes = [m.tag_suffix for m in config.modes]
    if len(set(suffixes)) != len(suffixes):
        msg = "two modes share a tag_suffix, so their tags would overwrite each other"
        raise ValueError(msg)
    return config
