#!/usr/bin/env bash
# `npm start`: the whole system in containers, gateway on http://localhost:${GATEWAY_PORT:-8080}.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_docker
build_images
step "starting the stack (docker compose up --wait)"
compose up -d --wait --wait-timeout 300 "$@"
compose ps
port="${GATEWAY_PORT:-8080}"
step "ready: http://localhost:${port}/api/catalog/products  (docs: http://localhost:${port}/api/docs)"
