#!/bin/bash
# Entrypoint of the postgres container in compose: the image's own entrypoint (which, on an empty
# volume, creates the cluster and runs init-databases.sh), and then, once the server takes TCP
# connections, sets every service user's password from its secret file (and closes the
# maintenance databases to everyone but the superuser). So a changed secret
# takes effect on restart: `docker compose restart postgres <service>`. The healthcheck waits for
# the marker this writes (on a tmpfs: it goes with the container's run).
#
# Not `set -e`: this shell is PID 1 and must outlive a failed step to pass the stop signal on.
set -uo pipefail
source /opt/shop-postgres/roles.sh

marker=/var/run/postgresql/shop-roles-applied
rm -f "$marker"

docker-entrypoint.sh "$@" &
server=$!
# The image stops Postgres with SIGINT (fast shutdown); pass SIGINT and SIGTERM on.
trap 'kill -INT "$server" 2>/dev/null' INT TERM

log() { printf '%s shop-postgres: %s\n' "$(date -u +'%F %T UTC')" "$*"; }

apply_role_passwords() {
  # One psql for every statement (each psql start costs; this runs while services wait).
  local service password superuser i=0 sql=''
  local -a vars=()
  superuser=$(superuser_password) || return 1
  # Only the superuser connects to the maintenance databases (CONNECT is granted to PUBLIC on
  # them by default); each service's own database was closed to PUBLIC by init-databases.sh.
  sql+=$'REVOKE CONNECT, TEMPORARY ON DATABASE postgres, template1 FROM PUBLIC;\n'
  for service in "${SHOP_SERVICES[@]}"; do
    password=$(service_db_password "$service") || return 1
    i=$((i + 1))
    vars+=(-v "name$i=$service" -v "password$i=$password")
    sql+="ALTER ROLE :\"name$i\" WITH PASSWORD :'password$i';"$'\n'
  done
  # (the statements are not logged: log_statement is off)
  PGPASSWORD=$superuser psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "${POSTGRES_USER:-postgres}" \
    -d postgres "${vars[@]}" >/dev/null <<<"$sql"
}

# Wait for the real server (the init-time one listens on the unix socket only), or its exit.
until pg_isready -q -h 127.0.0.1 -p 5432; do
  if ! kill -0 "$server" 2>/dev/null; then
    wait "$server"
    exit $?
  fi
  sleep 0.25
done
if apply_role_passwords; then
  touch "$marker"
  log "service users' passwords set from their secrets"
else
  log "could not set the service users' passwords from their secrets (see above): not healthy"
fi

# `wait` returns early when a trapped signal arrives: wait again until the server has exited.
wait "$server"
status=$?
while kill -0 "$server" 2>/dev/null; do
  wait "$server"
  status=$?
done
exit "$status"
