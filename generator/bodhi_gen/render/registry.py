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
from bodhi_gen.names import did_you_mean

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
            """Render the GitHub workflows, and every file they build from, into OUT.

Writes .github/workflows/: the reusable build workflow (bodhi-images.yml, on: workflow_call),
the release caller (bodhi-release.yml: release tag pushes and workflow_dispatch), the pull-request
check and the base watch; and the Dockerfiles they build (as `bodhi-gen dockerfiles`), and
devops/Makefile with bodhi-docker.mk when the config sets generator.makefile (as `bodhi-gen
makefile`). All files are rendered in memory first, then written together or not at all; a
generated file edited by hand is named on stderr when it is overwritten.
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
    unknown = [f"{name}{did_you_mean(name, GENERATORS)}" for name in names if name not in GENERATORS]
    if unknown:
        msg = f"--only: unknown generator(s) {', '.join(unknown)}; choose from {', '.join(GENERATORS)}"
        raise UsageError(msg)
    return tuple(GENERATORS[name] for name in names) if names else tuple(GENERATORS.values())


def render(name: str, plan: Plan, source: str) -> list[GeneratedFile]:
    """The files generator ``name`` makes from ``plan``; ``source`` names the config in their headers,
    and each header carries the checksum of the file's body (``output.stamp``)."""
    from bodhi_gen.render.output import GeneratedFile, stamp

    return [GeneratedFile(f.path, stamp(f.content)) for f in GENERATORS[name].renderer()(plan, source)]


def wanted(plan: Plan) -> tuple[str, ...]:
    """The generators a repository with this config uses: what ``bodhi-gen workflows`` writes and ``check``
    checks. The workflows build the Dockerfiles, so those always come along; the Makefile when asked for."""
    return ("workflows", "dockerfiles", *(("makefile",) if plan.generator.makefile else ()))


@dataclass(frozen=True)
class Rendered:
    """Some generators' files, the ``.gitattributes`` block that marks them, and what they left over."""

    files: list[GeneratedFile]  # .gitattributes last
    owner: dict[PurePosixPath, str]  # path -> the generator that makes it (.gitattributes: the first)
    stale: list[PurePosixPath]  # files these generators made before and no longer make


def render_marked(names: Sequence[str], plan: Plan, source: str, root: Path) -> Rendered:
    """Each named generator's files plus ``.gitattributes``, its bodhi-gen block marking them as generated."""
    from bodhi_gen.render.gitattributes import PATH, gitattributes_file
    from bodhi_gen.render.gitattributes import stale as leftovers

    files: list[GeneratedFile] = []
    owner: dict[PurePosixPath, str] = {PATH: names[0]}
    sections: dict[str, list[PurePosixPath]] = {}
    left: list[PurePosixPath] = []
    for name in names:
        made = render(name, plan, source)
        files += made
        sections[name] = [f.path for f in made]
        owner |= dict.fromkeys(sections[name], name)
        left += leftovers(root, name, sections[name])
    return Rendered([*files, gitattributes_file(root, sections)], owner, left)
