#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on loopback for the `postgres` tests (cronc_postgres_tests).
#
#   export "$(bash scripts/postgres.sh start)"   # prints CRONC_TEST_POSTGRES=postgresql://...; the tests read it
#   bash scripts/postgres.sh stop                 # stops the server and deletes its folder
#
# The cluster lives in a new temporary folder, listens on 127.0.0.1 only (the first free port from 54329), trusts
# loopback connections and holds one database, cronc_test. The server refuses to run as root, so as root the
# PostgreSQL programs run as the unprivileged `postgres` user. `down`, `up` and `restart` stop and start the same
# server without deleting it (the connection-loss test uses them); `status` fails when no cluster is running.
# The cluster's folder, port and URI are kept in build/postgres.env (CRONC_POSTGRES_STATE overrides the path).
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${CRONC_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
state="${CRONC_POSTGRES_STATE:-$PWD/build/postgres.env}"

# Runs a PostgreSQL program as the user that owns the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

load_state() {
  if [ ! -f "$state" ]; then
    echo "postgres.sh: no cluster (no $state); run 'scripts/postgres.sh start' first" >&2
    exit 1
  fi
  # shellcheck disable=SC1090
  . "$state"
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

server_up() {
  as_owner "$bin/pg_ctl" -D "$CRONC_POSTGRES_DIR/data" -l "$CRONC_POSTGRES_DIR/server.log" -w -t 30 \
    -o "-p $CRONC_POSTGRES_PORT" start >/dev/null
}

server_down() {
  as_owner "$bin/pg_ctl" -D "$CRONC_POSTGRES_DIR/data" -m fast -w -t 30 stop >/dev/null
}

start() {
  if [ ! -x "$bin/initdb" ]; then
    echo "postgres.sh: no $bin/initdb; install Debian's postgresql-15 (scripts/setup.sh does)" >&2
    exit 1
  fi
  if [ -f "$state" ]; then
    . "$state"
    if as_owner "$bin/pg_ctl" -D "$CRONC_POSTGRES_DIR/data" status >/dev/null 2>&1; then
      echo "CRONC_TEST_POSTGRES=$CRONC_TEST_POSTGRES"
      return
    fi
    rm -f "$state"
  fi
  local port="${CRONC_POSTGRES_PORT:-54329}"
  while ! port_is_free "$port"; do
    port=$((port + 1))
    if [ "$port" -gt 54429 ]; then
      echo "postgres.sh: no free port from 54329 to 54429" >&2
      exit 1
    fi
  done
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/cronc-postgres.XXXXXX")"
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # Loopback only, no Unix socket outside the folder, and no durability: the cluster is thrown away.
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  CRONC_POSTGRES_DIR="$dir"
  CRONC_POSTGRES_PORT="$port"
  CRONC_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/cronc_test"
  server_up || {
    cat "$dir/server.log" >&2
    exit 1
  }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres cronc_test
  mkdir -p "$(dirname "$state")"
  printf 'CRONC_POSTGRES_DIR=%q\nCRONC_POSTGRES_PORT=%q\nCRONC_TEST_POSTGRES=%q\n' \
    "$dir" "$port" "$CRONC_TEST_POSTGRES" >"$state"
  echo "postgres.sh: PostgreSQL 15 on 127.0.0.1:$port in $dir" >&2
  echo "CRONC_TEST_POSTGRES=$CRONC_TEST_POSTGRES"
}

stop() {
  [ -f "$state" ] || return 0
  . "$state"
  as_owner "$bin/pg_ctl" -D "$CRONC_POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  case "$CRONC_POSTGRES_DIR" in
    */cronc-postgres.*) rm -rf "$CRONC_POSTGRES_DIR" ;;
  esac
  rm -f "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  down) load_state && server_down ;;
  up) load_state && server_up ;;
  restart) load_state && server_down && server_up ;;
  status) load_state && as_owner "$bin/pg_ctl" -D "$CRONC_POSTGRES_DIR/data" status >/dev/null ;;
  uri) load_state && echo "$CRONC_TEST_POSTGRES" ;;
  *)
    echo "usage: scripts/postgres.sh start|stop|down|up|restart|status|uri" >&2
    exit 2
    ;;
esac
