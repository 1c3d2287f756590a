# shellcheck shell=bash
# Sourced by the action's scripts: the bodhi-gen options every step shares, from the
# environment the action sets (each input arrives as an environment variable, never inline).
#   unit_opts   config, variant, version, mode, image (build, smoke and publish)
#   build_opts  context, commit, dockerfile, cache, build args (build only)

: "${VARIANT:?the variant input is required}" "${VERSION:?the version input is required}"

unit_opts=(--variant "$VARIANT" --version "$VERSION")
if [[ -n ${CONFIG:-} ]]; then unit_opts+=(--config "$CONFIG"); fi
if [[ -n ${MODE:-} ]]; then unit_opts+=(--mode "$MODE"); fi
if [[ -n ${IMAGE:-} ]]; then unit_opts+=(--image "$IMAGE"); fi

build_opts=(--context "${CONTEXT:-.}")
if [[ -n ${COMMIT:-} ]]; then build_opts+=(--commit "$COMMIT"); fi
if [[ -n ${DOCKERFILE:-} ]]; then build_opts+=(--dockerfile "$DOCKERFILE"); fi
if [[ -n ${CACHE:-} ]]; then build_opts+=(--cache "$CACHE"); fi
while IFS= read -r build_arg; do
    if [[ -n ${build_arg// /} ]]; then build_opts+=(--build-arg "$build_arg"); fi
done <<<"${BUILD_ARGS:-}"

# "linux/amd64, linux/arm64" or "linux/amd64 linux/arm64" -> an array
split_platforms() {
    local -a parts
    IFS=', ' read -r -a parts <<<"$1"
    if (( ${#parts[@]} )); then printf '%s\n' "${parts[@]}"; fi
}
