"""Compile the Jinja templates to Python modules shipped in the package (``render/compiled/``).

Rendering then imports plain modules (Python caches their byte-code next to them, in the
installed package), so nothing is compiled at run time and no per-user template cache is read:
a cache in a shared folder is a file another user could plant. Run ``python -m
bodhi_gen.render.precompile`` after editing a template; a test fails while they differ.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

import jinja2

from bodhi_gen.render.environment import COMPILED, new_environment


def template_names() -> list[str]:
    root = files("bodhi_gen.templates")
    names: list[str] = []
    stack = [("", root)]
    while stack:
        prefix, folder = stack.pop()
        for item in folder.iterdir():
            if item.is_dir() and item.name != "__pycache__":
                stack.append((f"{prefix}{item.name}/", item))
            elif item.name.endswith(".j2"):
                names.append(prefix + item.name)
    return sorted(names)


def compiled_sources() -> dict[str, str]:
    """File name in ``render/compiled/`` -> its Python source, for every template."""
    env = new_environment()
    root = files("bodhi_gen.templates")
    sources: dict[str, str] = {}
    for name in template_names():
        code = env.compile(root.joinpath(name).read_text("utf-8"), name, name, raw=True, defer_init=True)
        sources[jinja2.ModuleLoader.get_module_filename(name)] = code
    return sources


def main(target: Path = COMPILED) -> int:
    sources = compiled_sources()
    for stale in target.glob("tmpl_*.py"):
        if stale.name not in sources:
            stale.unlink()
    for name, code in sources.items():
        (target / name).write_text(code, "utf-8")
    sys.stdout.write(f"compiled {len(sources)} template(s) into {target}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
