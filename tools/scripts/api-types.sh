#!/usr/bin/env bash
# `npm run api:types [GATEWAY_URL]`: saves the published OpenAPI of a running system (default
# http://localhost:8080, e.g. after `npm start`) as docs/api/openapi.json and generates the
# TypeScript types of the public API from it (libs/contracts/src/api/public-api.generated.ts,
# openapi-typescript). Clients (the load tool) use those types, and the e2e suite fails when the
# running system's document differs from the committed one: a drift is a test failure, and
# regenerating turns it into type errors wherever a client no longer fits.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
base="${1:-${GATEWAY_URL:-http://localhost:${GATEWAY_PORT:-8080}}}"
step "fetching $base/api/docs-json"
curl -fsS "$base/api/docs-json" |
  node -e 'let t="";process.stdin.on("data",c=>t+=c).on("end",()=>process.stdout.write(JSON.stringify(JSON.parse(t),null,2)+"\n"))' \
  > docs/api/openapi.json
step "generating libs/contracts/src/api/public-api.generated.ts"
npx openapi-typescript docs/api/openapi.json -o libs/contracts/src/api/public-api.generated.ts
npx prettier --write docs/api/openapi.json libs/contracts/src/api/public-api.generated.ts >/dev/null
step "done: commit docs/api/openapi.json and the generated types"
