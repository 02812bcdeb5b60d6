#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests: `scripts/test-postgres.sh start` initialises a
# cluster in a temporary folder, starts it on 127.0.0.1 and prints its URL on the last line;
# `scripts/test-postgres.sh stop <folder>` stops it and removes the folder. The server cannot run
# as root, so under root it runs as the `postgres` user (created by Debian's package).
set -euo pipefail

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$dir" ]; then
    echo "no PostgreSQL server found under /usr/lib/postgresql; install it with: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin=$(bindir)
    dir=$(mktemp -d /tmp/convene-postgres.XXXXXX)
    chmod 700 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    as_owner "$bin/initdb" -D "$dir/data" -U convene --auth=trust --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir"
    echo "postgres://convene@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir="${2:?give the folder that start printed}"
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop <folder>" >&2
    exit 2
    ;;
esac
