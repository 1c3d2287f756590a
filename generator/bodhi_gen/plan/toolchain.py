"""The Rust builder image: the app's pinned toolchain (``rust-toolchain.toml``) or the config's image.

The app pins its compiler in the build context; building it with an older one fails late and
obscurely, so a configured image that names an older Rust is refused at plan time.
"""

from __future__ import annotations

import re
from pathlib import Path

from bodhi_gen.errors import ConfigError

TOOLCHAIN_FILE = "rust-toolchain.toml"
# The real app's channel, used when the context pins none.
DEFAULT_CHANNEL = "1.93.0"
IMAGE_SUFFIX = "-bookworm"
_VERSION_RE = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?")


def default_rust_image(channel: str | None = None) -> str:
    """``rust:<channel>-bookworm`` for a numbered channel; else the default channel's image."""
    pinned = channel if channel and _VERSION_RE.fullmatch(channel) else DEFAULT_CHANNEL
    return f"rust:{pinned}{IMAGE_SUFFIX}"


def read_channel(context: Path) -> str | None:
    """``[toolchain] channel`` of the context's rust-toolchain.toml; None without one."""
    import tomllib  # only commands given a build context read it; generating never does

    path = context / TOOLCHAIN_FILE
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        msg = f"{path}: cannot read the pinned Rust toolchain: {exc}"
        raise ConfigError(msg) from None
    toolchain = data.get("toolchain")
    channel = toolchain.get("channel") if isinstance(toolchain, dict) else None
    return channel if isinstance(channel, str) and channel else None


def _version(text: str) -> tuple[int, int, int] | None:
    match = _VERSION_RE.match(text)
    if match is None:
        return None
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch or 0)


def image_rust_version(image: str) -> tuple[int, int, int] | None:
    """The Rust version an official-style tag names (``rust:1.87-bookworm`` -> 1.87.0); None for others."""
    name, _, tag = image.rpartition(":")
    if not name or "/" in tag or name.rsplit("/", 1)[-1] != "rust":
        return None
    return _version(tag)


def rust_image(configured: str | None, channel: str | None) -> str:
    """The builder image: the configured one (checked against the pin), else the pinned channel's."""
    if configured is None:
        return default_rust_image(channel)
    pinned = _version(channel) if channel and _VERSION_RE.fullmatch(channel) else None
    named = image_rust_version(configured)
    if pinned is not None and named is not None and named < pinned:
        msg = f"app.rust_image {configured} is older than the channel {channel} pinned by {TOOLCHAIN_FILE}"
        raise ConfigError(msg)
    return configured
