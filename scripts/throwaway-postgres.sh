# Sourced by .ci/run and scripts/two-instances.sh: start_postgres starts a PostgreSQL cluster in a
# temp folder on 127.0.0.1 (Debian's postgresql, installed if missing) and exports
# MARKETPLACE_TEST_POSTGRES, an admin connection string; stop_postgres stops it and removes the folder.

pgdir=""
pg_as=""
pgbin=""

_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

stop_postgres() {
  if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then
    $pg_as "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ -n "$pgdir" ]; then rm -rf "$pgdir"; fi
  pgdir=""
}

start_postgres() {
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "PostgreSQL not found: installing Debian's postgresql"
    _as_root apt-get update -qq >/dev/null && _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] || return 1
  pgdir=$(mktemp -d /tmp/mp-pg.XXXXXX)
  pg_as=""
  if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir"; pg_as="runuser -u postgres --"; fi
  local port=$(( 56000 + RANDOM % 2000 ))
  $pg_as "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 || return 1
  $pg_as "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w start \
    -o "-k $pgdir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" >/dev/null || return 1
  export MARKETPLACE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}
