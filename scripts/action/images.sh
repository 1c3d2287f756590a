#!/usr/bin/env bash
# The action's main step. For each platform: build and load the image, smoke-test it, and only
# then push it by digest. Unless PUSH_BY_DIGEST is true (a later merge job publishes), merge the
# platforms' digests into the unit's tags with `bodhi-gen publish`. Every command appends its
# row to one Markdown table in $GITHUB_STEP_SUMMARY and its values to $GITHUB_OUTPUT.
set -euo pipefail
# shellcheck source=scripts/action/options.sh
source "$(dirname "${BASH_SOURCE[0]}")/options.sh"

output=${GITHUB_OUTPUT:-/dev/null}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
work=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/bodhi-gen.XXXXXX")
digests=$work/digests
reports=$work/smoke
mkdir -p "$digests" "$reports"

mapfile -t platforms < <(split_platforms "${PLATFORMS:-}")
if (( ${#platforms[@]} == 0 )); then
    echo "::error title=bodhi-gen::no platform to build (set the platforms input)"
    exit 2
fi

smoke_opts=(--timeout "${SMOKE_TIMEOUT:-120}")
if [[ ${REQUIRE_GPU:-false} == true ]]; then smoke_opts+=(--require-gpu); fi
# the token's value stays in the environment; buildx reads it as a BuildKit secret
token_opts=(--download-token-env BODHI_DOWNLOAD_TOKEN)
report_opts=(--summary-file "$summary" --github-output "$output")

for platform in "${platforms[@]}"; do
    arch=${platform##*/}
    if [[ ${SMOKE_TEST:-true} == true ]]; then
        echo "::group::build $platform and load it"
        bodhi-gen build "${unit_opts[@]}" "${build_opts[@]}" "${token_opts[@]}" --platform "$platform" \
            --load "${report_opts[@]}"
        echo "::endgroup::"
        bodhi-gen smoke "${unit_opts[@]}" --platform "$platform" "${smoke_opts[@]}" \
            --report-file "$reports/$arch.json" "${report_opts[@]}"
    fi
    if [[ ${PUSH:-false} == true ]]; then
        echo "::group::build $platform and push it by digest"
        bodhi-gen build "${unit_opts[@]}" "${build_opts[@]}" "${token_opts[@]}" --platform "$platform" \
            --push-by-digest --digest-file "$digests" "${report_opts[@]}"
        echo "::endgroup::"
    elif [[ ${SMOKE_TEST:-true} != true ]]; then
        bodhi-gen build "${unit_opts[@]}" "${build_opts[@]}" "${token_opts[@]}" --platform "$platform" \
            --load "${report_opts[@]}"
    fi
done

# one file for one platform, else the folder holding one per platform
path_of() {
    local folder=$1 files
    files=("$folder"/*.json)
    if [[ ! -e ${files[0]} ]]; then
        echo ""
    elif (( ${#files[@]} == 1 )); then
        echo "${files[0]}"
    else
        echo "$folder"
    fi
}
{
    echo "digest-path=$(path_of "$digests")"
    echo "smoke-path=$(path_of "$reports")"
} >>"$output"

if [[ ${PUSH:-false} == true && ${PUSH_BY_DIGEST:-false} != true ]]; then
    joined=$(IFS=,; echo "${platforms[*]}")
    # writes digest= (the index's) after the builds' digest= lines, so it wins
    bodhi-gen publish "${unit_opts[@]}" --digests-dir "$digests" --platforms "$joined" "${report_opts[@]}"
fi
