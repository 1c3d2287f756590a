"""The generated Dockerfiles and workflows against the real BodhiApp layout (tests/real_layout/bodhiapp.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import render_files
from tests.support.layout_check import check_dockerfile, check_workflow, load_layout

LAYOUT = load_layout()

# The shape issue 11 asks for: deps with the submodule, ts-client and UI built with Node, the binary
# built with the UI copied in. Each bad snippet below breaks it in one way.
GOOD = """\
ARG RUST_IMAGE=rust:1.93.0-bookworm
ARG NODE_IMAGE=node:22-bookworm-slim
FROM ${RUST_IMAGE} AS deps
WORKDIR /build
COPY Cargo.toml Cargo.lock ./
COPY crates/ci_optims/ crates/ci_optims/
COPY async-openai/ async-openai/
RUN cargo build --release -p ci_optims

FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS ui
WORKDIR /build
COPY openapi.json openapi-oai.json ./
COPY ts-client/ ts-client/
RUN cd ts-client && npm ci && npm run build:openapi
COPY crates/bodhi/ crates/bodhi/
WORKDIR /build/crates/bodhi
RUN npm ci \\
    && npm run build

FROM deps AS app
ARG TARGETARCH
COPY . .
COPY --from=ui /build/crates/bodhi/out/ crates/bodhi/out/
COPY --from=ui /build/ts-client/dist/ ts-client/dist/
RUN export CI_BUILD_TARGET="$TARGETARCH-unknown-linux-gnu" \
    && cargo build --locked --release --bin bodhi
"""

GOOD_WORKFLOW = """\
jobs:
  plan:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: bodhi-gen matrix --format github
  binary:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          submodules: recursive
      - run: bodhi-gen build --binary --mode production
"""


def replaced(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def test_the_good_shape_passes() -> None:
    assert check_dockerfile(GOOD, LAYOUT) == []
    assert check_workflow(GOOD_WORKFLOW) == []


@pytest.mark.parametrize(
    ("dockerfile", "problem"),
    [
        pytest.param(
            replaced(GOOD, 'export CI_BUILD_TARGET="$TARGETARCH-unknown-linux-gnu"', "true"),
            "stage app: cargo build in /build: CI_BUILD_TARGET is not set, so a build script takes its non-CI path",
            id="no-ci-build-target",
        ),
        pytest.param(
            replaced(GOOD, "COPY async-openai/ async-openai/\n", ""),
            "stage deps: cargo build in /build: async-openai/async-openai/ (ci_optims or its path dependency) "
            "not copied",
            id="deps-without-submodule",
        ),
        pytest.param(
            replaced(GOOD, "npm run build:openapi", "npm run build:docker"),
            "stage ui: npm run build:docker in /build/ts-client: ts-client/package.json has no script "
            "'build:docker' (has build:openapi, build)",
            id="build-docker-script",
        ),
        pytest.param(
            replaced(GOOD, "COPY openapi.json openapi-oai.json ./", "COPY openapi.json ./"),
            "stage ui: npm run build:openapi in /build/ts-client: reads ../openapi-oai.json, not in the stage",
            id="ts-client-without-second-spec",
        ),
        pytest.param(
            replaced(GOOD, "rust:1.93.0-bookworm", "rust:1.87-bookworm"),
            "stage deps: rust:1.87-bookworm is older than the pinned Rust channel 1.93.0",
            id="old-rust",
        ),
        pytest.param(
            replaced(GOOD, "COPY --from=ui /build/crates/bodhi/out/ crates/bodhi/out/\n", ""),
            "stage app: cargo build in /build: build.rs needs crates/bodhi/out/ (built UI) or Node, the stage "
            "has neither",
            id="no-ui-before-cargo",
        ),
        pytest.param(
            replaced(GOOD, "&& cargo build --locked", "&& CI=true cargo build --locked"),
            "stage app: cargo build in /build: CI=true makes build.rs run npm, and the stage has no Node",
            id="ci-true-without-node",
        ),
        pytest.param(
            replaced(GOOD, "COPY ts-client/ ts-client/\nRUN cd", "COPY ts-client/dist/ ts-client/dist/\nRUN cd"),
            "stage ui: COPY ts-client/dist/: not in the build context",
            id="copy-ignored-dist",
        ),
        pytest.param(
            replaced(GOOD, "RUN npm ci \\\n    && npm run build", "RUN npm ci && npm run build"),
            None,
            id="continuation-lines-equivalent",
        ),
    ],
)
def test_each_trap_is_caught(dockerfile: str, problem: str | None) -> None:
    found = check_dockerfile(dockerfile, LAYOUT)
    if problem is None:
        assert found == []
    else:  # a trap may also break what follows it (no dist/ after a wrong script): its own problem comes first
        assert found[0] == problem, found


def test_ui_without_built_ts_client_is_caught() -> None:
    dockerfile = replaced(GOOD, "RUN cd ts-client && npm ci && npm run build:openapi\n", "")
    assert check_dockerfile(dockerfile, LAYOUT) == [
        "stage ui: npm run build in /build/crates/bodhi: reads ../../ts-client/dist/, not in the stage"
    ]


def test_checkout_without_submodules_is_caught() -> None:
    workflow = replaced(GOOD_WORKFLOW, "        with:\n          submodules: recursive\n", "")
    assert check_workflow(workflow) == ["job binary: actions/checkout without submodules (got None)"]


def _embedded_default_problems() -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for generated in render_files("dockerfiles", None):
        problems[str(generated.path)] = check_dockerfile(generated.content, LAYOUT)
    for generated in render_files("workflows", None):
        if generated.path.suffix in (".yml", ".yaml"):
            problems[str(generated.path)] = check_workflow(generated.content)
    return {path: found for path, found in problems.items() if found}


def test_embedded_default_builds_the_real_layout() -> None:
    assert _embedded_default_problems() == {}


def test_layout_description_has_every_fact_the_checks_use() -> None:
    facts: dict[str, Any] = LAYOUT
    for key in ("paths", "submodules", "rust", "deps_crate", "binary", "npm", "dockerignore"):
        assert facts[key], key
    assert {s["path"] for s in facts["submodules"]} >= {"async-openai"}
