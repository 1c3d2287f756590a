#!/usr/bin/env bash
# The cuda variant's GPU check on a machine with a real NVIDIA GPU and no network:
# starts a private Docker engine from the files scripts/gpu/prepare.sh packed into .gpu/,
# finds the NVIDIA device nodes and the driver's nvidia-smi and libnvidia-ml, and runs
# `nvidia-smi -L` inside a container in several ways:
#
#   device-flags   --device for every /dev/nvidia* node + the driver files bind-mounted read-only
#                  at /usr/local/nvidia/{bin,lib64} (where CUDA images look for them)
#   driver-folder  --device flags + the driver's whole folder mounted at /usr/local/nvidia
#   cuda           --device flags + libcuda.so.1 mounted: cuda-probe (scripts/gpu/cuda_probe.c)
#                  creates a CUDA context and allocates memory, as llama-server would
#   no-devices     the driver files without --device (expected to fail: the nodes are what matter)
#   gpus-all       --gpus all, the default device flags of gpu: nvidia (needs the NVIDIA
#                  container toolkit on the host)
#   project        scripts/gpu/project_probe.py: the project's GPU detection, the cuda variant's
#                  flags and probe, run through bodhi_gen's own container code
#
# Everything it starts (containerd, dockerd, containers, mounts) is stopped by PID and
# unmounted at the end. Writes device-check.log, summary.txt and the daemons' logs to $OUT
# (or /tmp/bodhi-gpu-check-out).
# Exit status: 0 when the probe passed with the device flags, or when the host has no
# NVIDIA device (the engine part still runs); 1 when a GPU is there and the probe failed.
#
#   bash scripts/gpu/prepare.sh          # once, on the machine that packs .gpu/
#   bash scripts/gpu/device-check.sh     # on the GPU machine, from the repository root
#
# For testing without a GPU, NVIDIA_DEVICES (space-separated nodes), NVIDIA_SMI, NVIDIA_ML_LIB
# and NVIDIA_CUDA_LIB override what the script discovers; GPU_CHECK_PYTHON names the Python to
# use, GPU_CHECK_NO_BRIDGE=1 keeps the engine off bridge networking and iptables.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2

PACK=${GPU_CHECK_PACK:-.gpu}
WORK=${GPU_CHECK_WORK:-/tmp/bodhi-gpu-check}
OUTDIR=${OUT:-$WORK-out}
IMAGE=bodhi-gpu-check/probe:local
LABEL=bodhi-gpu-check
mkdir -p "$OUTDIR"
LOG=$OUTDIR/device-check.log
SUMMARY=$OUTDIR/summary.txt
: >"$SUMMARY"

T0=$SECONDS
CONTAINERD_PID=
DOCKERD_PID=
MOUNTED_TMPFS=0
MOUNTED_CGROUP=0
GPU_OK=0

say() { printf '[gpu-check +%3ds] %s\n' "$((SECONDS - T0))" "$*"; }
result() {
    # result NAME ok|fail|info DETAIL
    printf 'RESULT %s: %s %s\n' "$1" "$2" "$3" | tee -a "$SUMMARY"
}
section() { printf '\n===== %s (+%ds)\n' "$*" "$((SECONDS - T0))"; }

# Decompresses an .xz file to stdout with whatever this machine has.
unxz_to_stdout() {
    if command -v xz >/dev/null 2>&1; then
        xz -dc "$1"
    elif command -v python3 >/dev/null 2>&1 && python3 -c 'import lzma' 2>/dev/null; then
        python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' "$1"
    else
        # through the loader: the packed copy may have lost its executable bit
        /lib64/ld-linux-x86-64.so.2 --library-path "$PACK/xz" "$PACK/xz/xz" -dc "$1"
    fi
}

# --- facts about the machine --------------------------------------------------------------

facts() {
    section "machine"
    say "date: $(date -u +%FT%TZ)"
    say "kernel: $(uname -srm)"
    say "os: $(sed -n 's/^PRETTY_NAME=//p' /etc/os-release 2>/dev/null | tr -d '"')"
    say "glibc: $(ldd --version 2>/dev/null | head -n 1)"
    say "cpus: $(nproc), memory: $(awk '/MemTotal/ { printf "%d MiB", $2 / 1024 }' /proc/meminfo)"
    say "/sys/fs/cgroup: $(stat -fc %T /sys/fs/cgroup 2>/dev/null || echo 'not mounted')"
    say "/tmp filesystem: $(stat -fc %T /tmp 2>/dev/null)"
    say "overlay in kernel: $(grep -qw overlay /proc/filesystems && echo yes || echo 'not listed (module?)')"
    local tool
    for tool in iptables ip modprobe xz python3 docker dockerd containerd runc nvidia-container-cli \
        nvidia-container-runtime nvidia-container-runtime-hook nvidia-ctk; do
        say "tool $tool: $(command -v "$tool" || echo -)"
    done
    say "CDI specs: $(find /etc/cdi /var/run/cdi -maxdepth 1 -type f 2>/dev/null | tr '\n' ' ')"
}

# --- the GPU as the host sees it ------------------------------------------------------------

NODES=()
GPU_NODES=()
SMI=
NVML=
CUDA_LIB=
DRIVER_DIR=

discover() {
    section "NVIDIA devices and driver on the host"
    local n
    if [[ -n ${NVIDIA_DEVICES:-} ]]; then
        read -r -a NODES <<<"$NVIDIA_DEVICES"
    else
        for n in /dev/nvidia* /dev/nvidia-caps/*; do
            [[ -c $n ]] && NODES+=("$n")
        done
    fi
    for n in "${NODES[@]}"; do
        [[ ${n##*/} =~ ^nvidia[0-9]+$ ]] && GPU_NODES+=("$n")
    done
    ((${#NODES[@]})) && stat -c '    %A %t:%T %n' "${NODES[@]}" 2>/dev/null
    result host.device-nodes "$( ((${#GPU_NODES[@]})) && echo ok || echo info)" \
        "${NODES[*]:-no /dev/nvidia* nodes}"

    SMI=${NVIDIA_SMI:-$(command -v nvidia-smi || true)}
    [[ -z $SMI && -x /usr/local/nvidia/bin/nvidia-smi ]] && SMI=/usr/local/nvidia/bin/nvidia-smi
    [[ -n $SMI ]] && SMI=$(readlink -f "$SMI")
    if [[ -z ${NVIDIA_ML_LIB:-} ]]; then
        NVML=$(ldconfig -p 2>/dev/null | awk '/libnvidia-ml\.so\.1 .*x86-64/ { print $NF; exit }')
        if [[ -z $NVML && -n $SMI ]]; then
            for n in "${SMI%/*}/../lib64" "${SMI%/*}/../lib" /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu /usr/lib64; do
                [[ -e $n/libnvidia-ml.so.1 ]] && { NVML=$n/libnvidia-ml.so.1; break; }
            done
        fi
    else
        NVML=$NVIDIA_ML_LIB
    fi
    [[ -n $NVML ]] && NVML=$(readlink -f "$NVML")
    CUDA_LIB=${NVIDIA_CUDA_LIB:-$(ldconfig -p 2>/dev/null | awk '/libcuda\.so\.1 .*x86-64/ { print $NF; exit }')}
    [[ -z $CUDA_LIB && -n $NVML && -e ${NVML%/*}/libcuda.so.1 ]] && CUDA_LIB=${NVML%/*}/libcuda.so.1
    [[ -n $CUDA_LIB ]] && CUDA_LIB=$(readlink -f "$CUDA_LIB")
    # A driver folder of its own (not /usr): <dir>/bin/nvidia-smi with <dir>/lib64 or <dir>/lib.
    if [[ -n $SMI && ${SMI%/*} == */bin ]]; then
        n=$(cd "${SMI%/*}/.." && pwd)
        if [[ $n != /usr && $n != / && ( -e $n/lib64/libnvidia-ml.so.1 || -e $n/lib/libnvidia-ml.so.1 ) ]]; then
            DRIVER_DIR=$n
        fi
    fi
    result host.nvidia-smi "$([[ -n $SMI ]] && echo ok || echo info)" "${SMI:-not found}"
    result host.libnvidia-ml "$([[ -n $NVML ]] && echo ok || echo info)" "${NVML:-not found}"
    result host.libcuda "$([[ -n $CUDA_LIB ]] && echo ok || echo info)" "${CUDA_LIB:-not found}"
    result host.driver-folder info "${DRIVER_DIR:-none of its own}"
    if [[ -n $DRIVER_DIR ]]; then
        say "driver folder contents:"
        find "$DRIVER_DIR" -maxdepth 2 2>/dev/null | head -n 60 | sed 's/^/    /'
        say "mount of the driver folder: $(awk -v d="$DRIVER_DIR" '$2 == d { print $3, $4 }' /proc/self/mounts)"
    fi
    if [[ -n $SMI ]]; then
        say "ldd $SMI:"
        ldd "$SMI" 2>&1 | sed 's/^/    /'
        local line
        line=$("$SMI" -L 2>&1 | head -n 4)
        result host.nvidia-smi-L "$([[ $line == GPU\ * ]] && echo ok || echo info)" "${line//$'\n'/ | }"
        line=$("$SMI" --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -n 4)
        result host.query info "${line//$'\n'/ | }"
    fi
    if [[ -n $CUDA_LIB && -f $PACK/cuda-probe ]]; then
        line=$(LD_LIBRARY_PATH=${CUDA_LIB%/*} timeout 60 "$WORK/bin/cuda-probe" 2>&1)
        result host.cuda "$([[ $line == *"context created"* ]] && echo ok || echo info)" "${line//$'\n'/ | }"
    fi
}

# --- private engine -------------------------------------------------------------------------

unpack_engine() {
    section "engine: unpack"
    mkdir -p "$WORK"
    if [[ -z ${GPU_CHECK_NO_TMPFS:-} ]] && mount -t tmpfs -o size=8g,mode=0711 bodhi-gpu-check "$WORK" 2>/dev/null; then
        MOUNTED_TMPFS=1
        say "tmpfs mounted on $WORK"
    else
        say "no tmpfs on $WORK (working on $(stat -fc %T "$WORK"))"
    fi
    mkdir -p "$WORK/bin" "$WORK/lib" "$WORK/containerd" "$WORK/data" "$WORK/run" "$WORK/site"
    local f name pids=()
    for f in "$PACK"/bin/*.xz; do
        name=${f##*/}
        name=${name%.xz}
        { unxz_to_stdout "$f" >"$WORK/bin/$name" && chmod 0755 "$WORK/bin/$name"; } &
        pids+=($!)
    done
    for f in "${pids[@]}"; do wait "$f" || { result engine.unpack fail "unpacking failed"; return 1; }; done
    ln -sf tini-static "$WORK/bin/docker-init"
    [[ -f $PACK/cuda-probe ]] && install -m 0755 "$PACK/cuda-probe" "$WORK/bin/cuda-probe"
    local missing
    missing=$(ldd "$WORK/bin/dockerd" "$WORK/bin/runc" 2>&1 | grep 'not found' | sort -u || true)
    if [[ -n $missing ]]; then
        say "missing libraries, using the packed ones: ${missing//$'\n'/; }"
        unxz_to_stdout "$PACK/lib.tar.xz" | tar -C "$WORK/lib" -xf -
        export LD_LIBRARY_PATH=$WORK/lib
    fi
    local v
    for name in dockerd containerd runc docker; do
        v=$("$WORK/bin/$name" --version 2>&1 | head -n 1)
        say "$name: $v"
    done
    result engine.unpack ok "$(du -sh "$WORK/bin" | cut -f1) of binaries"
}

ensure_cgroups() {
    if ! awk '$2 == "/sys/fs/cgroup" { found = 1 } END { exit !found }' /proc/self/mounts; then
        if mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null; then
            MOUNTED_CGROUP=1
            say "mounted cgroup2 on /sys/fs/cgroup"
        else
            say "no cgroup filesystem, and mounting cgroup2 failed"
        fi
    fi
}

# wait_for SECONDS PID CMD...: polls CMD while PID lives.
wait_for() {
    local deadline=$((SECONDS + $1)) pid=$2
    shift 2
    until "$@" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || return 1
        ((SECONDS < deadline)) || return 1
        sleep 0.3
    done
}

start_containerd() {
    local sock=$WORK/containerd/containerd.sock
    mkdir -p "$WORK/containerd/root" "$WORK/containerd/state" "$WORK/containerd/opt"
    cat >"$WORK/containerd/config.toml" <<EOF
version = 2
root = "$WORK/containerd/root"
state = "$WORK/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]

[grpc]
  address = "$sock"

[ttrpc]
  address = "$sock.ttrpc"

[debug]
  address = ""

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = "$WORK/containerd/opt"
EOF
    PATH=$WORK/bin:$PATH "$WORK/bin/containerd" --config "$WORK/containerd/config.toml" \
        >>"$OUTDIR/containerd.log" 2>&1 </dev/null &
    CONTAINERD_PID=$!
    if wait_for 30 "$CONTAINERD_PID" test -S "$sock"; then
        say "containerd: pid $CONTAINERD_PID"
        return 0
    fi
    tail -n 20 "$OUTDIR/containerd.log"
    return 1
}

# start_dockerd EXTRA_FLAGS...: one attempt; 0 when `docker info` answers.
start_dockerd() {
    printf '{\n  "init-path": "%s",\n  "userland-proxy-path": "%s"\n}\n' "$WORK/bin/docker-init" "$WORK/bin/docker-proxy" \
        >"$WORK/daemon.json"
    rm -f "$WORK/docker.sock" "$WORK/dockerd.pid"
    printf '\n--- dockerd %s\n' "$*" >>"$OUTDIR/dockerd.log"
    PATH=$WORK/bin:$PATH "$WORK/bin/dockerd" \
        --config-file "$WORK/daemon.json" \
        --data-root "$WORK/data" \
        --exec-root "$WORK/run" \
        --pidfile "$WORK/dockerd.pid" \
        --host "unix://$WORK/docker.sock" \
        --containerd "$WORK/containerd/containerd.sock" \
        "$@" >>"$OUTDIR/dockerd.log" 2>&1 </dev/null &
    DOCKERD_PID=$!
    if wait_for 40 "$DOCKERD_PID" docker info; then
        return 0
    fi
    say "dockerd $* did not come up:"
    tail -n 15 "$OUTDIR/dockerd.log" | sed 's/^/    /'
    stop_pid "$DOCKERD_PID" dockerd
    DOCKERD_PID=
    return 1
}

start_engine() {
    section "engine: start"
    ensure_cgroups
    export DOCKER_HOST=unix://$WORK/docker.sock
    export DOCKER_CONFIG=$WORK/docker-config
    export PATH=$WORK/bin:$PATH
    mkdir -p "$DOCKER_CONFIG"
    start_containerd || { result engine.containerd fail "did not start (containerd.log)"; return 1; }
    local attempts=() other_engine=0 comm
    for comm in /proc/[0-9]*/comm; do
        [[ $(cat "$comm" 2>/dev/null) == dockerd ]] && other_engine=1
    done
    if ((other_engine)) || [[ -e /sys/class/net/docker0 || -n ${GPU_CHECK_NO_BRIDGE:-} ]] \
        || ! command -v iptables >/dev/null 2>&1; then
        # Another engine runs or owns docker0 here, or there is no iptables: keep off both.
        attempts=("--bridge=none --iptables=false --ip6tables=false --ip-forward=false")
    else
        attempts=("" "--iptables=false --ip6tables=false --ip-forward=false" "--bridge=none --iptables=false --ip6tables=false --ip-forward=false")
    fi
    local flags
    for flags in "${attempts[@]}"; do
        # shellcheck disable=SC2086  # the flags are words on purpose
        if start_dockerd $flags; then
            BRIDGE_FLAGS=$flags
            result engine.dockerd ok "pid $DOCKERD_PID; flags: ${flags:-(defaults)}; $(docker info -f 'storage={{.Driver}} cgroup={{.CgroupDriver}}/v{{.CgroupVersion}} runtime={{.DefaultRuntime}} security={{json .SecurityOptions}} runtimes={{range $k, $v := .Runtimes}}{{$k}} {{end}}' 2>&1)"
            return 0
        fi
    done
    result engine.dockerd fail "did not start with any flag set (dockerd.log)"
    return 1
}

BRIDGE_FLAGS=
NET=()

load_image() {
    section "probe image"
    if ! unxz_to_stdout "$PACK/probe-rootfs.tar.xz" | docker import \
        --change 'ENV PATH=/usr/local/nvidia/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LD_LIBRARY_PATH=/usr/local/nvidia/lib:/usr/local/nvidia/lib64' \
        --change 'ENV NVIDIA_VISIBLE_DEVICES=all' \
        --change 'ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility' \
        --change 'CMD ["sleep", "3600"]' - "$IMAGE" >/dev/null; then
        result engine.image fail "docker import failed"
        return 1
    fi
    [[ $BRIDGE_FLAGS == *bridge=none* ]] && NET=(--network none)
    local out
    out=$(docker run --rm "${NET[@]}" --label "$LABEL=1" "$IMAGE" sh -c 'echo hello from $(uname -m); id -u' 2>&1)
    result engine.container "$([[ $out == hello* ]] && echo ok || echo fail)" "${out//$'\n'/ | }"
    [[ $out == hello* ]]
}

# --- the GPU from inside containers ----------------------------------------------------------

# probe NAME EXPECT(ok|fail|info) MATCH "COMMAND WORDS" DOCKER_RUN_ARGS...: runs COMMAND in the
# probe image with those arguments; ok when it exits 0 and prints MATCH.
probe() {
    local name=$1 expect=$2 match=$3 out rc t cmd
    read -r -a cmd <<<"$4"
    shift 4
    t=$SECONDS
    say "docker run --rm ${NET[*]} $* $IMAGE ${cmd[*]}"
    out=$(timeout 60 docker run --rm "${NET[@]}" --label "$LABEL=1" "$@" "$IMAGE" "${cmd[@]}" 2>&1)
    rc=$?
    local state=fail
    if ((rc == 0)) && [[ $out == *"$match"* ]]; then state=ok; fi
    [[ $expect == fail && $state == fail ]] && state="fail(expected)"
    result "container.$name" "$state" "exit $rc in $((SECONDS - t))s: ${out//$'\n'/ | }"
    [[ $state == ok ]]
}

gpu_checks() {
    section "GPU inside containers"
    if ((${#GPU_NODES[@]} == 0)); then
        result container.device-flags info "no NVIDIA device (/dev/nvidia<N>) on this host: GPU checks skipped"
        return 0
    fi
    if [[ -z $SMI || -z $NVML ]]; then
        result container.device-flags fail "the host has NVIDIA nodes but no nvidia-smi/libnvidia-ml was found"
        return 0
    fi
    local devs=() n smi="nvidia-smi -L"
    for n in "${NODES[@]}"; do devs+=(--device "$n:$n"); done
    local files=(-v "$SMI:/usr/local/nvidia/bin/nvidia-smi:ro" -v "$NVML:/usr/local/nvidia/lib64/libnvidia-ml.so.1:ro")
    if probe device-flags ok "GPU " "$smi" "${devs[@]}" "${files[@]}"; then
        GPU_OK=1
        probe query info "," "nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader" \
            "${devs[@]}" "${files[@]}" || true
        probe non-root ok "GPU " "$smi" --user 1000:1000 "${devs[@]}" "${files[@]}" || true
    else
        probe privileged info "GPU " "$smi" --privileged "${files[@]}" || true
        probe device-flags-unconfined info "GPU " "$smi" "${devs[@]}" "${files[@]}" \
            --security-opt seccomp=unconfined --security-opt apparmor=unconfined || true
    fi
    local cuda=()
    if [[ -n $CUDA_LIB && -f $PACK/cuda-probe ]]; then
        cuda=(-v "$WORK/bin/cuda-probe:/usr/local/bin/cuda-probe:ro")
        probe cuda info "context created" cuda-probe "${devs[@]}" "${cuda[@]}" \
            -v "$CUDA_LIB:/usr/local/nvidia/lib64/libcuda.so.1:ro" || true
    fi
    if [[ -n $DRIVER_DIR ]]; then
        probe driver-folder ok "GPU " "$smi" "${devs[@]}" -v "$DRIVER_DIR:/usr/local/nvidia:ro" || true
        if ((${#cuda[@]})); then
            probe driver-folder-cuda info "context created" cuda-probe "${devs[@]}" "${cuda[@]}" \
                -v "$DRIVER_DIR:/usr/local/nvidia:ro" || true
        fi
    fi
    probe no-devices fail "GPU " "$smi" "${files[@]}" || true
    probe gpus-all info "GPU " "$smi" --gpus all || true
}

project_check() {
    section "project code (bodhi_gen)"
    local py=${GPU_CHECK_PYTHON:-python3}
    if ! command -v "$py" >/dev/null 2>&1; then
        result project.python info "no $py here: skipped"
        return 0
    fi
    say "python: $("$py" -V 2>&1) at $(command -v "$py")"
    if ! "$py" -c 'import pydantic, python_on_whales' 2>/dev/null; then
        if ! "$py" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
            --target "$WORK/site" "$PACK"/whl/*.whl >"$OUTDIR/pip.log" 2>&1; then
            result project.wheels fail "pip install of the packed wheels failed: $(tail -n 3 "$OUTDIR/pip.log")"
            return 0
        fi
        export PYTHONPATH=$WORK/site
    fi
    export PYTHONPATH=generator${PYTHONPATH:+:$PYTHONPATH}
    local args=(--image "$IMAGE") n
    for n in "${NODES[@]}"; do args+=(--device "$n"); done
    if [[ -n $SMI && -n $NVML ]]; then
        args+=(--copy "$SMI:/usr/local/nvidia/bin/nvidia-smi" --copy "$NVML:/usr/local/nvidia/lib64/libnvidia-ml.so.1")
    fi
    [[ $BRIDGE_FLAGS == *bridge=none* ]] && args+=(--no-network)
    PYTHONUNBUFFERED=1 timeout 180 "$py" scripts/gpu/project_probe.py "${args[@]}" 2>&1 | tee -a "$SUMMARY.project"
    local rc=${PIPESTATUS[0]}
    grep '^RESULT' "$SUMMARY.project" >>"$SUMMARY"
    rm -f "$SUMMARY.project"
    say "project_probe.py exited $rc"
}

# --- cleanup ----------------------------------------------------------------------------------

stop_pid() {
    local pid=$1 name=$2 i
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
        sleep 0.25
    done
    say "$name (pid $pid) ignored TERM; killing it"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

# shellcheck disable=SC2329  # invoked by the EXIT trap
cleanup() {
    section "cleanup"
    if [[ -n $DOCKERD_PID ]] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
        local ids
        ids=$(docker ps -aq --filter "label=$LABEL" 2>/dev/null)
        # shellcheck disable=SC2086  # one id per word
        [[ -n $ids ]] && docker rm -f $ids >/dev/null 2>&1
    fi
    stop_pid "$DOCKERD_PID" dockerd
    stop_pid "$CONTAINERD_PID" containerd
    # Shims the engine started detach from it: end those that run our binary, by PID.
    local exe pid
    for exe in /proc/[0-9]*/exe; do
        pid=${exe#/proc/}
        pid=${pid%/exe}
        [[ $(readlink "$exe" 2>/dev/null) == "$WORK"/bin/* ]] && kill -TERM "$pid" 2>/dev/null
    done
    # Mounts the engine left below $WORK (overlay layers, netns files), deepest first, then $WORK.
    local m
    while read -r m; do
        umount -l "$m" 2>/dev/null
    done < <(awk -v d="$WORK/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
    if ((MOUNTED_TMPFS)); then
        umount -l "$WORK" 2>/dev/null && say "tmpfs unmounted"
    fi
    rm -rf --one-file-system "$WORK" 2>/dev/null
    if ((MOUNTED_CGROUP)); then
        umount /sys/fs/cgroup 2>/dev/null || say "cgroup2 left mounted (busy)"
    fi
    say "done in $((SECONDS - T0))s"
}

main() {
    [[ $(id -u) -eq 0 ]] || { echo "must run as root (starts dockerd)" >&2; return 2; }
    [[ -d $PACK/bin ]] || { echo "$PACK/bin missing: run scripts/gpu/prepare.sh first" >&2; return 2; }
    if [[ -e $WORK ]]; then
        echo "$WORK exists (an earlier run still going, or not cleaned up); remove it first" >&2
        return 2
    fi
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    facts
    unpack_engine || return 1
    discover
    if start_engine && load_image; then
        gpu_checks
        project_check
    fi
    section "summary"
    cat "$SUMMARY"
    if ((${#GPU_NODES[@]})) && ((!GPU_OK)); then
        return 1
    fi
    return 0
}

( main ) 2>&1 | tee "$LOG"
exit "${PIPESTATUS[0]}"
