#!/bin/bash
# Runs once, when the Postgres volume is first initialised: one database and one owner per
# service (each service sees only its own data; no other user may connect to it). Passwords come
# from the secret files (roles.sh); start.sh sets them again on every start.
set -euo pipefail
source /opt/shop-postgres/roles.sh
for service in "${SHOP_SERVICES[@]}"; do
  password=$(service_db_password "$service")
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres \
    -v name="${service}" -v password="${password}" <<'SQL'
CREATE USER :"name" WITH PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
