#!/usr/bin/env bash
# Entrypoint of the shop-local/postgres:17 stand-in. Same contract as the official postgres
# image's docker-entrypoint.sh:
#   POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required unless
#   POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_DB (default $POSTGRES_USER), PGDATA,
#   POSTGRES_INITDB_ARGS, POSTGRES_INITDB_WALDIR, POSTGRES_HOST_AUTH_METHOD, and *_FILE
#   variants of the first four; on an empty PGDATA: initdb, then /docker-entrypoint-initdb.d/
#   *.sh (executed if executable, else sourced), *.sql, *.sql.gz|.xz|.zst run against a
#   temporary server on the unix socket only; then exec the server (all addresses, port 5432).
#   "postgres ..." or "-c ..." arguments are passed to the server.
set -Eeo pipefail

# file_env VAR [DEFAULT]: VAR or the content of the file named by VAR_FILE
file_env() {
  local var=$1 fileVar="${1}_FILE" def="${2:-}"
  if [ "${!var:-}" ] && [ "${!fileVar:-}" ]; then
    printf >&2 'error: both %s and %s are set (but are exclusive)\n' "$var" "$fileVar"
    exit 1
  fi
  local val=$def
  if [ "${!var:-}" ]; then
    val=${!var}
  elif [ "${!fileVar:-}" ]; then
    val=$(<"${!fileVar}")
  fi
  export "$var"="$val"
  unset "$fileVar"
}

# true when this script is being sourced (by an init script that wants its functions)
_is_sourced() {
  [ "${#FUNCNAME[@]}" -ge 2 ] && [ "${FUNCNAME[0]}" = '_is_sourced' ] && [ "${FUNCNAME[1]}" = 'source' ]
}

docker_create_db_directories() {
  local user; user=$(id -u)
  mkdir -p "$PGDATA"
  chmod 00700 "$PGDATA" || :
  mkdir -p /var/run/postgresql || :
  chmod 03775 /var/run/postgresql || :
  if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
    mkdir -p "$POSTGRES_INITDB_WALDIR"
    if [ "$user" = '0' ]; then
      find "$POSTGRES_INITDB_WALDIR" \! -user postgres -exec chown postgres '{}' +
    fi
    chmod 700 "$POSTGRES_INITDB_WALDIR"
  fi
  if [ "$user" = '0' ]; then
    find "$PGDATA" \! -user postgres -exec chown postgres '{}' +
    find /var/run/postgresql \! -user postgres -exec chown postgres '{}' +
  fi
}

docker_init_database_dir() {
  if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
    set -- --waldir "$POSTGRES_INITDB_WALDIR" "$@"
  fi
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is word-split on purpose, as upstream does
  eval 'initdb --username="$POSTGRES_USER" --pwfile=<(printf "%s\n" "$POSTGRES_PASSWORD") '"$POSTGRES_INITDB_ARGS"' "$@"'
}

docker_verify_minimum_env() {
  if [ -z "$POSTGRES_PASSWORD" ] && [ 'trust' != "$POSTGRES_HOST_AUTH_METHOD" ]; then
    cat >&2 <<-'EOE'
		Error: Database is uninitialized and superuser password is not specified.
		       You must specify POSTGRES_PASSWORD to a non-empty value for the
		       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

		       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
		       connections without a password. This is *not* recommended.
	EOE
    exit 1
  fi
  if [ 'trust' = "$POSTGRES_HOST_AUTH_METHOD" ]; then
    cat >&2 <<-'EOWARN'
		********************************************************************************
		WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow
		         anyone with access to the Postgres port to access your database without
		         a password, even if POSTGRES_PASSWORD is set.
		********************************************************************************
	EOWARN
  fi
}

# docker_process_init_files FILE...: run *.sh / *.sql / *.sql.{gz,xz,zst}
docker_process_init_files() {
  psql=(docker_process_sql)
  printf '\n'
  local f
  for f; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then
          printf '%s: running %s\n' "$0" "$f"
          "$f"
        else
          printf '%s: sourcing %s\n' "$0" "$f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql)     printf '%s: running %s\n' "$0" "$f"; docker_process_sql -f "$f"; printf '\n' ;;
      *.sql.gz)  printf '%s: running %s\n' "$0" "$f"; gunzip -c "$f" | docker_process_sql; printf '\n' ;;
      *.sql.xz)  printf '%s: running %s\n' "$0" "$f"; xzcat "$f" | docker_process_sql; printf '\n' ;;
      *.sql.zst) printf '%s: running %s\n' "$0" "$f"; zstd -dc "$f" | docker_process_sql; printf '\n' ;;
      *)         printf '%s: ignoring %s\n' "$0" "$f" ;;
    esac
    printf '\n'
  done
}

# psql against the (temporary) server, on the unix socket, as POSTGRES_USER
docker_process_sql() {
  local query_runner=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  if [ -n "$POSTGRES_DB" ]; then
    query_runner+=(--dbname "$POSTGRES_DB")
  fi
  PGHOST='' PGHOSTADDR='' "${query_runner[@]}" "$@"
}

docker_setup_db() {
  local dbAlreadyExists
  dbAlreadyExists=$(POSTGRES_DB='postgres' docker_process_sql --dbname postgres --set db="$POSTGRES_DB" --tuples-only <<-'EOSQL'
		SELECT 1 FROM pg_database WHERE datname = :'db' ;
	EOSQL
  )
  if [ -z "$dbAlreadyExists" ]; then
    POSTGRES_DB='postgres' docker_process_sql --dbname postgres --set db="$POSTGRES_DB" <<-'EOSQL'
			CREATE DATABASE :"db" ;
		EOSQL
    printf '\n'
  fi
}

docker_setup_env() {
  file_env 'POSTGRES_PASSWORD'
  file_env 'POSTGRES_USER' 'postgres'
  file_env 'POSTGRES_DB' "$POSTGRES_USER"
  file_env 'POSTGRES_INITDB_ARGS'
  : "${POSTGRES_HOST_AUTH_METHOD:=}"
  declare -g DATABASE_ALREADY_EXISTS
  : "${DATABASE_ALREADY_EXISTS:=}"
  if [ -s "$PGDATA/PG_VERSION" ]; then
    DATABASE_ALREADY_EXISTS='true'
  fi
}

# host connections: POSTGRES_HOST_AUTH_METHOD, else the server's password_encryption (scram-sha-256)
pg_setup_hba_conf() {
  if [ "$1" = 'postgres' ]; then shift; fi
  local auth
  auth=$(postgres -C password_encryption "$@")
  : "${POSTGRES_HOST_AUTH_METHOD:=$auth}"
  {
    printf '\n'
    if [ 'trust' = "$POSTGRES_HOST_AUTH_METHOD" ]; then
      printf '# warning trust is enabled for all connections\n'
    fi
    printf 'host all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD"
  } >>"$PGDATA/pg_hba.conf"
}

# temporary server: unix socket only (listen_addresses='')
docker_temp_server_start() {
  if [ "$1" = 'postgres' ]; then shift; fi
  set -- "$@" -c listen_addresses='' -p "${PGPORT:-5432}"
  NOTIFY_SOCKET='' PGUSER="${PGUSER:-$POSTGRES_USER}" \
    pg_ctl -D "$PGDATA" -o "$(printf '%q ' "$@")" -w start
}

docker_temp_server_stop() {
  PGUSER="${PGUSER:-postgres}" pg_ctl -D "$PGDATA" -m fast -w stop
}

# do not initialise anything for "postgres --help", "-V", "--describe-config", "-C x"
_pg_want_help() {
  local arg
  for arg; do
    case "$arg" in
      -'?'|--help|--describe-config|-V|--version) return 0 ;;
    esac
  done
  return 1
}

_main() {
  if [ "${1:0:1}" = '-' ]; then
    set -- postgres "$@"
  fi
  if [ "$1" = 'postgres' ] && ! _pg_want_help "$@"; then
    docker_setup_env
    docker_create_db_directories
    if [ "$(id -u)" = '0' ]; then
      exec gosu postgres "${BASH_SOURCE[0]}" "$@"
    fi
    if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
      docker_verify_minimum_env
      ls /docker-entrypoint-initdb.d/ >/dev/null
      docker_init_database_dir
      pg_setup_hba_conf "$@"
      export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
      docker_temp_server_start "$@"
      docker_setup_db
      docker_process_init_files /docker-entrypoint-initdb.d/*
      docker_temp_server_stop
      unset PGPASSWORD
      printf '\nPostgreSQL init process complete; ready for start up.\n\n'
    else
      printf '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n'
    fi
  fi
  exec "$@"
}

if ! _is_sourced; then
  _main "$@"
fi
