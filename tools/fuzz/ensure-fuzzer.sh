#!/usr/bin/env bash
# The OpenAPI fuzzer (schemathesis, from PyPI) in a project-local virtual environment,
# tmp/fuzz-venv, pinned by tools/fuzz/requirements.txt. Idempotent: reinstalls only when the
# requirements changed. Needs python3 >= 3.10 with venv (Debian: apt-get install python3-venv).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/tmp/fuzz-venv"
REQUIREMENTS="$ROOT/tools/fuzz/requirements.txt"
STAMP="$VENV/.requirements-stamp"

if [ -x "$VENV/bin/schemathesis" ] && cmp -s "$STAMP" "$REQUIREMENTS"; then exit 0; fi
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "    installing python3 and python3-venv (apt)"
    apt-get install -y -qq python3 python3-venv >/dev/null
  else
    echo "python3 >= 3.10 with venv is needed for the OpenAPI fuzzer (Debian: apt-get install python3-venv)" >&2
    exit 1
  fi
fi
echo "    creating $VENV with schemathesis (pip, pinned)"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
cp "$REQUIREMENTS" "$STAMP"
