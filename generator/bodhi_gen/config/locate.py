"""Where the project and its config are, read once, without parsing it (cheap: no YAML or pydantic import).

Like git, pre-commit and ruff, every command works from any folder of a repository: the project root is
the nearest folder at or above the current one with ``.github/bodhi-gen.yaml``, looking no higher than
the repository's top (the folder holding ``.git``), and that top itself when none has a config. Outside
any repository the current folder is the root, as it always was.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from bodhi_gen.errors import ConfigError

DEFAULT_CONFIG_PATH = Path(".github/bodhi-gen.yaml")
EMBEDDED_NAME = "embedded BodhiApp default"


def embedded_default_text() -> str:
    """The embedded BodhiApp default config, exactly as ``bodhi-gen init`` writes it."""
    return files("bodhi_gen.data").joinpath("default-config.yaml").read_text("utf-8")


@dataclass(frozen=True)
class ConfigSource:
    """One config, found and read: the file (``None`` for the embedded default) and its bytes.

    ``header_name`` is how generated files name it: never an absolute path, so the output does
    not depend on where the repository is checked out.
    """

    path: Path | None
    header_name: str
    data: bytes

    @property
    def label(self) -> str:
        """How error messages name it (the path as the user can find it)."""
        return EMBEDDED_NAME if self.path is None else str(self.path)

    def text(self) -> str:
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"cannot read config file {self.path}: {exc}"
            raise ConfigError(msg) from None


def project_root(cwd: Path | None = None) -> Path:
    """The project root (see the module's docstring), as a path from ``cwd`` (``.``, ``..``, ``../..``).

    ``cwd`` None: the process's current folder, and the path is relative to it.
    """
    base = cwd or Path()
    here = Path.cwd() / base
    up, nearest = Path(), None
    for folder in (here, *here.parents):
        if nearest is None and (folder / DEFAULT_CONFIG_PATH).is_file():
            nearest = up
        if (folder / ".git").exists():  # a folder, or a file (a worktree, a submodule)
            return base / (up if nearest is None else nearest)
        up /= ".."
    return base  # in no repository: a config further up belongs to no project of this folder


def resolve_config_path(path: Path | None, cwd: Path | None = None) -> Path | None:
    """The file to read: ``path`` if given, else the project root's ``.github/bodhi-gen.yaml`` when it exists."""
    if path is not None:
        return path
    candidate = project_root(cwd) / DEFAULT_CONFIG_PATH
    return candidate if candidate.is_file() else None


def header_name(path: Path, cwd: Path, out_dir: Path | None) -> str:
    """``path`` relative to the output root when it lies inside it, else its file name.

    ``out_dir`` ``None`` renders for no particular repository, so the file name is all there is.
    """
    if out_dir is not None:
        chosen = (cwd / path).resolve()
        root = (cwd / out_dir).resolve()
        if chosen.is_relative_to(root):
            return chosen.relative_to(root).as_posix()
    return path.name


def locate(path: Path | None, cwd: Path | None = None, out_dir: Path | None = None) -> ConfigSource:
    """Find the config (``path``, the project's own, or the embedded default), say on stderr which, and read it.

    ``out_dir``: the root the generated files go to (relative to ``cwd``), which headers name the
    config relative to.
    """
    here = cwd or Path.cwd()
    chosen = resolve_config_path(path, cwd)
    # stderr: stdout may be read by a machine (`matrix --format github`, `--json`)
    sys.stderr.write(f"config: {EMBEDDED_NAME if chosen is None else chosen}\n")
    if chosen is None:
        return ConfigSource(None, EMBEDDED_NAME, embedded_default_text().encode("utf-8"))
    try:
        data = chosen.read_bytes()
    except FileNotFoundError:
        msg = f"config file {chosen} does not exist (run `bodhi-gen init` to write the default)"
        raise ConfigError(msg) from None
    except OSError as exc:
        msg = f"cannot read config file {chosen}: {exc}"
        raise ConfigError(msg) from None
    return ConfigSource(chosen, header_name(chosen, here, out_dir), data)
