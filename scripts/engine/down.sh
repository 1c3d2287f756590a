#!/usr/bin/env bash
# Stop what scripts/engine/up.sh started: the PIDs recorded in .engine/pids (dockerd,
# containerd, registry), the container shims of that containerd, and the containers
# of that engine. Never matches processes by name. Safe to run more than once.
# Images, the registry's storage and the download cache are kept (delete .engine/ and
# .cache/ by hand to start from scratch, after this script).
#
# BODHI_ENGINE_STOP_WAIT: seconds to wait after SIGTERM before SIGKILL (default: 20).
set -euo pipefail

# shellcheck source=scripts/engine/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOP_WAIT=${BODHI_ENGINE_STOP_WAIT:-20}
take_lock

# All descendants of PID, as "pid starttime" lines.
descendants() {
    local parent=$1 pid ppid
    while read -r pid ppid; do
        if [[ $ppid == "$parent" ]]; then
            printf '%s %s\n' "$pid" "$(proc_starttime "$pid" || echo gone)"
            descendants "$pid"
        fi
    done < <(ps -e -o pid=,ppid=)
}

# Processes whose command line names this engine's containerd socket (its shims).
shims_of_engine() {
    local d pid
    for d in /proc/[0-9]*; do
        pid=${d#/proc/}
        if { tr '\0' ' ' <"$d/cmdline"; } 2>/dev/null | grep -qF -- "$ENGINE_CONTAINERD_SOCK"; then
            [[ $pid == "$$" ]] || printf '%s %s\n' "$pid" "$(proc_starttime "$pid" || echo gone)"
        fi
    done
}

# stop NAME PID START : TERM, bounded wait, then KILL (only if still the same process).
stop_pid() {
    local name=$1 pid=$2 start=$3 deadline
    proc_is "$pid" "$start" || return 0
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + STOP_WAIT))
    while proc_is "$pid" "$start"; do
        if (( SECONDS >= deadline )); then
            log "$name (pid $pid) still running after ${STOP_WAIT}s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.2
    done
}

if [[ ! -s $ENGINE_PIDS ]]; then
    log "nothing recorded in ${ENGINE_PIDS}; nothing to stop"
else
    # Containers first, while dockerd still answers (they belong to this engine only).
    docker_bin=$ENGINE_ROOT/usr/bin/docker
    if [[ -x $docker_bin && -S $ENGINE_DOCKER_SOCK ]]; then
        mapfile -t ids < <(timeout 10 "$docker_bin" --host "unix://$ENGINE_DOCKER_SOCK" ps -q 2>/dev/null || true)
        if (( ${#ids[@]} > 0 )); then
            log "killing ${#ids[@]} running container(s)"
            timeout 30 "$docker_bin" --host "unix://$ENGINE_DOCKER_SOCK" kill "${ids[@]}" >/dev/null 2>&1 || true
        fi
    fi

    # Remember children (docker-proxy, build steps) and shims before stopping anything.
    leftovers=$(
        while read -r name pid start; do
            proc_is "$pid" "$start" && descendants "$pid"
        done < <(read_pids)
        shims_of_engine
    )

    # Reverse start order: registry, dockerd, containerd.
    for name in registry dockerd containerd; do
        while read -r n pid start; do
            [[ $n == "$name" ]] && stop_pid "$name" "$pid" "$start"
        done < <(read_pids)
    done

    # Whatever of those is still alive, plus any shim that appeared meanwhile.
    while read -r pid start; do
        [[ -n $pid && $start != gone ]] && stop_pid "child" "$pid" "$start"
    done < <(printf '%s\n' "$leftovers"; shims_of_engine)

    rm -f "$ENGINE_PIDS"
fi

# Stale runtime files and mounts left by a killed daemon.
rm -f "$ENGINE_DOCKER_SOCK" "$ENGINE_DIR/dockerd.pid" \
    "$ENGINE_CONTAINERD_SOCK" "$ENGINE_CONTAINERD_SOCK.ttrpc"
if [[ -d $ENGINE_DIR ]]; then
    while read -r m; do
        umount -l "$m" 2>/dev/null || true
    done < <(awk -v d="$ENGINE_DIR/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
fi
log "stopped"
