#!/usr/bin/env bash
# Install and start a private Docker engine (dockerd + containerd, BuildKit with the
# containerd image store) and a local OCI registry on 127.0.0.1:5000, then build the
# local base images the tests use. Idempotent: a second run only checks and reuses.
#
#   scripts/engine/up.sh            # start (or confirm) everything
#   source .engine/env              # DOCKER_HOST, DOCKER_CONFIG, PATH, BODHI_TEST_REGISTRY
#   scripts/engine/down.sh          # stop what up.sh started
#
# Needs root, Debian bookworm and access to a Debian package mirror (nothing else).
# System packages installed with apt-get (bookworm): runc tini iptables debootstrap
# docker-registry busybox-static curl ca-certificates. The engine itself comes from
# Debian trixie (docker.io, containerd, docker-cli, docker-buildx): downloaded with a
# private apt configuration and unpacked into .engine/root, so no system package is
# replaced and the system's apt setup is left unchanged.
#
# Images built locally (no registry needed):
#   bodhi-test/debian:bookworm   debootstrap --variant=minbase (host architecture)
#   bodhi-test/busybox:amd64     FROM-scratch busybox-static, linux/amd64
#   bodhi-test/busybox:arm64     FROM-scratch busybox-static, linux/arm64
set -euo pipefail

# shellcheck source=scripts/engine/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST_PKGS=(runc tini iptables debootstrap docker-registry busybox-static curl ca-certificates)
ENGINE_PKGS=(docker.io containerd docker-cli docker-buildx)
BUSYBOX_ARCHES=(amd64 arm64)
DEBIAN_TAG=bodhi-test/debian:bookworm
DEBIAN_TAR=$ENGINE_CACHE/debootstrap-bookworm.tar
DEB_CACHE=$ENGINE_CACHE/engine-debs
APT_DIR=$ENGINE_CACHE/engine-apt

[[ $(id -u) -eq 0 ]] || die "must run as root (installs packages, starts dockerd)"
command -v dpkg >/dev/null || die "needs a Debian system (dpkg not found)"
HOST_ARCH=$(dpkg --print-architecture)
T0=$SECONDS
take_lock

mkdir -p "$ENGINE_DIR" "$ENGINE_CACHE" "$DEB_CACHE"

# Unix socket paths are limited to 107 bytes; containerd adds ".ttrpc" to its socket.
(( ${#ENGINE_CONTAINERD_SOCK} + 6 < 100 )) \
    || die "engine folder path too long for unix sockets: $ENGINE_DIR (set BODHI_ENGINE_DIR to a shorter path)"

# --- 1. system packages (bookworm) ------------------------------------------------

install_host_packages() {
    local missing=() p
    for p in "${HOST_PKGS[@]}"; do
        if [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) != installed ]]; then
            missing+=("$p")
        fi
    done
    if (( ${#missing[@]} == 0 )); then
        log "system packages: already installed"
        return
    fi
    log "system packages: installing ${missing[*]}"
    local aptlog=$ENGINE_DIR/apt-install.log
    if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$aptlog" 2>&1; then
        tail -n 30 "$aptlog" >&2
        die "apt-get failed (full log: $aptlog)"
    fi
}

# The Debian mirror apt already uses (http), unless BODHI_DEBIAN_MIRROR says otherwise.
debian_mirror() {
    local site=${BODHI_DEBIAN_MIRROR:-}
    if [[ -z $site ]]; then
        # shellcheck disable=SC2016  # $(SITE) is apt's format syntax, not a shell expansion
        site=$(apt-get indextargets --format '$(SITE) $(RELEASE)' 2>/dev/null \
            | awk '$2 == "bookworm" { print $1; exit }') || true
    fi
    if [[ -z $site ]]; then
        site=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
                   /etc/apt/sources.list.d/*.sources 2>/dev/null \
            | grep -E '^[[:space:]]*(deb[[:space:]]|URIs:)' \
            | grep -o -E 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' | head -n 1 | tr -d '[:space:]') || true
    fi
    [[ -n $site ]] || die "no Debian mirror found in apt's sources; set BODHI_DEBIAN_MIRROR"
    printf '%s\n' "${site%/}"
}

# --- 2. engine packages (trixie), private apt configuration -----------------------

private_apt() {
    local arches=(-o "APT::Architectures::=$HOST_ARCH") a
    for a in "${BUSYBOX_ARCHES[@]}"; do
        [[ $a == "$HOST_ARCH" ]] || arches+=(-o "APT::Architectures::=$a")
    done
    apt-get -q \
        -o Dir::Etc::SourceList="$APT_DIR/sources.list" \
        -o Dir::Etc::SourceParts="$APT_DIR/empty" \
        -o Dir::Etc::PreferencesParts="$APT_DIR/empty" \
        -o Dir::Etc::Preferences="$APT_DIR/empty/none" \
        -o Dir::State::Lists="$APT_DIR/lists" \
        -o Dir::Cache="$APT_DIR/cache" \
        -o APT::Sandbox::User=root \
        "${arches[@]}" "$@"
}

# Prints the cached .deb for package $1 and architecture $2 (nothing if absent).
cached_deb() {
    local f
    for f in "$DEB_CACHE/$1"_*_"$2".deb; do
        [[ -f $f ]] && { printf '%s\n' "$f"; return 0; }
    done
    return 0
}

fetch_engine_debs() {
    local want=() p a
    for p in "${ENGINE_PKGS[@]}"; do
        [[ -n $(cached_deb "$p" "$HOST_ARCH") ]] || want+=("$p/trixie")
    done
    for a in "${BUSYBOX_ARCHES[@]}"; do
        [[ -n $(cached_deb busybox-static "$a") ]] || want+=("busybox-static:$a/bookworm")
    done
    if (( ${#want[@]} == 0 )); then
        log "engine packages: cached"
        return
    fi
    local mirror keyring=/usr/share/keyrings/debian-archive-keyring.gpg opts=""
    mirror=$(debian_mirror)
    [[ -f $keyring ]] && opts=" signed-by=$keyring"
    mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/empty"
    local bb_arches
    bb_arches=$(IFS=,; printf '%s' "${BUSYBOX_ARCHES[*]}")
    cat >"$APT_DIR/sources.list" <<EOF
deb [arch=$HOST_ARCH$opts] $mirror trixie main
deb [arch=$bb_arches$opts] $mirror bookworm main
EOF
    log "engine packages: downloading ${want[*]} from $mirror"
    local aptlog=$ENGINE_DIR/apt-engine.log
    if ! { private_apt update && (cd "$DEB_CACHE" && private_apt download "${want[@]}"); } >"$aptlog" 2>&1; then
        tail -n 30 "$aptlog" >&2
        die "downloading engine packages failed (full log: $aptlog)"
    fi
}

unpack_engine() {
    local debs=() p stamp
    for p in "${ENGINE_PKGS[@]}"; do
        debs+=("$(cached_deb "$p" "$HOST_ARCH")")
    done
    stamp=$(printf '%s\n' "${debs[@]##*/}")
    if [[ -f $ENGINE_ROOT/.unpacked && $(cat "$ENGINE_ROOT/.unpacked") == "$stamp" ]]; then
        log "engine binaries: unpacked"
    else
        log "engine binaries: unpacking into ${ENGINE_ROOT#"$ENGINE_REPO_ROOT"/}"
        rm -rf "$ENGINE_ROOT"
        mkdir -p "$ENGINE_ROOT"
        for p in "${debs[@]}"; do dpkg -x "$p" "$ENGINE_ROOT"; done
        printf '%s\n' "$stamp" >"$ENGINE_ROOT/.unpacked"
    fi
    mkdir -p "$ENGINE_DOCKER_CONFIG/cli-plugins"
    install -m 0755 "$ENGINE_ROOT/usr/libexec/docker/cli-plugins/docker-buildx" \
        "$ENGINE_DOCKER_CONFIG/cli-plugins/docker-buildx"
}

# --- 3. daemons ---------------------------------------------------------------------

DAEMON_PATH=$ENGINE_ROOT/usr/bin:$ENGINE_ROOT/usr/sbin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# True when the daemon recorded under NAME is still the process up.sh started.
running() {
    local name pid start
    while read -r name pid start; do
        [[ $name == "$1" ]] && proc_is "$pid" "$start" && return 0
    done < <(read_pids)
    return 1
}

forget() {
    [[ -f $ENGINE_PIDS ]] || return 0
    local tmp=$ENGINE_PIDS.tmp
    awk -v n="$1" '$1 != n' "$ENGINE_PIDS" >"$tmp" || true
    mv "$tmp" "$ENGINE_PIDS"
}

# start_daemon NAME LOGFILE CMD... : starts CMD in its own session and records its PID.
start_daemon() {
    local name=$1 logf=$2 pid start
    shift 2
    forget "$name"
    printf '\n--- %s starting %s\n' "$(date -u +%FT%TZ)" "$name" >>"$logf"
    (
        # Inherit no descriptor beyond 0-2: a daemon holding a caller's pipe open
        # would keep that caller (e.g. a test runner capturing output) waiting.
        for fd in /proc/"$BASHPID"/fd/*; do
            fd=${fd##*/}
            if (( fd > 2 )); then eval "exec $fd>&-"; fi
        done
        exec setsid env PATH="$DAEMON_PATH" "$@"
    ) >>"$logf" 2>&1 </dev/null &
    pid=$!
    start=$(proc_starttime "$pid") || { tail -n 30 "$logf" >&2; die "$name exited at once (log: $logf)"; }
    printf '%s %s %s\n' "$name" "$pid" "$start" >>"$ENGINE_PIDS"
}

# wait_for NAME LOGFILE CMD... : polls CMD until it succeeds (bounded by ENGINE_WAIT).
wait_for() {
    local name=$1 logf=$2 deadline=$((SECONDS + ENGINE_WAIT))
    shift 2
    until "$@" >/dev/null 2>&1; do
        if ! running "$name"; then
            tail -n 40 "$logf" >&2
            die "$name exited while starting (log: $logf); run scripts/engine/down.sh to clean up"
        fi
        if (( SECONDS >= deadline )); then
            tail -n 40 "$logf" >&2
            die "$name did not answer within ${ENGINE_WAIT}s (log: $logf); run scripts/engine/down.sh to clean up"
        fi
        sleep 0.5
    done
}

start_containerd() {
    local cdir=$ENGINE_DIR/containerd logf=$ENGINE_DIR/containerd.log
    if running containerd; then
        log "containerd: running"
        return
    fi
    mkdir -p "$cdir/root" "$cdir/state" "$cdir/opt"
    cat >"$cdir/config.toml" <<EOF
version = 2
root = "$cdir/root"
state = "$cdir/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]

[grpc]
  address = "$ENGINE_CONTAINERD_SOCK"

[ttrpc]
  address = "$ENGINE_CONTAINERD_SOCK.ttrpc"

[debug]
  address = ""

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = "$cdir/opt"
EOF
    rm -f "$ENGINE_CONTAINERD_SOCK" "$ENGINE_CONTAINERD_SOCK.ttrpc"
    log "containerd: starting"
    start_daemon containerd "$logf" containerd --config "$cdir/config.toml"
    wait_for containerd "$logf" "$ENGINE_ROOT/usr/bin/ctr" --address "$ENGINE_CONTAINERD_SOCK" version
}

start_dockerd() {
    local logf=$ENGINE_DIR/dockerd.log init_path
    if running dockerd; then
        log "dockerd: running"
        return
    fi
    # docker-init in the package is a link to tini-static (from bookworm's tini).
    init_path=$(command -v tini-static || true)
    [[ -n $init_path ]] || die "tini-static not found (package tini)"
    cat >"$ENGINE_DIR/daemon.json" <<EOF
{
  "features": {"containerd-snapshotter": true},
  "insecure-registries": ["$ENGINE_REGISTRY_ADDR"],
  "init-path": "$init_path"
}
EOF
    mkdir -p "$ENGINE_DIR/data" "$ENGINE_DIR/run"
    rm -f "$ENGINE_DOCKER_SOCK" "$ENGINE_DIR/dockerd.pid"
    log "dockerd: starting"
    start_daemon dockerd "$logf" dockerd \
        --config-file "$ENGINE_DIR/daemon.json" \
        --data-root "$ENGINE_DIR/data" \
        --exec-root "$ENGINE_DIR/run" \
        --pidfile "$ENGINE_DIR/dockerd.pid" \
        --host "unix://$ENGINE_DOCKER_SOCK" \
        --containerd "$ENGINE_CONTAINERD_SOCK"
    wait_for dockerd "$logf" "$ENGINE_ROOT/usr/bin/docker" --host "unix://$ENGINE_DOCKER_SOCK" info
}

registry_answers() {
    curl -fs --max-time 2 -o /dev/null "http://$ENGINE_REGISTRY_ADDR/v2/"
}

start_registry() {
    local logf=$ENGINE_DIR/registry.log
    if running registry; then
        log "registry: running"
        return
    fi
    if registry_answers; then
        die "something else already serves $ENGINE_REGISTRY_ADDR; stop it first"
    fi
    mkdir -p "$ENGINE_DIR/registry"
    cat >"$ENGINE_DIR/registry.yml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $ENGINE_DIR/registry
  delete:
    enabled: true
http:
  addr: $ENGINE_REGISTRY_ADDR
EOF
    log "registry: starting on $ENGINE_REGISTRY_ADDR"
    start_daemon registry "$logf" docker-registry serve "$ENGINE_DIR/registry.yml"
    wait_for registry "$logf" registry_answers
}

write_env() {
    local bindir=$ENGINE_ROOT/usr/bin
    cat >"$ENGINE_DIR/env.tmp" <<EOF
# Written by scripts/engine/up.sh. Source it to use the private engine.
export DOCKER_HOST="unix://$ENGINE_DOCKER_SOCK"
export DOCKER_CONFIG="$ENGINE_DOCKER_CONFIG"
export BODHI_TEST_REGISTRY="$ENGINE_REGISTRY_ADDR"
export BODHI_ENGINE_DIR="$ENGINE_DIR"
case ":\$PATH:" in
  *":$bindir:"*) ;;
  *) export PATH="$bindir:\$PATH" ;;
esac
EOF
    mv "$ENGINE_DIR/env.tmp" "$ENGINE_DIR/env"
}

# --- 4. local base images -------------------------------------------------------------

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# Lazily unmounts anything still mounted below $1 (left by an interrupted debootstrap).
unmount_below() {
    local m
    while read -r m; do
        umount -l "$m" 2>/dev/null || true
    done < <(awk -v d="$1/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
}

build_debian_image() {
    if have_image "$DEBIAN_TAG"; then
        log "image $DEBIAN_TAG: present"
        return
    fi
    if [[ ! -s $DEBIAN_TAR ]]; then
        local dir=$ENGINE_DIR/debootstrap logf=$ENGINE_DIR/debootstrap.log mirror
        mirror=$(debian_mirror)
        log "debootstrap: minbase bookworm from $mirror (once; cached as ${DEBIAN_TAR#"$ENGINE_REPO_ROOT"/})"
        unmount_below "$dir"
        rm -rf --one-file-system "$dir"
        if ! debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$logf" 2>&1; then
            unmount_below "$dir"
            tail -n 30 "$logf" >&2
            die "debootstrap failed (log: $logf)"
        fi
        unmount_below "$dir"
        # Host-specific files: docker provides its own at run time.
        rm -f "$dir/etc/hostname"
        : >"$dir/etc/resolv.conf"
        rm -rf "${dir:?}"/var/cache/apt/archives/*.deb "${dir:?}"/var/lib/apt/lists/* "${dir:?}"/tmp/*
        tar --numeric-owner -C "$dir" -cf "$DEBIAN_TAR.tmp" .
        mv "$DEBIAN_TAR.tmp" "$DEBIAN_TAR"
        rm -rf --one-file-system "$dir"
    fi
    log "image $DEBIAN_TAG: importing"
    docker import --platform "linux/$HOST_ARCH" --change 'CMD ["bash"]' \
        "$DEBIAN_TAR" "$DEBIAN_TAG" >/dev/null
}

build_busybox_image() {
    local arch=$1 tag=bodhi-test/busybox:$1 deb work applet
    if have_image "$tag"; then
        log "image $tag: present"
        return
    fi
    deb=$(cached_deb busybox-static "$arch")
    [[ -n $deb ]] || die "busybox-static for $arch missing from $DEB_CACHE"
    command -v busybox >/dev/null || die "busybox not found on the host (package busybox-static)"
    log "image $tag: building (scratch + busybox-static $arch)"
    work=$ENGINE_DIR/busybox-$arch
    rm -rf "$work"
    mkdir -p "$work/deb" "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/root" "$work/rootfs/tmp"
    dpkg -x "$deb" "$work/deb"
    install -m 0755 "$work/deb/bin/busybox" "$work/rootfs/bin/busybox"
    # The applet list comes from the host's busybox-static (same Debian version).
    while read -r applet; do
        [[ $applet == busybox ]] || ln -s busybox "$work/rootfs/bin/$applet"
    done < <(busybox --list)
    chmod 1777 "$work/rootfs/tmp"
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
        >"$work/rootfs/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$work/rootfs/etc/group"
    tar --numeric-owner --owner=0 --group=0 -C "$work/rootfs" -cf "$work/rootfs.tar" .
    docker import --platform "linux/$arch" --change 'CMD ["sh"]' "$work/rootfs.tar" "$tag" >/dev/null
    rm -rf "$work"
    local got
    got=$(docker image inspect -f '{{.Os}}/{{.Architecture}}' "$tag")
    [[ $got == "linux/$arch" ]] || die "$tag has platform $got, expected linux/$arch"
}

# --- main -------------------------------------------------------------------------------

install_host_packages
fetch_engine_debs
unpack_engine
start_containerd
start_dockerd
start_registry
write_env
# shellcheck source=/dev/null
source "$ENGINE_DIR/env"
log "engine + registry ready after $((SECONDS - T0))s"

build_debian_image
for arch in "${BUSYBOX_ARCHES[@]}"; do
    build_busybox_image "$arch"
done

log "done in $((SECONDS - T0))s; use it with: source ${ENGINE_DIR#"$ENGINE_REPO_ROOT"/}/env"
