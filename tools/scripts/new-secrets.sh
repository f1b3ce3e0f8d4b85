#!/usr/bin/env bash
# A directory of random secrets for the composed system (the same names as
# deploy/compose/secrets/): `bash tools/scripts/new-secrets.sh DIR`, then
# `SHOP_SECRETS_DIR=DIR npm start`. Existing files are kept (rotate one by deleting it, then
# `docker compose restart postgres <service>`).
#
# The directory is 0700 (only its owner can reach the files on this host); the files are 0644
# because compose (outside Swarm) bind-mounts them as they are, and each container reads its
# secrets as its own unprivileged user (node 1000, postgres 999).
set -euo pipefail
dir="${1:?usage: new-secrets.sh DIR}"
mkdir -p "$dir"
chmod 0700 "$dir"
names=(postgres_password accounts_db_password catalog_db_password cart_db_password
  orders_db_password payments_db_password admin_password)
for name in "${names[@]}"; do
  file="$dir/$name"
  if [[ -s $file ]]; then
    echo "kept    $file"
  else
    # 32 random bytes, base64url: no quoting trouble in a connection string or a shell
    head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$file"
    chmod 0644 "$file"
    echo "created $file"
  fi
done
echo "admin login: ${ADMIN_EMAIL:-admin@example.com} / the password in $dir/admin_password"
echo "use it:      SHOP_SECRETS_DIR=$(cd "$dir" && pwd) npm start"
