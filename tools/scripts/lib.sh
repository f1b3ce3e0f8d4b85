# Shared helpers of the project's shell scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COMPOSE_FILE="$ROOT/deploy/compose/docker-compose.yml"
STARTED_AT=$(date +%s)

step() { printf '\n==> [%4ss] %s\n' "$(( $(date +%s) - STARTED_AT ))" "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

compose() { docker compose -f "$COMPOSE_FILE" "$@"; }

# npm dependencies, installed when missing or when the lockfile changed since the last install.
ensure_node_modules() {
  local stamp="$ROOT/node_modules/.shop-lock-stamp"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$ROOT/package-lock.json"; then return 0; fi
  step "installing npm dependencies (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
  cp "$ROOT/package-lock.json" "$stamp"
}

# A Docker engine, compose v2, the base images (official ones when a registry answers, local
# stand-ins built by deploy/offline otherwise) and Chromium for the browser tests.
ensure_docker() {
  local provision="$ROOT/deploy/offline/provision.sh"
  if docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1 && base_images_present \
    && [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "Docker engine, compose, base images or Chromium missing: provisioning ($provision)"
    bash "$provision"
  else
    die "Docker is not ready (engine, compose v2, base images or Chromium missing).
  On a machine with Docker Desktop/Engine: start it and make sure 'docker compose version' works.
  On a Debian machine without an image registry, run as root:  sudo bash deploy/offline/provision.sh"
  fi
}

image_setting() { # NAME DEFAULT: environment, then deploy/compose/.env, then the official default
  local name="$1" default="$2" value="${!1:-}"
  if [ -z "$value" ] && [ -f "$ROOT/deploy/compose/.env" ]; then
    value=$(sed -n "s/^${name}=//p" "$ROOT/deploy/compose/.env" | tail -n 1)
  fi
  echo "${value:-$default}"
}

base_images_present() {
  local image
  for image in "$(image_setting NODE_IMAGE node:24-trixie-slim)" \
               "$(image_setting POSTGRES_IMAGE postgres:17)" \
               "$(image_setting KAFKA_IMAGE apache/kafka:4.4.0)"; do
    docker image inspect "$image" >/dev/null 2>&1 && continue
    # Not here: try the registry once, briefly.
    timeout 120 docker pull -q "$image" >/dev/null 2>&1 || return 1
  done
}

build_images() {
  step "building service images (docker compose build; cached layers are reused)"
  COMPOSE_PROGRESS=plain compose build
}
