#!/usr/bin/env bash
# tools/cluster/cluster.sh — a Docker Swarm cluster on this machine, with the shop deployed on it.
#
#   npm run cluster:up        (tools/cluster/cluster.sh up)      start it (idempotent; fast when warm)
#   npm run cluster:down      (tools/cluster/cluster.sh down)    stop it and remove the nodes
#   tools/cluster/cluster.sh down --purge                        ... and the registry's images
#   tools/cluster/cluster.sh status                              nodes, services, tasks
#   tools/cluster/cluster.sh env                                 the settings, as shell variables
#   tools/cluster/cluster.sh node-image                          only build the node image (step 1)
#
# What `up` does: 1. the node image shop-local/swarm-node (a Debian trixie rootfs by debootstrap
# with docker.io and docker-registry, cached in $SHOP_OFFLINE_CACHE, as deploy/offline/provision.sh
# makes its stand-ins); 2. a network and an image registry container (Debian's docker-registry);
# 3. SHOP_SWARM_NODES Docker-in-Docker node containers (each its own engine); 4. `docker swarm
# init` on node 1 (manager; labels shop.data and shop.edge: Postgres, Kafka and the gateway run
# there) and `join` on the others (workers); 5. the images (shop/<service>:$SHOP_IMAGE_TAG and the
# Postgres and Kafka images) pushed to the registry, only those that changed; 6. `docker stack
# deploy -c deploy/swarm/stack.yml shop` with the secrets from deploy/compose/secrets (or
# $SHOP_SECRETS_DIR) as Swarm secrets; 7. waits until every service has all its replicas healthy
# and the gateway reports every service up.
#
# The host's docker CLI drives each node through the node's socket, bind-mounted at
# $SHOP_SWARM_RUN/node-N/docker.sock: e.g.
#   DOCKER_HOST=unix:///run/shop-swarm/node-1/docker.sock docker service ls
# The gateway: http://127.0.0.1:$SHOP_SWARM_GATEWAY_PORT (node 1's host-mode port 8080, forwarded).
#
# Environment: SHOP_SWARM_NODES (3), SHOP_SWARM_PREFIX (shop-swarm: names of containers, network,
# volumes), SHOP_SWARM_GATEWAY_PORT (18080), SHOP_SWARM_RUN (/run/shop-swarm), SHOP_IMAGE_TAG
# (dev), SHOP_SECRETS_DIR, POSTGRES_IMAGE / KAFKA_IMAGE (default: deploy/compose/.env's, else the
# official ones), SHOP_OFFLINE_CACHE (/var/cache/shop-offline), SHOP_DEBIAN_MIRROR,
# SHOP_SWARM_WAIT (seconds for the stack to converge, 600).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
NODE_IMAGE_DIR=$REPO_ROOT/deploy/swarm/node-image
STACK_FILE=$REPO_ROOT/deploy/swarm/stack.yml
COMPOSE_DIR=$REPO_ROOT/deploy/compose
CACHE_DIR=${SHOP_OFFLINE_CACHE:-/var/cache/shop-offline}
PREFIX=${SHOP_SWARM_PREFIX:-shop-swarm}
NODES=${SHOP_SWARM_NODES:-3}
HOST_GATEWAY_PORT=${SHOP_SWARM_GATEWAY_PORT:-18080}
RUN_DIR=${SHOP_SWARM_RUN:-/run/shop-swarm}
TAG=${SHOP_IMAGE_TAG:-dev}
WAIT=${SHOP_SWARM_WAIT:-600}
STACK=shop
NETWORK=$PREFIX
REGISTRY_CONTAINER=$PREFIX-registry
REGISTRY=$REGISTRY_CONTAINER:5000
SERVICES=(accounts catalog cart orders payments gateway)
SUITE=trixie
NODE_PKGS=ca-certificates,docker.io,docker-registry,iptables,procps
NODE_TAG=shop-local/swarm-node:1

START=${EPOCHREALTIME:-$(date +%s)}
elapsed() { awk -v s="$START" -v n="${EPOCHREALTIME:-$(date +%s)}" 'BEGIN{printf "%.1f", n-s}'; }
step() { echo "==> [$(elapsed)s] $*"; }
info() { echo "    $*"; }
die() { echo "cluster.sh: ERROR: $*" >&2; exit 1; }

host_docker() { DOCKER_HOST=unix:///var/run/docker.sock docker "$@"; }
node_name() { echo "$PREFIX-node-$1"; }
node_sock() { echo "$RUN_DIR/node-$1/docker.sock"; }
on_node() { local n=$1; shift; DOCKER_HOST=unix://$(node_sock "$n") docker "$@"; }
manager() { on_node 1 "$@"; }

# ---------------------------------------------------------------- 1. node image
hash_of() { sha256sum | cut -c1-16; }

debian_mirror() {
  if [[ -n ${SHOP_DEBIAN_MIRROR:-} ]]; then echo "${SHOP_DEBIAN_MIRROR%/}"; return 0; fi
  local uris
  uris=$({
    for f in /etc/apt/sources.list.d/*.sources; do
      [[ -f $f ]] && awk 'tolower($1)=="uris:" {for (i=2;i<=NF;i++) print $i}' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [[ -f $f ]] && sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1=="deb" {print $2}'
    done
  } 2>/dev/null || true)
  grep -E '^https?://[^ ]+/debian/?$' <<<"$uris" | head -n1 | sed 's#/$##' || true
}

ensure_node_image() {
  step "1/7 node image $NODE_TAG"
  local recipe have
  recipe=$({
    printf '%s\n' "$SUITE" "$NODE_PKGS"
    (cd "$NODE_IMAGE_DIR" && find . -type f | LC_ALL=C sort | xargs -d '\n' sha256sum)
  } | hash_of)
  have=$(host_docker image inspect -f '{{ index .Config.Labels "shop.swarm.recipe" }}' "$NODE_TAG" 2>/dev/null || true)
  if [[ $have == "$recipe" ]]; then info "present"; return 0; fi
  local key base tarball
  key=$(printf '%s %s minbase\n' "$SUITE" "$NODE_PKGS" | hash_of)
  base=shop-local/rootfs-swarm-node:$SUITE-$key
  tarball=$CACHE_DIR/rootfs-swarm-node-$SUITE-$key.tar
  if ! host_docker image inspect "$base" >/dev/null 2>&1; then
    if [[ ! -s $tarball ]]; then
      command -v debootstrap >/dev/null || die "debootstrap is needed (apt-get install debootstrap)"
      local mirror root log=$CACHE_DIR/debootstrap-swarm-node.log t0=$SECONDS
      mirror=$(debian_mirror)
      [[ -n $mirror ]] || die "no Debian mirror in /etc/apt/sources*; set SHOP_DEBIAN_MIRROR"
      mkdir -p "$CACHE_DIR/debootstrap-debs"
      root=$(mktemp -d "$CACHE_DIR/tmp-swarm-node.XXXXXX")
      info "debootstrap --variant=minbase --include=$NODE_PKGS $SUITE ($mirror), about a minute; log $log"
      debootstrap --variant=minbase --include="$NODE_PKGS" --cache-dir="$CACHE_DIR/debootstrap-debs" \
        "$SUITE" "$root/rootfs" "$mirror" >"$log" 2>&1 \
        || { tail -n 20 "$log" >&2; die "debootstrap failed (log $log)"; }
      rm -rf "$root"/rootfs/var/cache/apt/archives/*.deb "$root"/rootfs/var/lib/apt/lists/*
      tar --numeric-owner --xattrs -C "$root/rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
      rm -rf --one-file-system "$root"
      info "debootstrap took $((SECONDS - t0))s; cached $tarball"
    else
      info "using cached rootfs $(basename "$tarball")"
    fi
    host_docker import -m "debootstrap $SUITE minbase +$NODE_PKGS" "$tarball" "$base" >/dev/null
    info "imported $base"
  fi
  DOCKER_BUILDKIT=0 host_docker build -q --build-arg "BASE_IMAGE=$base" --build-arg "RECIPE=$recipe" \
    -t "$NODE_TAG" "$NODE_IMAGE_DIR" >/dev/null 2>&1 || die "docker build of $NODE_TAG failed"
  info "built $NODE_TAG"
}

# ---------------------------------------------------------------- 2. network + registry
running() { [[ $(host_docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null) == true ]]; }

ensure_registry() {
  step "2/7 network $NETWORK and registry $REGISTRY"
  host_docker network inspect "$NETWORK" >/dev/null 2>&1 \
    || host_docker network create --label shop.swarm=1 "$NETWORK" >/dev/null
  if running "$REGISTRY_CONTAINER"; then info "registry running"; return 0; fi
  host_docker rm -f "$REGISTRY_CONTAINER" >/dev/null 2>&1 || true
  host_docker run -d --name "$REGISTRY_CONTAINER" --network "$NETWORK" --label shop.swarm=1 \
    --restart unless-stopped -v "$PREFIX-registry-data:/var/lib/docker-registry" \
    --entrypoint /usr/bin/docker-registry "$NODE_TAG" serve /etc/docker/registry/config.yml >/dev/null
  info "registry started (images kept in volume $PREFIX-registry-data)"
}

registry_url() {
  echo "http://$(host_docker inspect -f "{{ (index .NetworkSettings.Networks \"$NETWORK\").IPAddress }}" "$REGISTRY_CONTAINER"):5000"
}

# ---------------------------------------------------------------- 3. nodes
wait_engine() {  # wait_engine N
  local n=$1 i
  for ((i = 0; i < 60; i++)); do
    on_node "$n" info >/dev/null 2>&1 && return 0
    sleep 1
  done
  host_docker logs --tail 20 "$(node_name "$n")" >&2 || true
  die "the engine of $(node_name "$n") did not answer within 60s"
}

ensure_nodes() {
  step "3/7 $NODES node containers (Docker-in-Docker)"
  local n name
  for ((n = 1; n <= NODES; n++)); do
    name=$(node_name "$n")
    if running "$name"; then info "$name running"; continue; fi
    host_docker rm -f "$name" >/dev/null 2>&1 || true
    mkdir -p "$RUN_DIR/node-$n"
    local publish=()
    # node 1 runs the gateway (host-mode port 8080 on the node): reachable from the host
    ((n == 1)) && publish=(-p "127.0.0.1:$HOST_GATEWAY_PORT:8080")
    # Not --privileged: it asks for every capability, and this machine's bounding set lacks
    # CAP_SYS_RESOURCE. Everything else a nested engine needs (see node-entrypoint.sh).
    host_docker run -d --name "$name" --hostname "node-$n" --network "$NETWORK" --label shop.swarm=1 \
      --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined \
      --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
      --device-cgroup-rule 'a *:* rwm' \
      -v "$name-docker:/var/lib/docker" -v "$RUN_DIR/node-$n:/shop-swarm" "${publish[@]}" \
      "$NODE_TAG" --insecure-registry "$REGISTRY" >/dev/null
    info "$name started"
  done
  for ((n = 1; n <= NODES; n++)); do wait_engine "$n"; done
  info "all $NODES engines answer ($(manager version -f '{{.Server.Version}}'))"
}

# ---------------------------------------------------------------- 4. swarm
swarm_state() { on_node "$1" info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown; }

ensure_swarm() {
  step "4/7 swarm: node 1 manager, the others workers"
  if [[ $(swarm_state 1) != active ]]; then
    manager swarm init --advertise-addr eth0 --dispatcher-heartbeat 2s >/dev/null
    info "swarm initialised on $(node_name 1)"
  fi
  local token addr n
  token=$(manager swarm join-token -q worker)
  addr=$(manager info -f '{{.Swarm.NodeAddr}}'):2377
  for ((n = 2; n <= NODES; n++)); do
    [[ $(swarm_state "$n") == active ]] && continue
    on_node "$n" swarm join --token "$token" "$addr" >/dev/null
    info "node-$n joined"
  done
  manager node update --label-add shop.data=true --label-add shop.edge=true node-1 >/dev/null
  # nodes of earlier runs (their containers were replaced) are gone for good
  local gone
  for gone in $(manager node ls -f role=worker --format '{{.ID}} {{.Status}}' | awk '$2=="Down"{print $1}'); do
    manager node rm --force "$gone" >/dev/null 2>&1 || true
  done
  manager node ls --format '    {{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}'
}

# ---------------------------------------------------------------- 5. images
# source image (host) and the name it has in the registry
declare -A IMAGE_TARGET=()
image_sources() {
  local env_file=$COMPOSE_DIR/.env pg kafka svc
  pg=${POSTGRES_IMAGE:-$(sed -n 's/^POSTGRES_IMAGE=//p' "$env_file" 2>/dev/null | tail -n1 || true)}
  kafka=${KAFKA_IMAGE:-$(sed -n 's/^KAFKA_IMAGE=//p' "$env_file" 2>/dev/null | tail -n1 || true)}
  # the official images, else the local stand-ins deploy/offline/provision.sh builds
  if [[ -z $pg ]]; then
    pg=postgres:17
    host_docker image inspect "$pg" >/dev/null 2>&1 || pg=shop-local/postgres:17
  fi
  if [[ -z $kafka ]]; then
    kafka=apache/kafka:4.4.0
    host_docker image inspect "$kafka" >/dev/null 2>&1 || kafka=shop-local/kafka:4.4.0
  fi
  for svc in "${SERVICES[@]}"; do IMAGE_TARGET["shop/$svc:$TAG"]="$REGISTRY/shop/$svc:$TAG"; done
  IMAGE_TARGET[$pg]=$REGISTRY/${pg#*/}
  [[ $pg == */* ]] || IMAGE_TARGET[$pg]=$REGISTRY/library/$pg
  IMAGE_TARGET[$kafka]=$REGISTRY/${kafka#*/}
  STACK_POSTGRES_IMAGE=${IMAGE_TARGET[$pg]}
  STACK_KAFKA_IMAGE=${IMAGE_TARGET[$kafka]}
}

# the image id (config digest) the registry holds under REF (REGISTRY/repo:tag), or nothing
registry_image_id() {
  local ref=${1#"$REGISTRY"/} repo tag
  repo=${ref%:*}; tag=${ref##*:}
  curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "$(registry_url)/v2/$repo/manifests/$tag" 2>/dev/null | jq -r '.config.digest // empty' || true
}

ensure_images() {
  step "5/7 images into the registry"
  image_sources
  local src missing=() want
  for src in "${!IMAGE_TARGET[@]}"; do
    want=$(host_docker image inspect -f '{{.Id}}' "$src" 2>/dev/null) \
      || die "image $src is not on this machine (cd deploy/compose && docker compose build; deploy/offline/provision.sh)"
    if [[ $(registry_image_id "${IMAGE_TARGET[$src]}") == "$want" ]]; then
      info "$src: registry up to date"
    else
      missing+=("$src")
    fi
  done
  ((${#missing[@]})) || return 0
  info "copying ${missing[*]} to $(node_name 1) (docker save | load; shared layers once)"
  local t0=$SECONDS
  host_docker save "${missing[@]}" | manager load -q >/dev/null
  info "loaded in $((SECONDS - t0))s; pushing to $REGISTRY"
  for src in "${missing[@]}"; do
    manager tag "$src" "${IMAGE_TARGET[$src]}"
    manager push -q "${IMAGE_TARGET[$src]}" >/dev/null || die "push of ${IMAGE_TARGET[$src]} failed"
    info "pushed ${IMAGE_TARGET[$src]}"
  done
  info "images pushed in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- 6. stack
stack_env() {
  image_sources
  local secrets_dir=${SHOP_SECRETS_DIR:-$COMPOSE_DIR/secrets}
  [[ -d $secrets_dir ]] || die "no secrets directory $secrets_dir"
  export SHOP_SECRETS_DIR=$(cd "$secrets_dir" && pwd)
  # Swarm secrets and configs cannot change: new content gets a new name (and a rolling update)
  export SHOP_SECRETS_VERSION=$(cat "$SHOP_SECRETS_DIR"/{postgres,accounts_db,catalog_db,cart_db,orders_db,payments_db,admin}_password | hash_of | cut -c1-10)
  export SHOP_CONFIGS_VERSION=$(cat "$COMPOSE_DIR"/postgres/{start.sh,roles.sh,init-databases.sh} "$COMPOSE_DIR"/kafka/log4j2.yaml | hash_of | cut -c1-10)
  export SHOP_REGISTRY=$REGISTRY SHOP_IMAGE_TAG=$TAG GATEWAY_PORT=8080
  export POSTGRES_IMAGE=$STACK_POSTGRES_IMAGE KAFKA_IMAGE=$STACK_KAFKA_IMAGE
}

deploy_stack() {
  step "6/7 docker stack deploy -c deploy/swarm/stack.yml $STACK"
  stack_env
  (cd "$REPO_ROOT/deploy/swarm" && DOCKER_HOST=unix://$(node_sock 1) docker stack deploy --prune \
    --resolve-image always -c stack.yml "$STACK" 2>&1 | sed 's/^/    /')
}

# ---------------------------------------------------------------- 7. converge
wait_converged() {
  step "7/7 waiting for every service to have all its replicas healthy (up to ${WAIT}s)"
  local deadline=$((SECONDS + WAIT)) last="" printed=0 line pending
  while :; do
    line=$(manager service ls --filter "label=com.docker.stack.namespace=$STACK" --format '{{.Name}}={{.Replicas}}' | sort | tr '\n' ' ')
    pending=$(tr ' ' '\n' <<<"$line" | awk -F= 'NF==2 { split($2, r, "/"); sub(/ .*/, "", r[2]); if (r[1] != r[2]) print $1 }')
    # a start-first rolling update (a redeploy with changed images) keeps the counts up: wait for it
    pending+=$(manager service inspect -f '{{.Spec.Name}} {{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' \
      $(manager service ls -q --filter "label=com.docker.stack.namespace=$STACK") 2>/dev/null \
      | awk '$2 == "updating" || $2 == "rollback_started" {print $1 " " $2}' || true)
    if [[ -n $line && -z $pending ]]; then break; fi
    if [[ $line != "$last" ]] || ((SECONDS - printed >= 15)); then
      info "[$(elapsed)s] $line${pending:+ (waiting: $(tr '\n' ' ' <<<"$pending"))}"; last=$line; printed=$SECONDS
    fi
    ((SECONDS < deadline)) || { status; die "the stack did not converge within ${WAIT}s"; }
    sleep 3
  done
  info "[$(elapsed)s] $line"
  local url=http://127.0.0.1:$HOST_GATEWAY_PORT/api/health body=""
  while :; do
    body=$(curl -fsS --max-time 3 "$url" 2>/dev/null || true)
    [[ $(jq -r '.status // empty' <<<"$body" 2>/dev/null) == ok ]] && break
    ((SECONDS < deadline)) || die "the gateway ($url) does not report every service up: $body"
    sleep 2
  done
  info "gateway $url: $body"
}

status() {
  step "nodes"
  manager node ls 2>/dev/null || { info "no cluster"; return 0; }
  step "services"
  manager service ls
  step "tasks (running)"
  manager stack ps "$STACK" -f desired-state=running --format '{{.Name}}\t{{.Node}}\t{{.CurrentState}}\t{{.Error}}'
}

down() {
  step "cluster down ($PREFIX)"
  local n name
  for ((n = 1; n <= 16; n++)); do
    name=$(node_name "$n")
    host_docker inspect "$name" >/dev/null 2>&1 || continue
    host_docker rm -f -v "$name" >/dev/null
    host_docker volume rm "$name-docker" >/dev/null 2>&1 || true
    rm -rf "${RUN_DIR:?}/node-$n"
    info "removed $name"
  done
  if host_docker inspect "$REGISTRY_CONTAINER" >/dev/null 2>&1; then
    host_docker rm -f "$REGISTRY_CONTAINER" >/dev/null
    info "removed $REGISTRY_CONTAINER"
  fi
  if [[ ${1:-} == --purge ]]; then
    host_docker volume rm "$PREFIX-registry-data" >/dev/null 2>&1 && info "removed volume $PREFIX-registry-data"
  else
    info "kept volume $PREFIX-registry-data (the registry's images; --purge removes it)"
  fi
  host_docker network rm "$NETWORK" >/dev/null 2>&1 && info "removed network $NETWORK" || true
}

case ${1:-up} in
  up)
    ensure_node_image
    ensure_registry
    ensure_nodes
    ensure_swarm
    ensure_images
    deploy_stack
    wait_converged
    step "cluster up: gateway http://127.0.0.1:$HOST_GATEWAY_PORT; DOCKER_HOST=unix://$(node_sock 1) docker service ls"
    ;;
  node-image) ensure_node_image ;;  # only step 1 (deploy/offline/provision.sh runs it)
  down) down "${2:-}" ;;
  status) status ;;
  env)
    stack_env
    echo "SHOP_SWARM_PREFIX=$PREFIX SHOP_SWARM_NODES=$NODES SHOP_SWARM_GATEWAY_PORT=$HOST_GATEWAY_PORT"
    echo "SHOP_SWARM_MANAGER_HOST=unix://$(node_sock 1)"
    ;;
  -h | --help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command ${1} (up, down [--purge], status, env, node-image)" ;;
esac
