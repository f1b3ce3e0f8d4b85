# Sourced by init-databases.sh and start.sh: the services that own a database, and each one's
# database password, read from the secret file <SERVICE>_DB_PASSWORD_FILE names (or, outside
# compose, from <SERVICE>_DB_PASSWORD).
SHOP_SERVICES=(accounts catalog cart orders payments)

# service_db_password SERVICE: prints the password (no trailing newline)
service_db_password() {
  local var file value
  var="$(tr '[:lower:]' '[:upper:]' <<<"$1")_DB_PASSWORD"
  file="${var}_FILE"
  if [[ -n ${!file:-} ]]; then
    value=$(<"${!file}") || return 1
  else
    value=${!var:-}
  fi
  if [[ -z $value ]]; then
    echo "shop: ${var}_FILE (or ${var}) must name a non-empty password" >&2
    return 1
  fi
  printf '%s' "$value"
}

# superuser_password: the Postgres superuser's password, as the image's entrypoint reads it
superuser_password() {
  if [[ -n ${POSTGRES_PASSWORD_FILE:-} ]]; then
    local value
    value=$(<"$POSTGRES_PASSWORD_FILE") || return 1
    printf '%s' "$value"
  else
    printf '%s' "${POSTGRES_PASSWORD:-}"
  fi
}
