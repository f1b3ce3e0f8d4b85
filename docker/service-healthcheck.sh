#!/bin/bash
# Container healthcheck of every service: GET /health/ready on the service's own port, healthy on
# 200. Plain bash (/dev/tcp) on purpose: it runs every few seconds in every container, and a
# `node -e "fetch(...)"` check costs ~0.3-0.6 s of CPU per run on a small machine (measured,
# BENCHMARKS.md) against ~20 ms for this.
exec 3<>"/dev/tcp/127.0.0.1/${PORT:-3000}" || exit 1
printf 'GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || exit 1
[[ "${status}" == "HTTP/1.1 200"* ]]
