#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 (Debian's /usr/lib/postgresql/15) on 127.0.0.1 and prints "PORT PID" once
# it accepts connections. Connect with postgresql://postgres@127.0.0.1:PORT/postgres (trust auth).
# Usage: start-postgres.sh DIR [--port P]
#   DIR        a directory owned by the caller (created if missing): the cluster lives in DIR/data, the
#              socket in DIR, the log in DIR/postgres.log. An existing cluster in DIR/data is restarted
#              as it is (used to bring a stopped server back with its data); otherwise initdb makes one.
#              DIR's parent directories must be searchable by the postgres user (/tmp is).
#   --port P   listen on P (default: a free port)
# initdb refuses to run as root, so as root the cluster is made and run by the `postgres` user (DIR is
# chowned to it). Durability is off (fsync=off): test data only. Stop it with stop-postgres.sh PID.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "start-postgres: $bin/initdb missing (apt-get install postgresql-15)" >&2; exit 1; }

dir="${1:?usage: start-postgres.sh DIR [--port P]}"; shift
port=""
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    *) echo "start-postgres: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$port" ] || port="$("$here/free-port.sh")"

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres:postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

if [ ! -f "$dir/data/PG_VERSION" ]; then
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { echo "start-postgres: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
fi

if ! "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >"$dir/pg_ctl.log" 2>&1; then
  echo "start-postgres: pg_ctl start failed:" >&2; cat "$dir/pg_ctl.log" "$dir/postgres.log" >&2 || true
  exit 1
fi
pid="$(head -n 1 "$dir/data/postmaster.pid")"
echo "$port $pid"
