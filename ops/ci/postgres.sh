#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: initdb into a temp dir, a free port on 127.0.0.1,
# trust auth for the local test role, durable settings left at their defaults (fsync on,
# synchronous_commit on: the tests check durability, so nothing is weakened).
#
# Sourced:   . ops/ci/postgres.sh; bollard_pg_start; ...; bollard_pg_stop
#            (bollard_pg_start exports BOLLARD_TEST_POSTGRES_URL and BOLLARD_PG_DIR)
# Executed:  ops/ci/postgres.sh start   → prints BOLLARD_TEST_POSTGRES_URL=... and BOLLARD_PG_DIR=...
#            ops/ci/postgres.sh stop DIR
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user (or a
# created `bollard-ci` user when there is none).

BOLLARD_PG_BIN="${BOLLARD_PG_BIN:-/usr/lib/postgresql/15/bin}"

bollard_pg__as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$BOLLARD_PG_OWNER" -- "$@"
  else
    "$@"
  fi
}

bollard_pg__free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

bollard_pg_start() {
  [ -x "$BOLLARD_PG_BIN/initdb" ] || { echo "postgres.sh: $BOLLARD_PG_BIN/initdb not found (apt-get install postgresql-15)" >&2; return 1; }
  BOLLARD_PG_OWNER="$(id -un)"
  if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
      BOLLARD_PG_OWNER=postgres
    else
      id bollard-ci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin bollard-ci
      BOLLARD_PG_OWNER=bollard-ci
    fi
  fi
  local dir port
  dir="$(mktemp -d "${TMPDIR:-/tmp}/bollard-pg.XXXXXX")"
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown "$BOLLARD_PG_OWNER" "$dir"
  bollard_pg__as_owner "$BOLLARD_PG_BIN/initdb" -D "$dir/data" -U bollard --auth=trust --encoding=UTF8 --locale=C \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1; }
  local tries=0
  while :; do
    port="$(bollard_pg__free_port)"
    if bollard_pg__as_owner "$BOLLARD_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=300" \
        start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then cat "$dir/server.log" >&2; rm -rf "$dir"; return 1; fi
  done
  "$BOLLARD_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U bollard bollard
  export BOLLARD_PG_DIR="$dir"
  export BOLLARD_TEST_POSTGRES_URL="postgres://bollard@127.0.0.1:$port/bollard?sslmode=disable"
}

bollard_pg_stop() {
  local dir="${1:-${BOLLARD_PG_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  BOLLARD_PG_OWNER="$(stat -c %U "$dir")"
  bollard_pg__as_owner "$BOLLARD_PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      bollard_pg_start
      echo "BOLLARD_TEST_POSTGRES_URL=$BOLLARD_TEST_POSTGRES_URL"
      echo "BOLLARD_PG_DIR=$BOLLARD_PG_DIR"
      ;;
    stop)
      bollard_pg_stop "${2:?usage: postgres.sh stop DIR}"
      ;;
    *)
      echo "usage: $0 start | stop DIR" >&2
      exit 2
      ;;
  esac
fi
