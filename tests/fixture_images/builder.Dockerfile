# Stand-in for both the Rust builder image and the Node image of BodhiApp's Dockerfiles:
# Debian bookworm's cargo/rustc (1.63 era) and nodejs 18 + npm. See README.md.
ARG DEBIAN_IMAGE=bodhi-test/debian:bookworm
FROM ${DEBIAN_IMAGE}

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Debian's versions move with point releases and old ones leave the mirror, so pinning
# them would only make this image unbuildable later (DL3008).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates \
        cargo \
        curl \
        nodejs \
        npm \
        unzip \
    && rm -rf /var/lib/apt/lists/*

# Same CARGO_HOME as the official rust image, so cache mounts aimed at
# /usr/local/cargo/registry behave alike. npm must not reach for the registry on
# its own (audit, funding, update checks): the test containers are offline.
ENV CARGO_HOME=/usr/local/cargo \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false

RUN cargo --version && rustc --version && node --version && npm --version
