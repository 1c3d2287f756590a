#!/bin/sh
# Stand-in for llama.cpp's llama-server in the bodhi-test/llama-base images.
# It learns its identity from where it is installed,
# /app/bin/<triple>/<variant>/llama-server, prints its arguments and exits.
set -eu

dir=$(dirname "$0")
variant=$(basename "$dir")
triple=$(basename "$(dirname "$dir")")

if [ "${1:-}" = "--version" ]; then
    echo "version: 0 (fixture)"
    echo "built for ${triple} (${variant})"
    exit 0
fi

echo "llama-server (fixture) variant=${variant} target=${triple}"
echo "args: $*"
