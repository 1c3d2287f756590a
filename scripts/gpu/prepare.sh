#!/usr/bin/env bash
# Packs what scripts/gpu/device-check.sh needs on a GPU machine that has no network into
# .gpu/ (git-ignored; add "/.gpu/" to .git/info/exclude), small enough to travel with the
# working tree (about 50 MiB):
#
#   .gpu/bin/*.xz            dockerd, docker-proxy, containerd, containerd-shim-runc-v2, docker (from the
#                            private engine that scripts/engine/up.sh unpacked), runc, tini-static
#   .gpu/xz/                 xz and liblzma, to unpack the rest where neither xz nor Python is there
#   .gpu/lib.tar.xz          libsystemd/libseccomp and their needs, used only where the GPU
#                            machine lacks them
#   .gpu/probe-rootfs.tar.xz a tiny linux/amd64 root filesystem (busybox-static + glibc) laid
#                            out like a CUDA base image: /usr/local/nvidia/{bin,lib64} empty,
#                            filled at run time from the host's driver
#   .gpu/cuda-probe          scripts/gpu/cuda_probe.c, built against this machine's glibc
#   .gpu/whl/*.whl           pydantic and python-on-whales for Python 3.12, so the project's own
#                            container code can run there
#
# Needs: root, Debian (x86-64), scripts/engine/up.sh run once, packages runc tini
# busybox-static xz-utils gcc.
#
#   bash scripts/gpu/prepare.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

OUTDIR=.gpu
ENGINE_ROOT=${BODHI_ENGINE_DIR:-.engine}/root
log() { printf '[gpu-prepare] %s\n' "$*" >&2; }
die() { printf '[gpu-prepare] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(uname -m) == x86_64 ]] || die "builds x86-64 files; run it on an x86-64 machine"
[[ -x $ENGINE_ROOT/usr/sbin/dockerd ]] || die "$ENGINE_ROOT has no dockerd: run scripts/engine/up.sh first"

find_bin() {
    local p
    for p in "$@"; do
        [[ -x $p ]] && { printf '%s\n' "$p"; return 0; }
    done
    return 1
}

RUNC=$(find_bin "$(command -v runc || true)" /usr/sbin/runc) || die "runc not found (package runc)"
TINI=$(find_bin "$(command -v tini-static || true)" /usr/bin/tini-static) || die "tini-static not found (package tini)"
BUSYBOX=$(find_bin "$(command -v busybox || true)" /bin/busybox) || die "busybox not found (package busybox-static)"
file -L "$BUSYBOX" | grep -q 'statically linked' || die "$BUSYBOX is not static (package busybox-static)"

mkdir -p "$OUTDIR/bin" "$OUTDIR/whl"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- engine binaries ------------------------------------------------------------------
pids=()
for src in "$ENGINE_ROOT/usr/sbin/dockerd" "$ENGINE_ROOT/usr/sbin/docker-proxy" "$ENGINE_ROOT/usr/bin/containerd" \
    "$ENGINE_ROOT/usr/bin/containerd-shim-runc-v2" "$ENGINE_ROOT/usr/bin/docker" "$RUNC" "$TINI"; do
    dst=$OUTDIR/bin/$(basename "$src").xz
    if [[ -s $dst && $dst -nt $src ]]; then
        continue
    fi
    log "compressing $(basename "$src")"
    xz -c --x86 --lzma2=preset=9e "$src" >"$dst.tmp" && mv "$dst.tmp" "$dst" &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

# xz itself and its library, uncompressed, for a machine with neither xz nor Python's lzma.
XZ=$(find_bin "$(command -v xz || true)" /usr/bin/xz) || die "xz not found (package xz-utils)"
mkdir -p "$OUTDIR/xz"
cp -L "$XZ" "$OUTDIR/xz/xz"
cp -L "$(ldd "$XZ" | awk '/liblzma/ { print $3 }')" "$OUTDIR/xz/"

# --- fallback libraries ---------------------------------------------------------------
mkdir -p "$work/lib"
libs=$(ldd "$ENGINE_ROOT/usr/sbin/dockerd" "$RUNC" | awk '/=> \// { print $3 }' | sort -u)
for lib in $libs; do
    case ${lib##*/} in
        libc.so.* | ld-linux*) ;;
        *) cp -L "$lib" "$work/lib/" ;;
    esac
done
tar -C "$work/lib" -cJf "$OUTDIR/lib.tar.xz" .

# --- probe root filesystem ------------------------------------------------------------
root=$work/rootfs
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/lib/x86_64-linux-gnu" "$root/lib64" \
    "$root/usr/local/nvidia/bin" "$root/usr/local/nvidia/lib64"
install -m 0755 "$BUSYBOX" "$root/bin/busybox"
while read -r applet; do
    [[ $applet == busybox ]] || ln -s busybox "$root/bin/$applet"
done < <("$BUSYBOX" --list)
for lib in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 \
    libresolv.so.2 libnss_files.so.2 libgcc_s.so.1 libz.so.1; do
    src=/lib/x86_64-linux-gnu/$lib
    [[ -e $src ]] && cp -L "$src" "$root/lib/x86_64-linux-gnu/$lib"
done
ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"
chmod 1777 "$root/tmp"
printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
    >"$root/etc/passwd"
printf '%s\n' 'root:x:0:' 'video:x:44:' 'nogroup:x:65534:' >"$root/etc/group"
tar --numeric-owner --owner=0 --group=0 -C "$root" -cJf "$OUTDIR/probe-rootfs.tar.xz" .

# --- the CUDA driver probe ----------------------------------------------------------------
gcc -O2 -Wall -Wextra -Werror -o "$OUTDIR/cuda-probe" scripts/gpu/cuda_probe.c -ldl

# --- wheels for the device's Python 3.12 ----------------------------------------------
# The versions the project's virtual environment holds.
PY=${PYTHON:-.venv/bin/python}
mapfile -t pins < <("$PY" -c '
from importlib.metadata import version
for name in ("pydantic", "pydantic_core", "annotated-types", "typing-inspection", "typing_extensions",
             "python-on-whales"):
    print(f"{name}=={version(name)}")')
rm -f "$OUTDIR"/whl/*.whl
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    -d "$OUTDIR/whl" "${pins[@]}"

log "ready: $(du -sh "$OUTDIR" | cut -f1) in $OUTDIR"
