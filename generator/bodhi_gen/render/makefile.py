"""Render ``devops/Makefile`` (local builds, smoke tests and runs) and the root include that delegates to it.

Every target, its description, prerequisites and recipe lines are computed here from the plan; the
template only lays them out. Values that change per run (mode, version, paths) stay make variables,
evaluated by make, so the generated text is the same on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from bodhi_gen.plan.contract import image_title
from bodhi_gen.plan.units import Plan, VariantPlan
from bodhi_gen.render.dockerfiles import DEFAULT_VERSION
from bodhi_gen.render.environment import render
from bodhi_gen.render.output import GeneratedFile, header
from bodhi_gen.render.quoting import make_text, make_word

MAKEFILE_PATH = PurePosixPath("devops/Makefile")
INCLUDE_PATH = PurePosixPath("bodhi-docker.mk")
DELEGATE_PREFIX = "docker."
LOCAL_TAG_PREFIX = "local-"
PREFERRED_MODE = "development"
# BodhiApp's own devops/Makefile names its builds per mode <short>.<variant>[.<arch>]; its root
# makefile calls them (dev.cpu, dev.cpu.arm64, dev.multi-tenant.amd64, ...)
MODE_ALIASES = {"development": "dev", "production": "prod"}
CONTINUATION = " \\\n\t\t"


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str
    export: bool = False


@dataclass(frozen=True)
class Target:
    name: str
    help: str
    recipe: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    order_only: tuple[str, ...] = ()
    # target-specific variables (they hold for its prerequisites too)
    variables: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class MakefileContext:
    header: str
    variables: tuple[Variable, ...]
    derived: tuple[tuple[str, str], ...]
    targets: tuple[Target, ...]
    file_targets: tuple[Target, ...]

    @property
    def phony(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.targets)


BINARY = "binary"


def local_tag(variant: str, arch: str | None = None) -> str:
    """``$(LOCAL_IMAGE):local-<variant>[-<arch>]-$(MODE)``: make expands the repository and the mode."""
    middle = f"{variant}-{arch}" if arch else variant
    return f"$(LOCAL_IMAGE):{LOCAL_TAG_PREFIX}{middle}-$(MODE)"


def default_mode(plan: Plan) -> str:
    names = [m.name for m in plan.modes]
    return PREFERRED_MODE if PREFERRED_MODE in names else names[0]


def variables(plan: Plan) -> tuple[Variable, ...]:
    modes = " or ".join(m.name for m in plan.modes)
    return (
        Variable("MODE", f"$(or $(BUILD_VARIANT),{make_text(default_mode(plan))})", f"build mode: {make_text(modes)}"),
        Variable("BUILD_VARIANT", "", "the mode, as the BodhiApp makefiles name it (MODE wins)"),
        Variable("PLATFORM", "", "platform of the host-platform targets (build.<variant>), e.g. linux/arm64"),
        Variable("VERSION", DEFAULT_VERSION, "version injected into the image (X.Y.Z[-pre])"),
        Variable("VARIANT", make_text(plan.variants[0].name), "variant that `run` starts"),
        Variable("LOCAL_IMAGE", make_text(image_title(plan.image)), "repository of the local tags"),
        Variable("REPO_ROOT", "$(abspath $(MAKEFILE_DIR)..)", "repository root (the parent of this folder)"),
        Variable("CONFIG", "$(wildcard $(REPO_ROOT)/.github/bodhi-gen.yaml)", "config file (empty: embedded default)"),
        Variable("CONTEXT", "$(REPO_ROOT)", "build context: the BodhiApp checkout"),
        Variable("DOCKERFILES", "$(REPO_ROOT)/dockerfiles", "folder of the generated Dockerfiles"),
        Variable("CACHE", "none", "build cache backend: none or registry"),
        Variable("BUILD_ARGS", "", "extra `bodhi-gen build` options, e.g. --build-arg BASE_IMAGE=..."),
        Variable("SMOKE_ARGS", "", "extra `bodhi-gen smoke` options, e.g. --require-gpu"),
        Variable("PORT", "", "host port that `run` publishes (empty: the variant port)"),
        Variable("DATA_DIR", "$(REPO_ROOT)/docker-data", "host folder of bodhi_home and hf_home"),
        Variable("BODHI_ENCRYPTION_KEY", "", "key for `run` (empty: a random one kept in DATA_DIR)", export=True),
        Variable("RUN_ARGS", "", "extra `docker run` options"),
        Variable("BODHI_GEN", "bodhi-gen", "the bodhi-gen command"),
        Variable("DOCKER", "docker", "the docker command"),
    )


# Shared command prefixes; recursive (=) so that command-line values of the variables apply.
DERIVED = (
    ("CONFIG_OPT", "$(if $(CONFIG),--config $(abspath $(CONFIG)))"),
    ("KEY_FILE", "$(DATA_DIR)/encryption-key"),
    (
        "BUILD",
        "$(BODHI_GEN) build $(CONFIG_OPT) --mode $(MODE) --version $(VERSION)"
        " --context $(abspath $(CONTEXT)) --cache $(CACHE) --load",
    ),
    ("SMOKE", "$(BODHI_GEN) smoke $(CONFIG_OPT) --mode $(MODE) --version $(VERSION)"),
)


def _command(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _arch(platform: str | None) -> str | None:
    return platform.split("/")[1] if platform else None


# the host-platform targets take $(PLATFORM) when it is set
PLATFORM_OPTION = "$(if $(PLATFORM),--platform $(PLATFORM))"


def binary_target(platform: str | None) -> Target:
    """The app binary of $(MODE), compiled once and copied by every variant built after it."""
    arch = _arch(platform)
    where = f"for {platform}" if platform else "for the host platform ($(PLATFORM) when set)"
    tag = local_tag(BINARY, arch)
    return Target(
        name=f"{BINARY}.{arch}" if arch else BINARY,
        help=f"build the app binary {where} as {tag}",
        recipe=(
            _command(
                "$(BUILD) --binary",
                f"--platform {platform}" if platform else PLATFORM_OPTION,
                CONTINUATION.lstrip(" ") + f"--dockerfile $(abspath $(DOCKERFILES))/{BINARY}.Dockerfile",
                f"--tag {tag} $(BUILD_ARGS)",
            ),
        ),
    )


def build_target(variant: VariantPlan, platform: str | None) -> Target:
    arch = _arch(platform)
    where = f"for {platform}" if platform else "for the host platform ($(PLATFORM) when set)"
    tag = local_tag(variant.name, arch)
    binary = binary_target(platform)
    return Target(
        name=f"build.{variant.name}.{arch}" if arch else f"build.{variant.name}",
        help=f"build {variant.name} {where} as {tag}",
        prerequisites=(binary.name,),
        recipe=(
            _command(
                "$(BUILD)",
                f"--variant {make_word(variant.name)}",
                f"--platform {platform}" if platform else PLATFORM_OPTION,
                CONTINUATION.lstrip(" ")
                + f"--dockerfile $(abspath $(DOCKERFILES))/{make_word(PurePosixPath(variant.dockerfile).name)}",
                f"--binary-image {local_tag(BINARY, arch)} --tag {tag} $(BUILD_ARGS)",
            ),
        ),
    )


def run_flags(variant: VariantPlan) -> str:
    return " ".join(make_word(flag) for flag in (*variant.device_flags, *variant.run_flags))


def run_target(variant: VariantPlan) -> Target:
    flags = run_flags(variant)
    shown = make_text(" ".join((*variant.device_flags, *variant.run_flags)))
    device = f" with {shown}" if shown else ""
    port = variant.image.port
    mounts = " ".join(f"-v $(abspath $(DATA_DIR))/{name}:/data/{name}" for name in ("bodhi_home", "hf_home"))
    return Target(
        name=f"run.{variant.name}",
        help=f"run {local_tag(variant.name)} on port {port}{device}",
        order_only=("$(KEY_FILE)",),
        recipe=(
            "mkdir -p $(DATA_DIR)/bodhi_home $(DATA_DIR)/hf_home",
            _command(
                'BODHI_ENCRYPTION_KEY="$${BODHI_ENCRYPTION_KEY:-$$(cat $(KEY_FILE))}"',
                f"$(DOCKER) run --rm --init -p $(or $(PORT),{port}):{port}",
                CONTINUATION.lstrip(" ") + mounts,
                "-e BODHI_ENCRYPTION_KEY",
                CONTINUATION.lstrip(" ") + flags if flags else "",
                f"$(RUN_ARGS) {local_tag(variant.name)}",
            ),
        ),
    )


def smoke_target(variant: VariantPlan) -> Target:
    tag = local_tag(variant.name)
    return Target(
        name=f"smoke.{variant.name}",
        help=f"build {variant.name}, then smoke-test {tag} (bodhi-gen smoke)",
        prerequisites=(f"build.{variant.name}",),
        recipe=(_command("$(SMOKE)", f"--variant {make_word(variant.name)} --image-ref {tag}", "$(SMOKE_ARGS)"),),
    )


def mode_aliases(plan: Plan, variants: list[VariantPlan]) -> list[Target]:
    """``dev.<variant>[.<arch>]`` and ``prod.<variant>[.<arch>]``: a build target in that mode."""
    aliases: list[Target] = []
    for mode in plan.modes:
        short = MODE_ALIASES.get(mode.name)
        if short is None:
            continue
        for variant in variants:
            for arch in (None, *(_arch(p) for p in variant.platforms)):
                build = f"build.{variant.name}" + (f".{arch}" if arch else "")
                name = f"{short}.{variant.name}" + (f".{arch}" if arch else "")
                help_ = f"{build} in {mode.name}"
                aliases.append(Target(name, help_, prerequisites=(build,), variables=(("MODE", mode.name),)))
    return aliases


def group_target(name: str, kind: str, variants: list[VariantPlan]) -> Target:
    names = [v.name for v in variants]
    return Target(
        name, f"build every {kind} variant: {', '.join(names)}", prerequisites=tuple(f"build.{n}" for n in names)
    )


def _help_recipe(targets: list[Target], variables_: tuple[Variable, ...]) -> tuple[str, ...]:
    def rows(pairs: list[tuple[str, str]]) -> str:
        # single-quoted for the shell, while make still expands $(VARIABLE) inside
        if any("'" in word for pair in pairs for word in pair):
            msg = f"a help text holds a single quote: {pairs}"
            raise ValueError(msg)
        return "@printf '  %-22s %s\\n'" + CONTINUATION + CONTINUATION.join(f"'{n}' '{h}'" for n, h in pairs)

    return (
        "@echo 'Targets (make <target> [VARIABLE=value ...]; from the root, docker.<target>):'",
        rows([(t.name, t.help) for t in targets]),
        "@echo 'Variables (now MODE=$(MODE) VERSION=$(VERSION) VARIANT=$(VARIANT)):'",
        rows([(v.name, v.help) for v in variables_]),
    )


def makefile_context(plan: Plan, source: str) -> MakefileContext:
    variants = list(plan.variants)
    platforms = list(dict.fromkeys(p for v in variants for p in v.platforms))
    targets: list[Target] = [binary_target(None), *(binary_target(p) for p in platforms)]
    for variant in variants:
        targets.append(build_target(variant, None))
        targets.extend(build_target(variant, p) for p in variant.platforms)
    cpu = [v for v in variants if v.gpu == "none"]
    gpu = [v for v in variants if v.gpu != "none"]
    if cpu:
        targets.append(group_target("build.all.cpu", "CPU", cpu))
    if gpu:
        targets.append(group_target("build.all.gpu", "GPU", gpu))
    targets.extend(mode_aliases(plan, variants))
    targets.extend(smoke_target(v) for v in variants)
    targets.append(Target("run", "run the $(VARIANT) image (run.$(VARIANT))", prerequisites=("run.$(VARIANT)",)))
    targets.extend(run_target(v) for v in variants)
    targets.append(
        Target(
            "list-images",
            "list the local images ($(LOCAL_IMAGE):local-*)",
            recipe=("$(DOCKER) image ls --filter 'reference=$(LOCAL_IMAGE):local-*'",),
        )
    )
    targets.append(
        Target(
            "clean",
            "remove the local images; DATA_DIR (models, settings) is kept",
            recipe=(
                "$(DOCKER) image ls --format '{{.Repository}}:{{.Tag}}' --filter 'reference=$(LOCAL_IMAGE):local-*'"
                " | xargs -r $(DOCKER) image rm",
            ),
        )
    )
    vars_ = variables(plan)
    help_target = Target("help", "list the targets and variables (the default goal)")
    help_target = Target(help_target.name, help_target.help, recipe=_help_recipe([help_target, *targets], vars_))
    key_file = Target(
        "$(KEY_FILE)",
        "a random encryption key for `run`, kept with the data",
        recipe=("@mkdir -p $(dir $@)", "@umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \\n' > $@"),
    )
    return MakefileContext(
        header=header("makefile", source).rstrip("\n"),
        variables=vars_,
        derived=DERIVED,
        targets=(help_target, *targets),
        file_targets=(key_file,),
    )


def render_makefile(plan: Plan, source: str) -> list[GeneratedFile]:
    context = {
        "ctx": makefile_context(plan, source),
        "header": header("makefile", source).rstrip("\n"),
        "prefix": DELEGATE_PREFIX,
        "folder": str(MAKEFILE_PATH.parent),
    }
    return [
        GeneratedFile(MAKEFILE_PATH, render("makefile/Makefile.j2", **context)),
        GeneratedFile(INCLUDE_PATH, render("makefile/include.mk.j2", **context)),
    ]
