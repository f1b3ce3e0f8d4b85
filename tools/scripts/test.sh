#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine too. Installs dependencies, provisions Docker where
# needed, then runs lint and types, unit, Helm, integration (testcontainers: Postgres + Kafka),
# end-to-end (the composed system) and browser (the storefront in Chromium) suites, and prints
# one summary line.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
export NX_DAEMON=false NX_NO_CLOUD=true
mkdir -p tmp/test-results
rm -f tmp/test-results/*.json

ensure_node_modules || die "npm ci failed"
# npm scripts run on node_modules/.bin/node (the pinned official Node.js 24 build, installed by
# npm ci on x64 Linux) whatever Node.js runs npm itself
step "Node.js $(node --version) ($(command -v node))"

failed_steps=()
run_step() { # NAME COMMAND...
  local name="$1"; shift
  step "$name"
  "$@" || failed_steps+=("$name")
}
jest_suite() { # NAME CONFIG
  # Nest 12 is ESM-only: Jest (30+) loads it through require(esm) only with vm modules enabled.
  NODE_OPTIONS=--experimental-vm-modules npx jest -c "$2" --ci --json --outputFile="tmp/test-results/$1.json" --testLocationInResults=false
}

run_step "lint (module boundaries) and typecheck" bash -c 'npx nx run-many -t lint --outputStyle=static && npx tsc -p tsconfig.json && npx tsc -p apps/storefront/tsconfig.json --noEmit'
run_step "unit tests" jest_suite unit jest.unit.config.js
# the Helm chart, offline: lint, template, kubeconform, tests on the manifests (no Docker needed)
run_step "Helm chart (npm run test:helm)" bash tools/helm/check.sh --json tmp/test-results/helm.json
ensure_docker || die "Docker is required for the integration and end-to-end suites"
run_step "integration tests (real Postgres and Kafka via testcontainers)" jest_suite integration jest.integration.config.js
step "OpenAPI fuzzer (schemathesis in tmp/fuzz-venv, pinned)"
bash tools/fuzz/ensure-fuzzer.sh || failed_steps+=("installing the OpenAPI fuzzer")
if build_images; then
  run_step "end-to-end tests (the composed system)" jest_suite e2e tests/e2e/jest.config.js
  # the storefront in Debian's Chromium (provision.sh installs it), on a stack of the tests' own
  run_step "browser tests (Playwright, Chromium)" env PLAYWRIGHT_JSON_OUTPUT_FILE=tmp/test-results/browser.json \
    npx playwright test -c tests/browser/playwright.config.ts --reporter=list,json
else
  failed_steps+=("building images")
fi

node tools/scripts/summarize-tests.js tmp/test-results
if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failed_steps[@]}" >&2
  exit 1
fi
