#!/usr/bin/env bash
# Installs bodhi-gen into a venv of its own under $RUNNER_TEMP and puts only `bodhi-gen` on the job's PATH
# (action.yml and setup/action.yml run it; docs/shipping.md):
#
#   bash setup/install.sh PYTHON ACTION_ROOT
#
# PYTHON is the interpreter actions/setup-python installed with update-environment: false, so the job's own
# python, pip and PATH stay as they were. The venv's packages come only from setup/requirements.lock, each file
# checked against its sha256; then bodhi-gen itself from ACTION_ROOT (this action's checkout), adding no
# dependency and built by the locked setuptools (no build sandbox fetching a backend afresh).
set -euo pipefail

if (($# != 2)); then
    echo "usage: install.sh PYTHON ACTION_ROOT" >&2
    exit 2
fi
python=$1
root=$2
: "${RUNNER_TEMP:?run in a GitHub Actions job}" "${GITHUB_PATH:?run in a GitHub Actions job}"

home="$RUNNER_TEMP/bodhi-gen"
pip=(--quiet --disable-pip-version-check --no-input)
# the venv gets no pip of its own (seeding one takes longer than the rest of the install): PYTHON's pip
# installs into it with --python, running under the venv's interpreter
"$python" -m venv --clear --without-pip "$home/venv"
pip+=(--python "$home/venv/bin/python")
"$python" -m pip "${pip[@]}" install --require-hashes -r "$root/setup/requirements.lock"
"$python" -m pip "${pip[@]}" install --no-deps --no-build-isolation "$root"

# a folder holding bodhi-gen alone: the venv's python and pip stay off PATH
mkdir -p "$home/bin"
ln -sfn "$home/venv/bin/bodhi-gen" "$home/bin/bodhi-gen"
echo "$home/bin" >>"$GITHUB_PATH"
echo "installed $("$home/bin/bodhi-gen" --version) into $home/venv"
