#!/bin/sh
# Same contract as the official node image's entrypoint: run the command with node when the
# first argument is an option (starts with "-") or is not a command on PATH.
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
