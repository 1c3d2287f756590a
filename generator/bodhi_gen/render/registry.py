"""The generators: each name's renderer (imported only when used) and its help, in one table.

``workflows``, ``dockerfiles`` and ``makefile`` (the commands), ``check`` (all of them) and the
``.gitattributes`` block (one section per generator name) all read this table, so a generator is
added in one place. Importing this module is cheap: no Jinja, pydantic or YAML until a renderer runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from bodhi_gen.errors import UsageError

if TYPE_CHECKING:
    from bodhi_gen.plan.units import Plan
    from bodhi_gen.render.output import GeneratedFile

Renderer = Callable[["Plan", str], "list[GeneratedFile]"]


@dataclass(frozen=True)
class Generator:
    name: str
    target: str  # "module:function" of its renderer, imported on first use
    help: str

    def renderer(self) -> Renderer:
        module, function = self.target.split(":")
        render: Renderer = getattr(importlib.import_module(module), function)
        return render


GENERATORS: dict[str, Generator] = {
    g.name: g
    for g in (
        Generator(
            "workflows",
            "bodhi_gen.render.workflows:render_workflows",
            """Render the GitHub workflows into OUT/.github/workflows/.

Writes the reusable build workflow (bodhi-images.yml, on: workflow_call) and the release
caller (bodhi-release.yml: release tag pushes and workflow_dispatch). All files are
rendered in memory first, then written together or not at all.
""",
        ),
        Generator(
            "dockerfiles",
            "bodhi_gen.render.dockerfiles:render_dockerfiles",
            """Render one Dockerfile per variant into OUT/dockerfiles/<variant>.Dockerfile.

Stages: deps (crates/ci_optims, committed Cargo.lock), ts-client (Node), app (BUILD_VARIANT
picks the mode), runtime from the variant's base image, or with llama-server downloaded
(token only as a BuildKit secret) where binary_download says so. Builder, Node and base
images are build arguments defaulting to the real ones.
""",
        ),
        Generator(
            "makefile",
            "bodhi_gen.render.makefile:render_makefile",
            """Render OUT/devops/Makefile and the root include OUT/bodhi-docker.mk.

devops/Makefile builds, smoke-tests and runs local images from the plan: build.<variant>
(this host's platform) and build.<variant>.<arch>, build.all.cpu, build.all.gpu,
smoke.<variant>, run and run.<variant>, list-images, clean, and help (the default goal).
Local tags are LOCAL_IMAGE:local-<variant>[-<arch>]-<mode>. bodhi-docker.mk delegates
docker.<target> to it with $(MAKE) -C devops; include it from the root Makefile.
""",
        ),
    )
}


def select(names: Sequence[str] = ()) -> tuple[Generator, ...]:
    """The generators called ``names`` (all of them when empty); an unknown name is a usage error."""
    unknown = [name for name in names if name not in GENERATORS]
    if unknown:
        msg = f"--only: unknown generator(s) {', '.join(unknown)}; choose from {', '.join(GENERATORS)}"
        raise UsageError(msg)
    return tuple(GENERATORS[name] for name in names) if names else tuple(GENERATORS.values())


def render(name: str, plan: Plan, source: str) -> list[GeneratedFile]:
    """The files generator ``name`` makes from ``plan``; ``source`` names the config in their headers."""
    return GENERATORS[name].renderer()(plan, source)


def render_marked(name: str, plan: Plan, source: str, root: Path) -> list[GeneratedFile]:
    """``render`` plus ``.gitattributes``, its bodhi-gen block marking this generator's files as generated."""
    from bodhi_gen.render.gitattributes import gitattributes_file

    files = render(name, plan, source)
    return [*files, gitattributes_file(root, name, [f.path for f in files])]


def stale(name: str, files: Sequence[GeneratedFile], root: Path) -> list[PurePosixPath]:
    """Files generator ``name`` made before (its ``.gitattributes`` manifest) that ``files`` no longer has."""
    from bodhi_gen.render.gitattributes import stale as leftovers

    return leftovers(root, name, [f.path for f in files])
