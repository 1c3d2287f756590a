#!/usr/bin/env bash
# Regenerates the two hash-pinned locks (docs/shipping.md), resolving afresh against the package index:
#
#   setup/requirements.lock  what action.yml and setup/action.yml install bodhi-gen's private venv from:
#                            pyproject.toml's runtime dependencies and build backend, and their closure
#   .github/tools.lock       what this repository's own workflows run: build and twine (release.yml),
#                            uv (lock-update.yml), the same build backend, and their closure
#
#   bash scripts/lock.sh            # needs uv (part of the test extra: pip install -e '.[test]')
#
# Both are universal (one file for every platform and Python >= 3.11, markers where an entry is not needed
# everywhere) and carry every file's sha256, so `pip install --require-hashes -r LOCK` installs exactly them.
# tests/unit/test_locks.py checks, without the network, that they still match pyproject.toml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

uv=${UV:-uv}
if ! command -v "$uv" >/dev/null; then
    echo "scripts/lock.sh: no uv on PATH (pip install -e '.[test]', or set UV=/path/to/uv)" >&2
    exit 2
fi

# pyproject.toml's [build-system] requires, one a line: the action installs bodhi-gen without build isolation
build_requires=$(python3 -c 'import sys, tomllib; print("\n".join(tomllib.load(sys.stdin.buffer)["build-system"]["requires"]))' <pyproject.toml)

compile=("$uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes
    --custom-compile-command "bash scripts/lock.sh")

"${compile[@]}" pyproject.toml - -o setup/requirements.lock <<<"$build_requires"
"${compile[@]}" - -o .github/tools.lock <<<"build
twine
uv
$build_requires"

echo "locked: setup/requirements.lock ($(grep -c '==' setup/requirements.lock) packages), .github/tools.lock ($(grep -c '==' .github/tools.lock) packages)"
