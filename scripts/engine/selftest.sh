#!/usr/bin/env bash
# Manual check of the private engine started by scripts/engine/up.sh (run by nothing
# automatically). Clears the engine's build cache first, so do not run it while
# another build uses the engine.
#
# Checks: BuildKit secrets; registry cache export (mode=max) + push; cache import after
# `buildx prune` (CACHED steps); `docker run --init` with a published port; push by
# both busybox platforms and a multi-platform index merged by digest with imagetools;
# a RUN step reaching a server on the host's 127.0.0.1 with `--network host`;
# apt-get against the Debian mirror inside a build.
set -euo pipefail

# shellcheck source=scripts/engine/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -f $ENGINE_DIR/env ]] || die "no ${ENGINE_DIR}/env: run scripts/engine/up.sh first"
# shellcheck source=/dev/null
source "$ENGINE_DIR/env"
docker info >/dev/null 2>&1 || die "engine not answering at $DOCKER_HOST: run scripts/engine/up.sh"

REG=$BODHI_TEST_REGISTRY
ARCH=$(dpkg --print-architecture)
NONCE=$(date +%s)-$$
WORK=$(mktemp -d "$ENGINE_DIR/selftest.XXXXXX")
HTTP_PID=""
CID=""
PASSED=0

cleanup() {
    [[ -n $CID ]] && docker rm -f "$CID" >/dev/null 2>&1
    [[ -n $HTTP_PID ]] && kill "$HTTP_PID" 2>/dev/null
    docker image rm -f selftest:cached >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

step() { STEP_T0=$SECONDS; log "--- $*"; }
pass() { PASSED=$((PASSED + 1)); log "PASS ($((SECONDS - STEP_T0))s): $*"; }
fail() { log "FAIL: $*"; exit 1; }

# 1. secret + registry cache export + push -------------------------------------------
step "build with a secret, --cache-to registry (mode=max), --push"
docker buildx prune -af >/dev/null
mkdir -p "$WORK/secret"
printf 'tok-%s' "$NONCE" >"$WORK/tok"
cat >"$WORK/secret/Dockerfile" <<'EOF'
FROM bodhi-test/debian:bookworm
RUN --mount=type=secret,id=tok,required=true \
    test "$(cut -c1-4 /run/secrets/tok)" = "tok-" && echo secret-seen >/secret-seen
RUN date +%s%N >/stamp
EOF
docker image rm -f "$REG/selftest:latest" >/dev/null 2>&1 || true
docker buildx build --progress=plain --secret id=tok,src="$WORK/tok" \
    --cache-to "type=registry,ref=$REG/selftest:cache,mode=max" \
    --push -t "$REG/selftest:latest" "$WORK/secret" >"$WORK/build1.log" 2>&1 \
    || { tail -n 40 "$WORK/build1.log"; fail "first build"; }
curl -fsS -o /dev/null "http://$REG/v2/selftest/manifests/cache" \
    -H 'Accept: application/vnd.oci.image.index.v1+json' || fail "cache manifest not in registry"
curl -fsS -o /dev/null "http://$REG/v2/selftest/manifests/latest" \
    -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
    || fail "pushed image not in registry"
docker run --rm "$REG/selftest:latest" sh -c 'test -f /secret-seen && ! test -e /run/secrets/tok' \
    || fail "secret step did not run, or the secret leaked into the image"
stamp1=$(docker run --rm "$REG/selftest:latest" cat /stamp)
pass "secret used and not stored; cache and image pushed to $REG"

# 2. cache import after prune ------------------------------------------------------------
step "prune, rebuild with --cache-from registry"
docker buildx prune -af >/dev/null
docker image rm -f "$REG/selftest:latest" >/dev/null 2>&1 || true
docker buildx build --progress=plain --secret id=tok,src="$WORK/tok" \
    --cache-from "type=registry,ref=$REG/selftest:cache" \
    -t selftest:cached --load "$WORK/secret" >"$WORK/build2.log" 2>&1 \
    || { tail -n 40 "$WORK/build2.log"; fail "cached build"; }
# The step whose layer is exported is pulled from the cache rather than marked CACHED;
# the timestamp it wrote proves it did not run again.
cached=$(grep -c ' CACHED$' "$WORK/build2.log" || true)
stamp2=$(docker run --rm selftest:cached cat /stamp)
(( cached >= 1 )) && [[ $stamp1 == "$stamp2" ]] \
    || { cat "$WORK/build2.log"; fail "cache not used (CACHED lines: $cached, stamps $stamp1 / $stamp2)"; }
pass "RUN steps reused from the registry cache ($cached marked CACHED, last layer pulled)"

# 3. docker run --init with a published port -----------------------------------------------
step "docker run --init -p 127.0.0.1::8080 (busybox httpd)"
CID=$(docker run -d --rm --init -p 127.0.0.1::8080 "bodhi-test/busybox:$ARCH" \
    sh -c "mkdir -p /tmp/www && echo hello-$NONCE >/tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www")
hostport=$(docker port "$CID" 8080/tcp | head -n 1)
[[ $hostport == 127.0.0.1:* ]] || fail "unexpected published address: $hostport"
body=""
for _ in $(seq 1 40); do
    body=$(curl -fsS --max-time 2 "http://$hostport/" 2>/dev/null) && break
    sleep 0.25
done
[[ $body == "hello-$NONCE" ]] || fail "curl http://$hostport/ gave '$body'"
t_stop=$SECONDS
docker stop -t 10 "$CID" >/dev/null
(( SECONDS - t_stop < 5 )) || fail "container ignored SIGTERM (stop took $((SECONDS - t_stop))s)"
CID=""
pass "curl through $hostport answered; container stopped on SIGTERM"

# 4. per-platform push, merge by digest with imagetools -------------------------------------
# The docker driver refuses push-by-digest=true ("not implemented for docker driver"), so
# each platform is pushed under a temporary tag and merged by the digests buildx reports.
step "push amd64 + arm64 (no RUN step), merge by digest with imagetools create"
mkdir -p "$WORK/bb"
echo "bb-$NONCE" >"$WORK/bb/hello.txt"
cat >"$WORK/bb/Dockerfile" <<'EOF'
FROM bodhi-test/busybox:${TARGETARCH}
COPY hello.txt /hello.txt
EOF
refs=()
for arch in amd64 arm64; do
    docker buildx build --progress=plain --platform "linux/$arch" \
        --metadata-file "$WORK/meta-$arch.json" \
        --output "type=image,name=$REG/selftest-bb:build-$arch,push=true" \
        "$WORK/bb" >"$WORK/bb-$arch.log" 2>&1 \
        || { tail -n 40 "$WORK/bb-$arch.log"; fail "push ($arch)"; }
    digest=$(grep -o '"containerimage.digest": *"sha256:[0-9a-f]*"' "$WORK/meta-$arch.json" \
        | grep -o 'sha256:[0-9a-f]*')
    [[ -n $digest ]] || fail "no digest in metadata ($arch)"
    curl -fsS -o /dev/null "http://$REG/v2/selftest-bb/manifests/$digest" \
        -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
        || fail "digest $digest ($arch) not in registry"
    refs+=("$REG/selftest-bb@$digest")
done
docker buildx imagetools create -t "$REG/selftest-bb:multi" "${refs[@]}" >"$WORK/merge.log" 2>&1 \
    || { cat "$WORK/merge.log"; fail "imagetools create"; }
docker buildx imagetools inspect "$REG/selftest-bb:multi" >"$WORK/inspect.log" 2>&1 \
    || { cat "$WORK/inspect.log"; fail "imagetools inspect"; }
for plat in linux/amd64 linux/arm64; do
    grep -q "$plat" "$WORK/inspect.log" || { cat "$WORK/inspect.log"; fail "merged index lacks $plat"; }
done
# Plain `docker push` of the local arm64 base, then read back by digest.
docker tag bodhi-test/busybox:arm64 "$REG/selftest-bb:base-arm64"
digest=$(docker push "$REG/selftest-bb:base-arm64" 2>&1 | grep -o 'digest: sha256:[0-9a-f]*' | cut -d' ' -f2)
docker image rm "$REG/selftest-bb:base-arm64" >/dev/null
[[ -n $digest ]] || fail "docker push of the arm64 base printed no digest"
docker buildx imagetools inspect --format '{{json .Image}}' "$REG/selftest-bb@$digest" \
    | grep -q '"architecture": *"arm64"' || fail "$REG/selftest-bb@$digest is not linux/arm64"
pass "both platforms pushed; $REG/selftest-bb:multi (by digest) lists linux/amd64 and linux/arm64"

# 5. --network host reaches the host's loopback ------------------------------------------------
step "build RUN step reaching 127.0.0.1 on the host (--network host)"
mkdir -p "$WORK/www" "$WORK/net"
echo "host-$NONCE" >"$WORK/www/hostfile.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/www" "$port" >"$WORK/http.log" 2>&1 &
HTTP_PID=$!
for _ in $(seq 1 40); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/hostfile.txt" && break
    sleep 0.25
done
cat >"$WORK/net/Dockerfile" <<EOF
FROM bodhi-test/busybox:$ARCH
ARG NONCE
RUN wget -qO- http://127.0.0.1:$port/hostfile.txt | grep -qx "host-\$NONCE"
EOF
docker buildx build --progress=plain --network host --build-arg NONCE="$NONCE" \
    --output type=cacheonly "$WORK/net" >"$WORK/net.log" 2>&1 \
    || { tail -n 30 "$WORK/net.log"; fail "--network host build could not reach 127.0.0.1:$port"; }
kill "$HTTP_PID" 2>/dev/null || true
HTTP_PID=""
pass "RUN wget http://127.0.0.1:$port/ succeeded with --network host"

# 6. apt-get against the Debian mirror inside a build --------------------------------------
step "apt-get update + install inside a build (default network)"
mkdir -p "$WORK/apt"
cat >"$WORK/apt/Dockerfile" <<'EOF'
FROM bodhi-test/debian:bookworm
ARG NONCE
RUN echo "$NONCE" >/dev/null \
 && apt-get update -q \
 && apt-get install -y -q --no-install-recommends hello \
 && hello
EOF
docker buildx build --progress=plain --build-arg NONCE="$NONCE" \
    --output type=cacheonly "$WORK/apt" >"$WORK/apt.log" 2>&1 \
    || { tail -n 30 "$WORK/apt.log"; fail "apt-get inside a build"; }
pass "apt-get reached the mirror from a build container"

log "selftest: $PASSED checks passed"
