#!/bin/sh
# Container entrypoint of every service: apply the service's committed migrations (an explicit
# step, under an advisory lock so replicas can start together), then replace this shell with
# the service so it receives SIGTERM directly.
set -e
if [ "${1:-serve}" = "serve" ] && [ "${MIGRATE_ON_START:-true}" = "true" ]; then
  node /app/main.js migrate
fi
exec node --enable-source-maps /app/main.js "$@"
