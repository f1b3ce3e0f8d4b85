#!/usr/bin/env bash
# tools/helm/ensure-tools.sh — the tools of the chart's offline checks, at the versions pinned in
# tools/helm/versions.env, with no network at run time:
#   helm         built with Go from the Go module proxy (go install helm.sh/helm/v3/cmd/helm@...)
#   kubeconform  built the same way (github.com/yannh/kubeconform)
#   schemas      the Kubernetes JSON schemas (strict: no unknown fields) that PyPI's
#                kubernetes-validate ships, made readable offline by kubeconform: its $refs point
#                at https://kubernetes.io/api/_definitions.json, rewritten to the file beside them
# Each is cached per version under $SHOP_OFFLINE_CACHE/helm-tools (default
# /var/cache/shop-offline, as deploy/offline/provision.sh; tmp/cache when that is not writable),
# and linked into tmp/helm-tools/{bin,schemas}. Idempotent: instant when all is cached.
#
#   tools/helm/ensure-tools.sh           build/install what is missing
#   tools/helm/ensure-tools.sh --check   only report what is missing (exit 1 if anything is)
#
# Needs Go >= 1.26 (SHOP_GO, else go on PATH, else /usr/local/go/bin/go) and python3 >= 3.10 with
# venv (PYTHON) the first time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=versions.env
source "$ROOT/tools/helm/versions.env"
REQUIREMENTS=$ROOT/tools/helm/requirements.txt
VENV=$ROOT/tmp/helm-venv
LINKS=$ROOT/tmp/helm-tools
# bump when the schema rewriting below changes (part of the cache key)
SCHEMA_RECIPE=1

MODE=apply
case ${1:-} in
  --check) MODE=check ;;
  "") ;;
  *) echo "ensure-tools.sh: unknown argument: $1" >&2; exit 2 ;;
esac

START=${EPOCHREALTIME:-$(date +%s)}
elapsed() { awk -v s="$START" -v n="${EPOCHREALTIME:-$(date +%s)}" 'BEGIN{printf "%.1f", n-s}'; }
info() { echo "    [$(elapsed)s] $*"; }
die() { echo "ensure-tools.sh: ERROR: $*" >&2; exit 1; }

HELM_SUBDIR=helm-v$HELM_VERSION
KUBECONFORM_SUBDIR=kubeconform-v$KUBECONFORM_VERSION
SCHEMA_SUBDIR=schemas-k8s-v$KUBERNETES_VERSION-strict-kv$KUBERNETES_VALIDATE_VERSION-r$SCHEMA_RECIPE
complete_in() { [[ -f $1/$HELM_SUBDIR/.complete && -f $1/$KUBECONFORM_SUBDIR/.complete && -f $1/$SCHEMA_SUBDIR/.complete ]]; }

# the shared cache when it holds everything (readable is enough) or can be written, else tmp/cache
CACHE=${SHOP_OFFLINE_CACHE:-/var/cache/shop-offline}/helm-tools
if [[ $MODE == apply ]] && ! complete_in "$CACHE" && { ! mkdir -p "$CACHE" 2>/dev/null || [[ ! -w $CACHE ]]; }; then
  CACHE=$ROOT/tmp/cache/helm-tools
  mkdir -p "$CACHE"
fi

HELM_DIR=$CACHE/$HELM_SUBDIR
KUBECONFORM_DIR=$CACHE/$KUBECONFORM_SUBDIR
SCHEMA_DIR=$CACHE/$SCHEMA_SUBDIR
MISSING=0

go_cmd() {
  local go=${SHOP_GO:-$(command -v go 2>/dev/null || true)}
  [[ -z $go && -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go
  [[ -n $go ]] || die "Go is needed to build helm and kubeconform (go 1.26+; set SHOP_GO)"
  echo "$go"
}

# go_build NAME DIR LOG LDFLAGS PACKAGE@VERSION: a static binary into DIR (built in DIR.tmp)
go_build() {
  local name=$1 dir=$2 log=$3 ldflags=$4 pkg=$5 go t0=$SECONDS
  go=$(go_cmd)
  info "go install $pkg ($($go version | cut -d' ' -f3)); log $log"
  rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
  (export CGO_ENABLED=0 GOBIN=$dir.tmp GOFLAGS=-trimpath
   "$go" install -ldflags "$ldflags" "$pkg") >"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; die "go install $pkg failed (log $log)"; }
  [[ -x $dir.tmp/$name ]] || die "go install $pkg left no $name"
  touch "$dir.tmp/.complete"
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
  info "built $name in $((SECONDS - t0))s"
}

ensure_helm() {
  if [[ -f $HELM_DIR/.complete ]]; then info "helm $HELM_VERSION cached in $HELM_DIR"; return 0; fi
  if [[ $MODE == check ]]; then echo "    MISSING: helm $HELM_VERSION"; MISSING=1; return 0; fi
  # the release build's flags (helm's Makefile): version stamped in, and the default Kubernetes
  # version of `helm template` / `helm lint` from the client-go that Helm is built with (0.37)
  local v=helm.sh/helm/v3
  go_build helm "$HELM_DIR" "$CACHE/go-helm-$HELM_VERSION.log" \
    "-s -w -X $v/internal/version.version=v$HELM_VERSION -X $v/internal/version.gitTreeState=clean
     -X $v/pkg/lint/rules.k8sVersionMajor=1 -X $v/pkg/lint/rules.k8sVersionMinor=37
     -X $v/pkg/chartutil.k8sVersionMajor=1 -X $v/pkg/chartutil.k8sVersionMinor=37" \
    "$v/cmd/helm@v$HELM_VERSION"
  "$HELM_DIR/helm" version --short | grep -qF "v$HELM_VERSION" || die "built helm does not report v$HELM_VERSION"
}

ensure_kubeconform() {
  if [[ -f $KUBECONFORM_DIR/.complete ]]; then info "kubeconform $KUBECONFORM_VERSION cached in $KUBECONFORM_DIR"; return 0; fi
  if [[ $MODE == check ]]; then echo "    MISSING: kubeconform $KUBECONFORM_VERSION"; MISSING=1; return 0; fi
  go_build kubeconform "$KUBECONFORM_DIR" "$CACHE/go-kubeconform-$KUBECONFORM_VERSION.log" \
    "-s -w -X main.version=v$KUBECONFORM_VERSION" \
    "github.com/yannh/kubeconform/cmd/kubeconform@v$KUBECONFORM_VERSION"
}

ensure_venv() {  # kubernetes-validate in tmp/helm-venv, as tools/fuzz/ensure-fuzzer.sh does
  local stamp=$VENV/.requirements-stamp python=${PYTHON:-python3}
  if [[ -x $VENV/bin/python && -f $stamp ]] && cmp -s "$stamp" "$REQUIREMENTS"; then return 0; fi
  if ! "$python" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      info "installing python3 and python3-venv (apt)"
      apt-get install -y -qq python3 python3-venv >/dev/null
    else
      die "python3 >= 3.10 with venv is needed once, for the Kubernetes schemas (Debian: apt-get install python3-venv)"
    fi
  fi
  info "creating $VENV with kubernetes-validate $KUBERNETES_VALIDATE_VERSION (pip, pinned)"
  rm -rf "$VENV"
  "$python" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$stamp"
}

ensure_schemas() {
  if [[ -f $SCHEMA_DIR/.complete ]]; then info "Kubernetes $KUBERNETES_VERSION schemas cached in $SCHEMA_DIR"; return 0; fi
  if [[ $MODE == check ]]; then echo "    MISSING: Kubernetes $KUBERNETES_VERSION schemas"; MISSING=1; return 0; fi
  grep -qxF "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" "$REQUIREMENTS" \
    || die "requirements.txt does not pin kubernetes-validate==$KUBERNETES_VALIDATE_VERSION (versions.env)"
  ensure_venv
  info "preparing the strict Kubernetes v$KUBERNETES_VERSION schemas for offline use"
  rm -rf "$SCHEMA_DIR.tmp"; mkdir -p "$SCHEMA_DIR.tmp"
  "$VENV/bin/python" - "v$KUBERNETES_VERSION-local-strict" "$SCHEMA_DIR.tmp" <<'PY'
import json, os, sys
import kubernetes_validate

name, out = sys.argv[1], sys.argv[2]
src = os.path.join(os.path.dirname(kubernetes_validate.__file__), 'kubernetes-json-schema', name)
if not os.path.isdir(src):
    sys.exit(f'kubernetes-validate has no {name} schemas')
ABSOLUTE = '/api/_definitions.json#'

def rewrite(node):
    if isinstance(node, dict):
        # "$id: https://kubernetes.io/api/..." would make every $ref resolve on the web: without it
        # a reference resolves against the file's own location
        node.pop('$id', None)
        ref = node.get('$ref')
        if isinstance(ref, str) and ref.startswith(ABSOLUTE):
            node['$ref'] = '_definitions.json#' + ref[len(ABSOLUTE):]
        for value in node.values():
            rewrite(value)
    elif isinstance(node, list):
        for value in node:
            rewrite(value)

count = 0
for file in sorted(os.listdir(src)):
    if not file.endswith('.json') or file == 'all.json':
        continue
    with open(os.path.join(src, file)) as f:
        schema = json.load(f)
    rewrite(schema)
    with open(os.path.join(out, file), 'w') as f:
        json.dump(schema, f, separators=(',', ':'))
    count += 1
left = [f for f in os.listdir(out) if 'kubernetes.io/api' in open(os.path.join(out, f)).read()]
if left:
    sys.exit(f'absolute references left in {left[:3]}')
print(f'    {count} schemas')
PY
  touch "$SCHEMA_DIR.tmp/.complete"
  rm -rf "$SCHEMA_DIR"; mv "$SCHEMA_DIR.tmp" "$SCHEMA_DIR"
}

link() {  # tmp/helm-tools/bin/{helm,kubeconform} and tmp/helm-tools/schemas point at the cache
  mkdir -p "$LINKS/bin"
  ln -sfn "$HELM_DIR/helm" "$LINKS/bin/helm"
  ln -sfn "$KUBECONFORM_DIR/kubeconform" "$LINKS/bin/kubeconform"
  ln -sfn "$SCHEMA_DIR" "$LINKS/schemas"
}

info "helm tools (cache $CACHE)"
ensure_helm
ensure_kubeconform
ensure_schemas
if [[ $MODE == check ]]; then
  [[ $MISSING == 0 ]] || { echo "==> helm tools missing; run: bash tools/helm/ensure-tools.sh"; exit 1; }
fi
link
info "helm $HELM_VERSION, kubeconform $KUBECONFORM_VERSION, Kubernetes $KUBERNETES_VERSION schemas: ready in $LINKS"
