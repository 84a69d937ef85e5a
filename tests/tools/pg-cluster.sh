#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, reachable only through a Unix socket in its folder.
#
#   pg-cluster.sh start DIR   makes a new cluster in DIR/data (a stale one there is stopped and
#                             removed first), starts it, waits until it answers and prints its
#                             connection URL on stdout as one line: postgresql:///postgres?host=DIR
#                             (callers replace the database name). The URL is also written to DIR/url.
#   pg-cluster.sh stop DIR    stops the cluster (fast: open sessions are ended) and removes DIR.
#
# As root (CI), the cluster runs as the unprivileged `postgres` system user that Debian's
# postgresql-common creates; DIR is handed to that user. When that user cannot reach DIR (a build
# folder under a private home) or DIR is too long for a socket path, the cluster lives in a folder
# of its own under /tmp instead, linked from DIR/cluster. fsync and synchronous_commit stay on: the
# store promises that a saved change survives a power cut, and the tests check that promise.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)

# Debian keeps the server programs off PATH, one folder per major version; take the newest.
bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] || continue
  version=${candidate#/usr/lib/postgresql/}; version=${version%/bin}
  if [ -z "$bindir" ] || [ "$version" -gt "$best" ]; then bindir=$candidate; best=$version; fi
done
if [ -z "$bindir" ]; then
  if command -v initdb >/dev/null 2>&1; then bindir=$(dirname "$(command -v initdb)")
  else echo "$0: no PostgreSQL server found (install postgresql-15)" >&2; exit 1; fi
fi

# Runs a server program as the cluster's owner: `postgres` when this script runs as root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Stops the cluster DIR holds (in DIR or where DIR/cluster points) and removes both.
remove_cluster() {
  local home=$dir
  if [ -L "$dir/cluster" ]; then home=$(readlink "$dir/cluster"); fi
  if [ -f "$home/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" stop -D "$home/data" -m fast -w -t 30 >/dev/null 2>&1 \
      || as_owner "$bindir/pg_ctl" stop -D "$home/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  if [ "$home" != "$dir" ]; then rm -rf "$home"; fi
  rm -rf "$dir"
}

case "$action" in
  start)
    remove_cluster
    mkdir -p "$dir"
    home=$dir
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "$0: no postgres user (install postgresql-common)" >&2; exit 1; }
      chown postgres: "$dir"
    fi
    # The socket's path must fit in 107 bytes, and the owner must reach DIR through its parents.
    if [ ${#dir} -gt 80 ] || ! as_owner test -w "$dir"; then
      home=$(mktemp -d /tmp/pillars-pg.XXXXXX)
      ln -s "$home" "$dir/cluster"
      if [ "$(id -u)" -eq 0 ]; then chown postgres: "$home"; fi
    fi
    # trust: only local processes that can reach the socket in DIR connect at all. --no-sync: a
    # cluster made for one run need not survive a power cut during initdb.
    as_owner "$bindir/initdb" -D "$home/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
      --no-instructions >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$home/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$home'
max_connections = 300
fsync = on
synchronous_commit = on
# Quick to start and to stop; nothing here outlives the tests.
shared_buffers = 64MB
dynamic_shared_memory_type = posix
max_wal_size = 1GB
checkpoint_timeout = 30min
autovacuum = off
logging_collector = off
log_min_messages = warning
CONF
    if ! as_owner "$bindir/pg_ctl" start -D "$home/data" -l "$home/server.log" -w -t 60 >/dev/null 2>&1; then
      echo "$0: the cluster did not start:" >&2
      tail -n 20 "$home/server.log" >&2 || true
      exit 1
    fi
    # pg_ctl -w waits for the server to accept connections; make sure it also answers a query.
    for _ in $(seq 1 100); do
      if "$bindir/pg_isready" -q -h "$home" -d postgres -U postgres; then break; fi
      sleep 0.1
    done
    "$bindir/psql" -X -q -h "$home" -U postgres -d postgres -c 'SELECT 1' >/dev/null
    url="postgresql:///postgres?host=$home&user=postgres"
    printf '%s\n' "$url" >"$dir/url"
    printf '%s\n' "$url"
    ;;
  stop)
    remove_cluster
    ;;
  *) usage ;;
esac
