#!/usr/bin/env bash
# tools/helm/check.sh — `npm run test:helm`: the Helm chart (deploy/helm/shop) checked offline.
#   1. the tools, pinned (tools/helm/ensure-tools.sh: helm and kubeconform built with Go, the
#      Kubernetes JSON schemas from PyPI's kubernetes-validate; cached, instant when done)
#   2. helm lint --strict and helm template, with the default values and every
#      deploy/helm/shop/ci/*-values.yaml; the manifests go to tmp/helm/rendered/<set>.yaml
#   3. kubeconform -strict on every rendered manifest, against the schemas of
#      KUBERNETES_VERSION (versions.env): unknown fields, wrong types, missing schemas all fail
#   4. the jest suite on the rendered manifests (tools/helm/jest.config.js): hardening of every
#      container, and the NetworkPolicies' allowed calls against the architecture's
# No network at run time, no cluster, no Docker.
#
#   tools/helm/check.sh [--json FILE]   (--json: jest's JSON results, for tools/scripts/test.sh)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=versions.env
source tools/helm/versions.env
CHART=deploy/helm/shop
OUT=tmp/helm/rendered
BIN=tmp/helm-tools/bin
JSON_OUT=""
if [[ ${1:-} == --json ]]; then JSON_OUT=${2:?--json needs a file}; fi

START=${EPOCHREALTIME:-$(date +%s)}
elapsed() { awk -v s="$START" -v n="${EPOCHREALTIME:-$(date +%s)}" 'BEGIN{printf "%.1f", n-s}'; }
step() { echo "--> [$(elapsed)s] $*"; }

step "tools (helm $HELM_VERSION, kubeconform $KUBECONFORM_VERSION, Kubernetes $KUBERNETES_VERSION schemas)"
bash tools/helm/ensure-tools.sh

# a Helm home of its own: no repositories, plugins or caches of the user's are involved
export HELM_CONFIG_HOME=$ROOT/tmp/helm/home/config HELM_CACHE_HOME=$ROOT/tmp/helm/home/cache \
  HELM_DATA_HOME=$ROOT/tmp/helm/home/data
rm -rf "$OUT"; mkdir -p "$OUT"

sets=(default)
for file in "$CHART"/ci/*-values.yaml; do sets+=("$(basename "$file" -values.yaml)"); done

failed=0
for set in "${sets[@]}"; do
  args=(--kube-version "$KUBERNETES_VERSION")
  [[ $set == default ]] || args+=(-f "$CHART/ci/$set-values.yaml")
  step "helm lint --strict ($set values)"
  if ! "$BIN/helm" lint --strict --quiet "$CHART" "${args[@]}"; then failed=1; continue; fi
  step "helm template ($set values) > $OUT/$set.yaml"
  # the minimal set also renders under a release name without "shop" in it
  release=shop; [[ $set == minimal ]] && release=demo
  if ! "$BIN/helm" template "$release" "$CHART" --namespace shop "${args[@]}" >"$OUT/$set.yaml"; then
    failed=1; continue
  fi
done
[[ $failed == 0 ]] || { echo "check.sh: helm lint or helm template failed (above)" >&2; exit 1; }

# one run for all sets: the schemas are compiled once
step "kubeconform -strict ($(cat "$OUT"/*.yaml | grep -c '^kind:') manifests of ${#sets[@]} value sets, Kubernetes $KUBERNETES_VERSION schemas)"
"$BIN/kubeconform" -strict -summary -output text \
  -schema-location "tmp/helm-tools/schemas/{{.ResourceKind}}{{.KindSuffix}}.json" "$OUT"/*.yaml \
  || { echo "check.sh: kubeconform found invalid manifests (above)" >&2; exit 1; }

step "jest: the rendered manifests (tools/helm/jest.config.js)"
jest_args=(-c tools/helm/jest.config.js --ci)
if [[ -n $JSON_OUT ]]; then
  mkdir -p "$(dirname "$JSON_OUT")"
  jest_args+=(--json "--outputFile=$JSON_OUT" --testLocationInResults=false)
fi
npx jest "${jest_args[@]}"
step "done"
