#!/bin/sh
# Container entrypoint of every service: replace this shell with the service so it receives
# SIGTERM directly. `serve` (the default) applies the service's pending migrations first, under an
# advisory lock so replicas can start together (MIGRATE_ON_START=false skips that); `migrate`
# only applies them; `dlt list|replay` inspects dead letters.
exec node --enable-source-maps /app/main.js "$@"
