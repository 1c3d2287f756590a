#!/usr/bin/env bash
# The action's plan step: resolve the unit (image, registry, tags, platform) without building,
# so the registry login and the outputs know them. Writes to $GITHUB_OUTPUT.
set -euo pipefail
# shellcheck source=scripts/action/options.sh
source "$(dirname "${BASH_SOURCE[0]}")/options.sh"

mapfile -t platforms < <(split_platforms "${PLATFORMS:-}")
platform_opts=()
if (( ${#platforms[@]} )); then platform_opts=(--platform "${platforms[0]}"); fi

bodhi-gen build "${unit_opts[@]}" "${build_opts[@]}" "${platform_opts[@]}" \
    --dry-run --github-output "${GITHUB_OUTPUT:-/dev/null}"
