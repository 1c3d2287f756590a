"""Checks generated Dockerfiles and workflows against a description of the real repository's layout.

The description (``tests/real_layout/bodhiapp.yaml``) lists the build-relevant facts of BodhiApp: the paths
at HEAD, the deps crate and its path dependencies, the pinned Rust, the npm scripts and the files they read,
what the app's build.rs needs, and .dockerignore. ``check_dockerfile`` follows each stage's filesystem (which
context path or generated output lies at which container path) and reports the build traps it would hit.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LAYOUT = Path(__file__).resolve().parent.parent / "real_layout" / "bodhiapp.yaml"
_RUST_TAG = re.compile(r"(?:^|/)rust:(\d+)\.(\d+)(?:\.(\d+))?")
_BUILD_RUNS = ("bodhi-gen build", "bodhi-gen action", "docker build", "docker buildx build", "cargo build", "make ")


def load_layout(path: Path = LAYOUT) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@dataclass(frozen=True)
class Mount:
    """``container`` holds the repository path ``repo`` ("" = the root), from the context or generated."""

    container: str
    repo: str
    generated: bool


@dataclass
class Stage:
    name: str
    image: str
    workdir: str = "/"
    has_node: bool = False
    ci_true: bool = False
    env: set[str] = field(default_factory=set)  # names set by ARG/ENV in this stage or its parents
    last_run: str = ""
    mounts: list[Mount] = field(default_factory=list)


def _norm(path: str) -> str:
    return "" if path in ("", ".", "./") else posixpath.normpath(path).lstrip("/")


def _abs(workdir: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(workdir, path))


class Checker:
    def __init__(self, layout: dict[str, Any]) -> None:
        self.layout = layout
        self.paths = [p.rstrip("/") for p in layout["paths"]]
        self.ignore = list(layout["dockerignore"])
        self.problems: list[str] = []

    # --- the build context
    def exists(self, repo: str) -> bool:
        return repo == "" or any(p == repo or p.startswith(repo + "/") or repo.startswith(p + "/") for p in self.paths)

    def ignored(self, repo: str) -> bool:
        result = False
        parts = repo.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        for raw in self.ignore:
            negate = raw.startswith("!")
            pattern = raw.lstrip("!").rstrip("/")
            anywhere = pattern.startswith("**/")
            pattern = pattern.removeprefix("**/")
            for prefix in prefixes:
                name = prefix.rsplit("/", 1)[-1] if anywhere else prefix
                if fnmatch.fnmatchcase(name, pattern):
                    result = not negate
        return result

    def is_dir(self, repo: str) -> bool:
        return repo == "" or any(p.startswith(repo + "/") for p in self.paths) or f"{repo}/" in self.layout["paths"]

    # --- a stage's filesystem
    def repo_at(self, stage: Stage, container: str) -> tuple[str, bool] | None:
        """The repository path at ``container`` in ``stage`` and whether it was generated there."""
        for mount in reversed(stage.mounts):
            if container == mount.container or container.startswith(mount.container.rstrip("/") + "/"):
                rel = posixpath.relpath(container, mount.container)
                repo = _norm(posixpath.join(mount.repo, rel))
                if mount.generated or not self.ignored(repo):  # an ignored path never came with the context
                    return repo, mount.generated
        return None

    def present(self, stage: Stage, container: str, repo: str) -> bool:
        found = self.repo_at(stage, container)
        return found is not None and found[0] == repo and (found[1] or self.exists(repo))

    # --- instructions
    def copy(self, stage: Stage, args: list[str], stages: dict[str, Stage]) -> None:
        source_stage = next((a.split("=", 1)[1] for a in args if a.startswith("--from=")), None)
        words = [a for a in args if not a.startswith("--")]
        sources, dest = words[:-1], _abs(stage.workdir, words[-1])
        into_dir = words[-1].endswith("/") or len(sources) > 1
        for src in sources:
            if source_stage is None:
                repo = _norm(src)
                if not self.exists(repo) or (repo and self.ignored(repo)):
                    self.problems.append(f"stage {stage.name}: COPY {src}: not in the build context")
                    continue
                generated = False
            else:
                origin = stages.get(source_stage)
                found = self.repo_at(origin, _abs("/", src)) if origin else None
                if found is None:
                    continue
                repo, generated = found
            if self.is_dir(repo) or src.endswith("/") or not into_dir:
                stage.mounts.append(Mount(dest, repo, generated))
            else:
                stage.mounts.append(Mount(_abs(dest, posixpath.basename(repo)), repo, generated))

    def run(self, stage: Stage, command: str) -> None:
        stage.last_run = command
        if re.search(r"apt-get install[^;&]*\b(nodejs|npm)\b|nodesource", command):
            stage.has_node = True
        cwd = stage.workdir
        for segment in re.split(r"&&|\|\||;|\n", command):
            words = segment.split()
            if words[:1] == ["cd"] and len(words) > 1:
                cwd = _abs(cwd, words[1])
            if m := re.search(r"\bnpm run ([\w:.-]+)", segment):
                self.npm_run(stage, cwd, m.group(1))
            if "cargo build" in segment:
                self.cargo_build(stage, cwd, segment)

    def npm_run(self, stage: Stage, cwd: str, script: str) -> None:
        found = self.repo_at(stage, cwd)
        package = found[0] if found else None
        packages: dict[str, Any] = self.layout["npm"]
        where = f"stage {stage.name}: npm run {script} in {cwd}"
        if package not in packages:
            self.problems.append(f"{where}: no npm package of the repository there")
            return
        scripts = packages[package]["scripts"]
        if script not in scripts:
            self.problems.append(f"{where}: {package}/package.json has no script {script!r} (has {', '.join(scripts)})")
            return
        for read in scripts[script]["reads"]:
            if not self.present(stage, _abs(cwd, read), _norm(posixpath.join(package, read))):
                self.problems.append(f"{where}: reads {read}, not in the stage")
        for written in scripts[script]["writes"]:
            stage.mounts.append(Mount(_abs(cwd, written), _norm(posixpath.join(package, written)), generated=True))

    def cargo_build(self, stage: Stage, cwd: str, segment: str) -> None:
        where = f"stage {stage.name}: cargo build in {cwd}"
        if not self.present(stage, _abs(cwd, "Cargo.toml"), "Cargo.toml"):
            self.problems.append(f"{where}: no workspace Cargo.toml there")
            return
        deps = self.layout["deps_crate"]
        if re.search(rf"(-p|--package)\s+{re.escape(deps['name'])}\b", segment):
            for folder in [deps["dir"], *deps["path_dependencies"]]:
                repo = _norm(folder)
                if not self.present(stage, _abs(cwd, repo), repo):
                    self.problems.append(f"{where}: {folder} ({deps['name']} or its path dependency) not copied")
        binary = self.layout["binary"]
        if re.search(rf"--bin\s+{re.escape(binary['name'])}\b", segment):
            for name in binary.get("build_env_needed", []):
                if name not in stage.env and not re.search(rf"\b{name}=", stage.last_run):
                    self.problems.append(f"{where}: {name} is not set, so a build script takes its non-CI path")
            ui = _norm(binary["build_script_needs_one_of"]["ui_output"])
            ci_true = stage.ci_true or "CI=true" in segment
            if stage.has_node:
                return
            if ci_true and binary["ci_true_forces_node"]:
                self.problems.append(f"{where}: CI=true makes build.rs run npm, and the stage has no Node")
            elif not self.present(stage, _abs(cwd, ui), ui):
                self.problems.append(f"{where}: build.rs needs {ui}/ (built UI) or Node, the stage has neither")

    def rust_image(self, image: str, where: str) -> None:
        if not (m := _RUST_TAG.search(image)):
            return
        have = tuple(int(g or 0) for g in m.groups())
        for key in ("channel", "rust_version"):
            version = str(self.layout["rust"][key])
            if have < tuple(int(x) for x in version.split(".")):
                self.problems.append(f"{where}: {image} is older than the pinned Rust {key} {version}")
                return


def instructions(text: str) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) of each instruction, continuation lines joined and comments dropped."""
    result: list[tuple[str, str]] = []
    pending = ""
    for line in text.splitlines():
        if line.strip().startswith("#") or (not line.strip() and not pending):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + "\n"
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, args = full.partition(" ")
        result.append((keyword.upper(), args.strip()))
    return result


def check_dockerfile(text: str, layout: dict[str, Any]) -> list[str]:
    checker = Checker(layout)
    defaults: dict[str, str] = {}
    stages: dict[str, Stage] = {}
    stage: Stage | None = None

    def expand(value: str) -> str:
        return re.sub(r"\$\{?(\w+)\}?", lambda m: defaults.get(m.group(1), ""), value)

    for keyword, args in instructions(text):
        if keyword == "ARG" and stage is None:
            name, _, default = args.partition("=")
            defaults[name.strip()] = default.strip().strip('"')
        elif keyword == "FROM":
            words = [w for w in args.split() if not w.startswith("--")]
            image = expand(words[0])
            name = words[2] if len(words) > 2 and words[1].upper() == "AS" else f"#{len(stages)}"
            parent = stages.get(image)
            stage = Stage(name, image)
            if parent:
                stage.workdir, stage.has_node, stage.ci_true = parent.workdir, parent.has_node, parent.ci_true
                stage.env = set(parent.env)
                stage.mounts = list(parent.mounts)
            else:
                stage.has_node = bool(re.search(r"(^|/)node:", image))
                checker.rust_image(image, f"stage {name}")
            stages[name] = stage
        elif stage is None:
            continue
        elif keyword == "WORKDIR":
            stage.workdir = _abs(stage.workdir, args)
        elif keyword in ("ARG", "ENV"):
            stage.env.update(m.group(1) for m in re.finditer(r"(?:^|\s)(\w+)(?==|\s|$)", args))
            if keyword == "ENV" and re.search(r"\bCI=\"?true\b", args):
                stage.ci_true = True
        elif keyword == "COPY":
            checker.copy(stage, args.split(), stages)
        elif keyword == "RUN":
            checker.run(stage, args)
    return list(dict.fromkeys(checker.problems))  # a case per build mode repeats a command


def check_workflow(text: str) -> list[str]:
    """Every actions/checkout in a job that builds the app must fetch submodules."""
    problems: list[str] = []
    workflow = yaml.safe_load(text) or {}
    for job_name, job in (workflow.get("jobs") or {}).items():
        steps = job.get("steps") or []
        if not any(_builds(step) for step in steps):
            continue
        for step in steps:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                submodules = (step.get("with") or {}).get("submodules")
                if submodules not in ("recursive", True, "true"):
                    problems.append(f"job {job_name}: actions/checkout without submodules (got {submodules!r})")
    return problems


def _builds(step: dict[str, Any]) -> bool:
    uses = str(step.get("uses", ""))
    run = str(step.get("run", ""))
    if uses.startswith(("bodhisearch/devops-action@", "docker/build-push-action@")) or uses == "./":
        return True
    return any(marker in run for marker in _BUILD_RUNS)
