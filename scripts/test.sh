#!/usr/bin/env bash
# The whole test suite, from a bare machine: installs the Python packages and the validators,
# installs and starts a private Docker engine + local registry (scripts/engine/up.sh), runs the
# linters and every test, then stops exactly what it started.
#
#   bash scripts/test.sh              # everything (CI runs this through .ci/run)
#   bash scripts/test.sh --fast       # lint + unit + validator tests only, no engine (and no act runs)
#   bash scripts/test.sh -- -k smoke  # extra arguments after -- go to pytest
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fast=0
pytest_args=()
while (($#)); do
    case $1 in
        --fast) fast=1 ;;
        --) shift; pytest_args+=("$@"); break ;;
        *) echo "usage: scripts/test.sh [--fast] [-- PYTEST_ARGS...]" >&2; exit 2 ;;
    esac
    shift
done

step() { printf '\n==> %s\n' "$*"; }

step "Python environment (.venv)"
if [[ ! -x .venv/bin/python ]]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
export PATH="$PWD/.venv/bin:$PATH"

step "Lint: ruff, mypy (strict)"
ruff check generator tests benchmarks scripts
ruff format --check generator tests benchmarks scripts
mypy
mypy --strict scripts/release_version.py

step "Package: python -m build, twine check (as release.yml, with the locked build backend)"
# the locks' files (setup/requirements.lock, .github/tools.lock), downloaded once into .cache/locked-wheels;
# the build installs its backend from there only, and the tests install the wheel from there (BODHI_TEST_DIST)
wheels=$(python -m tests.support.wheelhouse)
rm -rf dist
PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels" python -m build --quiet --outdir dist .
twine check --strict dist/*
export BODHI_TEST_DIST="$PWD/dist"

step "Generated files are current"
bodhi-gen workflows --check
for generator in dockerfiles makefile; do
    if bodhi-gen "$generator" --help >/dev/null 2>&1; then
        bodhi-gen "$generator" --check
    fi
done
bodhi-gen docs --check   # the generated parts of docs/ and bodhi-gen.schema.json

marker=()
if ((fast)); then
    marker=(-m "not engine")
else
    step "Container engine and registry"
    bash scripts/engine/up.sh
    trap 'bash scripts/engine/down.sh' EXIT
    # shellcheck source=/dev/null
    source .engine/env
    # tests/e2e runs the generated workflows under act (markers engine + act): the binary must be there
    act --version
fi

step "pytest"
rc=0
# --durations: the slowest tests (the act runs) and their wall time, every run
pytest "${marker[@]}" --durations=15 "${pytest_args[@]}" || rc=$?
if ((rc == 5)); then
    echo "pytest collected no tests: that is a failure, not a pass" >&2
    exit 1
fi
exit "$rc"
