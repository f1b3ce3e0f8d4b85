#!/bin/bash
# Runs once, when the Postgres volume is first initialised: one database and one owner per
# service (each service sees only its own data). Passwords come from the environment.
set -euo pipefail
for service in accounts catalog cart orders payments; do
  var="$(echo "${service}" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!var:?${var} must be set}"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres \
    -v name="${service}" -v password="${password}" <<'SQL'
CREATE USER :"name" WITH PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
