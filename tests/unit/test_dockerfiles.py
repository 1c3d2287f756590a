"""Dockerfile generation: snapshots, hadolint, drift, the plan/Dockerfile contract, and the shell programs inside."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from bodhi_gen.config.loader import load_config
from bodhi_gen.plan.build import build_plan, source_date_epoch
from bodhi_gen.plan.contract import DOWNLOAD_SECRET_ID
from bodhi_gen.plan.units import AnyUnit, BuildInfo
from bodhi_gen.render.binary_dockerfile import cargo_build
from bodhi_gen.render.dockerfile_shell import PROGRAMS, REDUCE_WORKSPACE_AWK
from tests.helpers import GOOD_CONFIGS, ROOT, render_files, run_cli

CONFIGS = [None, *GOOD_CONFIGS]
IDS = ["default", *(p.stem for p in GOOD_CONFIGS)]
DOWNLOAD_CONFIG = ROOT / "tests" / "examples" / "good" / "private-qemu.yaml"
# BuildKit fills these in itself; a Dockerfile need not declare them.
BUILDKIT_ARGS = {"SOURCE_DATE_EPOCH"}


def dockerfiles(config: Path | None) -> dict[str, str]:
    return {str(f.path): f.content for f in render_files("dockerfiles", config, cwd=ROOT)}


def declared_args(text: str) -> set[str]:
    return set(re.findall(r"^ARG ([A-Z_][A-Z0-9_]*)", text, flags=re.MULTILINE))


# the default config's files are committed and drift-checked: the snapshots guard the other configs
@pytest.mark.parametrize("config", GOOD_CONFIGS, ids=[p.stem for p in GOOD_CONFIGS])
def test_dockerfile_snapshots(config: Path, snapshot: SnapshotAssertion) -> None:
    assert dockerfiles(config) == snapshot


@pytest.mark.validators
@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_hadolint_has_zero_findings_at_info(config: Path | None, tmp_path: Path) -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    assert hadolint.is_file(), "hadolint is not installed (pip install -e '.[test]')"
    for name, text in dockerfiles(config).items():
        path = tmp_path / Path(name).name
        path.write_text(text, "utf-8")
        done = subprocess.run(
            [str(hadolint), "--no-color", "--failure-threshold", "info", str(path)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, f"{name}:\n{done.stdout}{done.stderr}"
        assert done.stdout == ""


def test_one_dockerfile_per_variant_and_the_binary_at_the_plans_paths() -> None:
    plan = build_plan(load_config())
    files = dockerfiles(None)
    assert sorted(files) == sorted({u.dockerfile for u in plan.units} | {b.dockerfile for b in plan.binaries})
    variants = [f"dockerfiles/{v.name}.Dockerfile" for v in load_config().variants]
    assert list(files) == ["dockerfiles/binary.Dockerfile", *variants]


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_every_plan_build_arg_is_declared(config: Path | None) -> None:
    plan = build_plan(load_config(config))
    files = dockerfiles(config)
    units: list[AnyUnit] = [*plan.units, *plan.binaries]
    for unit in units:
        missing = set(unit.build_args) - BUILDKIT_ARGS - declared_args(files[unit.dockerfile])
        assert not missing, f"{unit.key}: {unit.dockerfile} does not declare {sorted(missing)}"
    for variant in plan.variants:
        assert "APP_BINARY_IMAGE" in declared_args(files[variant.dockerfile]), "the binary arrives as a build arg"


def test_commit_time_dates_labels_and_image() -> None:
    unit = build_plan(load_config(), BuildInfo("1.2.3", "abc", "2026-01-02T03:04:05Z")).unit(
        "cpu", "production", "linux/amd64"
    )
    assert unit.build_args["BODHI_BUILD_CREATED"] == "2026-01-02T03:04:05Z"
    assert unit.build_args["SOURCE_DATE_EPOCH"] == "1767323045"
    undated = build_plan(load_config()).unit("cpu", "production", "linux/amd64")
    assert "SOURCE_DATE_EPOCH" not in undated.build_args
    assert source_date_epoch("yesterday") is None
    assert source_date_epoch("2026-01-02T03:04:05") is None, "a time without a zone is ambiguous"


def test_images_are_build_args_defaulting_to_the_real_ones() -> None:
    config = load_config()
    files = dockerfiles(None)
    binary = files["dockerfiles/binary.Dockerfile"]
    assert "ARG RUST_IMAGE=rust:1.93.0-bookworm\n" in binary
    assert "ARG NODE_IMAGE=node:22-bookworm-slim\n" in binary
    for variant in config.variants:
        text = files[f"dockerfiles/{variant.name}.Dockerfile"]
        assert "ARG APP_BINARY_IMAGE\n" in text, "no default: a build without the binary fails at once"
        assert "RUST_IMAGE" not in text
        assert f"ARG BASE_IMAGE={variant.base_image}\n" in text
    for text in files.values():
        froms = re.findall(r"^FROM (.*)$", text, flags=re.MULTILINE)
        assert all("${" in line or line.split()[0] in {"deps", "scratch"} for line in froms), froms
        assert "# syntax=" not in text, "offline engines cannot fetch a frontend"


def test_runtime_contract_lines() -> None:
    text = dockerfiles(None)["dockerfiles/cuda.Dockerfile"]
    runtime = text[text.index("AS runtime") :]
    for line in (
        "USER llama\n",
        "WORKDIR /app\n",
        "EXPOSE 8080\n",
        'ENTRYPOINT ["/app/bodhi", "serve"]\n',
        "ENV RUST_LOG=info\n",
        'CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://127.0.0.1:8080/ping"]',
        'org.opencontainers.image.created="${BODHI_BUILD_CREATED}"',
        'org.opencontainers.image.version="${BODHI_VERSION}"',
        'org.opencontainers.image.revision="${BODHI_COMMIT_SHA}"',
        'org.opencontainers.image.source="https://github.com/BodhiSearch/BodhiApp"',
    ):
        assert line in runtime
    assert "ARG CI_BUILD_VARIANTS=cuda,cpu\n" in text
    assert "printf '%s\\n' 'BODHI_LLAMACPP_ARGS_CUDA: \"--n-gpu-layers -1 --flash-attn on" in text


def test_llama_args_per_exec_variant_in_defaults_yaml() -> None:
    """Each image writes BODHI_LLAMACPP_ARGS_<X> for each of its exec variants X that is a configured variant
    with arguments (from that variant), and no other such key."""
    config = load_config()
    by_name = {v.name: v for v in config.variants}
    files = dockerfiles(None)
    for variant in config.variants:
        text = files[f"dockerfiles/{variant.name}.Dockerfile"]
        written = set(re.findall(r"'(BODHI_LLAMACPP_ARGS_[A-Z_]+): ", text))
        expected = {
            f"BODHI_LLAMACPP_ARGS_{name.upper()}"
            for name in variant.resolved_exec_variants
            if name in by_name and by_name[name].llama_server_args
        }
        assert written == expected, variant.name
        for key in expected:
            source = by_name[key.removeprefix("BODHI_LLAMACPP_ARGS_").lower()]
            assert f"'{key}: \"{source.llama_server_args}\"'" in text
        shared = variant.shared_llama_server_args
        assert f"'BODHI_LLAMACPP_ARGS: \"{config.llama_server_args if shared is None else shared}\"'" in text
    cuda = files["dockerfiles/cuda.Dockerfile"]
    assert "BODHI_LLAMACPP_ARGS_CPU" in cuda, "a GPU image carries the cpu fallback's args"
    intel = dockerfiles(GOOD_CONFIGS[0].parent / "intel-extra.yaml")["dockerfiles/intel.Dockerfile"]
    assert "'BODHI_LLAMACPP_ARGS: \"--jinja --ctx-size 8192\"'" in intel


def test_cargo_commands_per_mode() -> None:
    plan = build_plan(load_config())
    production, development = (cargo_build(mode, plan.app) for mode in plan.modes)
    assert production.deps == "cargo build --release -p ci_optims"
    assert production.app == "cargo build --locked --release --bin bodhi --no-default-features --features production"
    assert production.binary == "target/release/bodhi"
    assert development.deps == "cargo build -p ci_optims"
    assert development.app == "cargo build --locked --bin bodhi --no-default-features"
    assert development.binary == "target/debug/bodhi"
    text = dockerfiles(None)["dockerfiles/binary.Dockerfile"]
    assert f"production) {production.app} && install -D -m 0755 target/release/bodhi /out/bodhi ;;" in text
    assert f"development) {development.deps} ;;" in text
    assert "cargo generate-lockfile" not in text
    assert "cargo update" not in text


def test_download_only_where_configured_and_token_only_as_secret() -> None:
    for text in dockerfiles(None).values():
        assert "LLAMA_SOURCE" not in text
        assert "secret" not in text
    files = dockerfiles(DOWNLOAD_CONFIG)
    cpu, cuda = files["dockerfiles/cpu.Dockerfile"], files["dockerfiles/cuda.Dockerfile"]
    assert "LLAMA_SOURCE" not in cuda
    assert "ARG LLAMA_SOURCE=prebuilt\n" in cpu
    assert "ARG GITHUB_API_URL=https://api.github.com\n" in cpu
    assert "ARG DOWNLOAD_BASE_IMAGE=debian:bookworm-slim\n" in cpu
    assert "FROM runtime-${LLAMA_SOURCE} AS runtime\n" in cpu
    assert f"RUN --mount=type=secret,id={DOWNLOAD_SECRET_ID},required=true" in cpu
    assert "'X-GitHub-Api-Version: 2022-11-28'" in cpu
    assert not re.search(r"^(ARG|ENV|LABEL) .*(TOKEN|PAT|SECRET)", cpu, flags=re.MULTILINE | re.IGNORECASE)
    # the token is read in exactly one place: into curl's standard input
    assert cpu.count(f"/run/secrets/{DOWNLOAD_SECRET_ID}") == 1
    plan = build_plan(load_config(DOWNLOAD_CONFIG))
    assert plan.unit("cpu", "production", "linux/arm64").build_args["LLAMA_SOURCE"] == "download"
    assert plan.unit("cpu", "production", "linux/amd64").build_args["LLAMA_SOURCE"] == "prebuilt"


def test_cli_writes_checks_and_detects_drift(tmp_path: Path) -> None:
    first = run_cli(["dockerfiles", "--out", str(tmp_path)])
    assert first.code == 0, first.err
    written = sorted(p.name for p in (tmp_path / "dockerfiles").iterdir())
    assert written == [
        f"{name}.Dockerfile" for name in ("binary", "cpu", "cuda", "intel", "multi-tenant", "musa", "rocm", "vulkan")
    ]
    assert run_cli(["dockerfiles", "--check", "--out", str(tmp_path)]).code == 0
    edited = tmp_path / "dockerfiles" / "rocm.Dockerfile"
    edited.write_text(edited.read_text("utf-8").replace("EXPOSE 8080", "EXPOSE 9090"), "utf-8")
    drift = run_cli(["dockerfiles", "--check", "--out", str(tmp_path)])
    assert drift.code == 1
    assert "dockerfiles/rocm.Dockerfile (differs)" in drift.err
    assert "EXPOSE 9090" in edited.read_text("utf-8"), "--check must not write"


def test_unknown_rocm_flag_exits_2_naming_it(tmp_path: Path) -> None:
    config = tmp_path / "bodhi-gen.yaml"
    config.write_text(
        "variants:\n"
        "  - name: cpu\n"
        "    base_image: ghcr.io/bodhisearch/llama.cpp:latest-cpu\n"
        "  - name: rocm\n"
        "    base_image: ghcr.io/bodhisearch/llama.cpp:latest-rocm\n"
        "    gpu: amd\n"
        "    llama_server_args: '--n-gpu-layers 999 --rocm-row-split'\n"
        "modes: [{name: production, cargo_profile: release}]\n",
        "utf-8",
    )
    result = run_cli(["dockerfiles", "--config", str(config), "--out", str(tmp_path / "out")])
    assert result.code == 2
    assert "'--rocm-row-split'" in result.err
    assert "variants[rocm].llama_server_args" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_repository_dockerfiles_are_current() -> None:
    result = run_cli(["dockerfiles", "--check"], cwd=ROOT)
    assert result.code == 0, result.err


# --- the shell programs, run here with the same tools the images use (awk, grep, sed) ---


def test_programs_fit_in_single_quotes() -> None:
    assert not [name for name, program in PROGRAMS.items() if "'" in program]
    assert "'" not in REDUCE_WORKSPACE_AWK


@pytest.mark.parametrize(
    "manifest",
    [
        '[workspace]\nmembers = ["crates/ci_optims", "crates/bodhi"]\nresolver = "2"\n',
        '[workspace]\nmembers = [\n  "crates/ci_optims",\n  "crates/bodhi",\n]\n'
        'default-members = ["crates/bodhi"]\nresolver = "2"\n',
        '[workspace]\nresolver = "2"\nmembers = [\n  "crates/*",\n  "xtask"]\n[workspace.dependencies]\nserde = "1"\n',
    ],
    ids=["one-line", "multi-line", "closing-bracket-on-last-member"],
)
def test_reduce_workspace(manifest: str) -> None:
    done = subprocess.run(["awk", REDUCE_WORKSPACE_AWK], input=manifest, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert 'members = ["crates/ci_optims"]' in lines
    assert not [line for line in lines if "bodhi" in line or "xtask" in line or "crates/*" in line]
    assert 'resolver = "2"' in lines
    assert len([line for line in lines if "members" in line]) == 1


def _asset(asset_id: int, name: str) -> str:
    return (
        f'{{"url":"https://api.github.com/repos/o/r/releases/assets/{asset_id}","id":{asset_id},'
        f'"name":"{name}","label":"","uploader":{{"login":"bot","url":"https://api.github.com/users/bot"}},'
        f'"browser_download_url":"https://github.com/o/r/releases/download/x/{name}"}}'
    )


def _release(tag: str, assets: list[str], draft: bool = False, body: str = "") -> str:
    return (
        f'{{"url":"https://api.github.com/repos/o/r/releases/1","tag_name":"{tag}",'
        f'"name":"Release {tag}","draft":{"true" if draft else "false"},"prerelease":false,'
        f'"assets":[{",".join(assets)}],"body":{body or chr(34) * 2}}}'
    )


def pick(releases_json: str, want: str, prefix: str = "server-") -> str:
    fields = subprocess.run(
        ["grep", "-oE", PROGRAMS["release_fields_grep"]],
        input=releases_json,
        capture_output=True,
        text=True,
        check=False,
    ).stdout  # grep exits 1 when nothing matches
    lines = subprocess.run(
        ["sed", "-E", PROGRAMS["release_fields_sed"]], input=fields, capture_output=True, text=True, check=True
    ).stdout
    done = subprocess.run(
        ["awk", "-v", f"prefix={prefix}", "-v", f"want={want}", PROGRAMS["pick_asset"]],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_pick_asset_newest_matching_release() -> None:
    want = "llama-server--aarch64-unknown-linux-gnu--cpu"
    body = '"notes: \\"name\\": \\"' + want + '\\", see \\"url\\""'
    x86 = "llama-server--x86_64-unknown-linux-gnu--cpu"
    releases = [
        _release("b9999", [_asset(1, want)]),  # wrong prefix
        _release("server-3.0.0", [_asset(2, want + ".zip")], draft=True),
        _release("server-2.0.0", [_asset(3, x86), _asset(4, "other")]),
        _release("server-1.1.0", [_asset(5, x86), _asset(6, want)], body=body),
        _release("server-1.0.0", [_asset(7, want + ".zip")]),
    ]
    listing = "[" + ",".join(releases) + "]"
    assert pick(listing, want) == f"https://api.github.com/repos/o/r/releases/assets/6 {want} server-1.1.0"
    zip_only = "[" + _release("server-1.0.0", [_asset(7, want + ".zip")]) + "]"
    assert pick(zip_only, want) == f"https://api.github.com/repos/o/r/releases/assets/7 {want}.zip server-1.0.0"
    pretty = listing.replace(",", ",\n  ").replace('":', '": ')
    assert pick(pretty, want).endswith(f"/assets/6 {want} server-1.1.0")
    assert pick(listing, want, prefix="nope-") == ""
    assert pick(listing, "llama-server--aarch64-unknown-linux-gnu--cuda") == ""


def test_binary_dockerfile_builds_the_ui_before_cargo_from_the_apps_real_inputs() -> None:
    text = dockerfiles(None)["dockerfiles/binary.Dockerfile"]
    deps = text[text.index("AS deps") : text.index("AS ui")]
    assert "COPY async-openai/ async-openai/\n" in deps, "a workspace path dependency (and submodule)"
    assert "COPY crates/ci_optims/ crates/ci_optims/\n" in deps
    ui = text[text.index("AS ui") : text.index("AS app")]
    assert "COPY openapi.json openapi-oai.json /build/\n" in ui
    assert "RUN npm ci && npm run build:openapi\n" in ui
    assert "build:docker" not in text
    assert "WORKDIR /build/crates/bodhi\n" in ui
    assert "npm ci && npm run build &&" in ui
    app = text[text.index("AS app") : text.index("AS binary")]
    ui_in, cargo = app.index("COPY --from=ui /build/crates/bodhi/out/ crates/bodhi/out/"), app.index("cargo build")
    assert ui_in < cargo, "the UI is there before cargo, so the build script runs no npm"
    assert "COPY --from=ui /build/ts-client/dist/ ts-client/dist/\n" in app
    assert "unset CI;" in app, "with CI=true the build script would run npm"
    assert "cargo build --locked --release --bin bodhi" in app
    final = text[text.index("FROM scratch AS binary") :]
    assert "COPY --from=app /out/bodhi /app/bodhi\n" in final


def test_variant_dockerfiles_compile_nothing_and_copy_the_binary() -> None:
    for name, text in dockerfiles(None).items():
        if name.endswith("binary.Dockerfile"):
            continue
        assert "cargo" not in text, name
        assert "npm" not in text, name
        assert "FROM ${APP_BINARY_IMAGE} AS app-binary\n" in text
        assert "COPY --from=app-binary --chown=llama:llama /app/bodhi /app/bodhi\n" in text


def test_gpu_variants_copy_the_cpu_llama_server_from_the_cpu_base() -> None:
    files = dockerfiles(None)
    assert "cpu-base" not in files["dockerfiles/cpu.Dockerfile"]
    for gpu in ("cuda", "rocm", "vulkan"):
        text = files[f"dockerfiles/{gpu}.Dockerfile"]
        assert "ARG CPU_BASE_IMAGE=ghcr.io/bodhisearch/llama.cpp:latest-cpu\n" in text
        runtime = text[text.index("AS runtime") :]
        assert runtime.index("COPY --from=cpu-base /app/bin/ /app/bin/\n") < runtime.index("USER llama")
