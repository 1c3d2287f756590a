# Stand-in for ghcr.io/bodhisearch/llama.cpp:latest-<variant>: a non-root `llama`
# user owning /app, a fake llama-server at /app/bin/<triple>/<variant>/llama-server
# (GPU variants also carry the cpu one), and for GPU variants a fake probe tool under
# the real name with the image's own HEALTHCHECK on it. See README.md.
ARG DEBIAN_IMAGE=bodhi-test/debian:bookworm
ARG VARIANT=cpu

FROM ${DEBIAN_IMAGE} AS common
ARG VARIANT
ARG TRIPLE=x86_64-unknown-linux-gnu
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl passwd \
    && rm -rf /var/lib/apt/lists/*

COPY llama-server.sh gpu-probe.sh /usr/local/lib/bodhi-fixture/
RUN case "${VARIANT}" in cpu | cuda | rocm | vulkan) ;; *) echo "unknown VARIANT '${VARIANT}'" >&2 && exit 1 ;; esac \
    && useradd --uid 1000 --user-group --create-home --shell /bin/bash llama \
    && for variant in "${VARIANT}" cpu; do \
        install -D -m 0755 /usr/local/lib/bodhi-fixture/llama-server.sh "/app/bin/${TRIPLE}/${variant}/llama-server"; \
    done \
    && chmod 0755 /usr/local/lib/bodhi-fixture/*.sh \
    && chown -R llama:llama /app

# One stage per variant for the probe and its HEALTHCHECK (HEALTHCHECK takes no ARGs).
FROM common AS variant-cpu
HEALTHCHECK --interval=30s --timeout=5s CMD ["curl", "-fsS", "http://localhost:8080/health"]

FROM common AS variant-cuda
RUN ln -s /usr/local/lib/bodhi-fixture/gpu-probe.sh /usr/local/bin/nvidia-smi
HEALTHCHECK --interval=30s --timeout=5s CMD ["nvidia-smi"]

FROM common AS variant-rocm
RUN ln -s /usr/local/lib/bodhi-fixture/gpu-probe.sh /usr/local/bin/rocm-smi
HEALTHCHECK --interval=30s --timeout=5s CMD ["rocm-smi"]

FROM common AS variant-vulkan
RUN ln -s /usr/local/lib/bodhi-fixture/gpu-probe.sh /usr/local/bin/vulkaninfo
HEALTHCHECK --interval=30s --timeout=5s CMD ["vulkaninfo", "--summary"]

# A stage of this file, not a registry image (DL3006).
# hadolint ignore=DL3006
FROM variant-${VARIANT}
ARG VARIANT
ARG TRIPLE=x86_64-unknown-linux-gnu
LABEL org.opencontainers.image.title="bodhi-test llama.cpp base (${VARIANT})" \
      org.opencontainers.image.description="Test stand-in for ghcr.io/bodhisearch/llama.cpp:latest-${VARIANT}" \
      bodhi-test.variant="${VARIANT}" \
      bodhi-test.triple="${TRIPLE}"
# The real images name their user; derived images rely on that name (DL3066).
# hadolint ignore=DL3066
USER llama
WORKDIR /app
