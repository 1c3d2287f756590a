# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings below are used by the scripts that source this file
# Shared settings for the private test engine scripts (sourced, not run).
#
# Layout (all relative to the repository root unless overridden):
#   .engine/   runtime state: private binaries, daemon data, sockets, logs, pids, env
#   .cache/    downloads kept between runs: .deb files, the debootstrap tarball
#
# Overrides:
#   BODHI_ENGINE_DIR     runtime folder (default: <repo>/.engine)
#   BODHI_ENGINE_CACHE   download cache folder (default: <repo>/.cache)
#   BODHI_DEBIAN_MIRROR  Debian mirror URL (default: the one apt is configured with)
#   BODHI_ENGINE_WAIT    seconds to wait for each daemon to answer (default: 90)

ENGINE_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENGINE_DIR=${BODHI_ENGINE_DIR:-$ENGINE_REPO_ROOT/.engine}
ENGINE_CACHE=${BODHI_ENGINE_CACHE:-$ENGINE_REPO_ROOT/.cache}
ENGINE_WAIT=${BODHI_ENGINE_WAIT:-90}

ENGINE_REGISTRY_ADDR=127.0.0.1:5000
ENGINE_ROOT=$ENGINE_DIR/root
ENGINE_PIDS=$ENGINE_DIR/pids
ENGINE_DOCKER_SOCK=$ENGINE_DIR/docker.sock
ENGINE_CONTAINERD_SOCK=$ENGINE_DIR/containerd/containerd.sock
ENGINE_DOCKER_CONFIG=$ENGINE_DIR/docker-config

log() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] ERROR: %s\n' "$*" >&2; exit 1; }

# Process start time (field 22 of /proc/PID/stat), used to tell a recorded PID
# from an unrelated process that later reused the same number.
proc_starttime() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    # The command name (field 2) may contain spaces; cut after its closing ')'.
    stat=${stat##*) }
    # shellcheck disable=SC2086
    set -- $stat
    printf '%s\n' "${20}"
}

# True when PID is alive and still the process that was recorded with STARTTIME.
proc_is() {
    local pid=$1 start=$2 now
    now=$(proc_starttime "$pid") || return 1
    [[ "$now" == "$start" ]]
}

# Prints "name pid starttime" lines of .engine/pids (if any).
read_pids() {
    [[ -f "$ENGINE_PIDS" ]] && cat "$ENGINE_PIDS"
    return 0
}

# Serialises up.sh and down.sh (a test fixture and a CI script may both call them).
# The descriptor is not passed on to the daemons (up.sh closes it for them).
take_lock() {
    mkdir -p "$ENGINE_DIR"
    exec 9>"$ENGINE_DIR/.lock"
    if ! flock -n 9; then
        log "waiting for another up.sh/down.sh to finish"
        flock -w 900 9 || die "timed out waiting for ${ENGINE_DIR}/.lock"
    fi
}
