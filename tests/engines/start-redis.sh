#!/usr/bin/env bash
# Starts Debian's redis-server on 127.0.0.1 and prints "PORT PID" once it answers PING (like every start-*.sh).
# Usage: start-redis.sh [--port P] [--dir DIR]
#   --port P    listen on P (default: a free port); used to restart on the same port after an outage
#   --dir DIR   its working dir (default: a fresh temp dir); nothing is saved there (--save '', no AOF)
# Not daemonized: the PID printed is the server's own. Stop it with stop-engine.sh PID (or kill -9 PID for
# an outage). Its output goes to DIR/redis.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v redis-server >/dev/null || { echo "start-redis: redis-server missing (scripts/install-deps.sh)" >&2; exit 1; }

port="" dir=""
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "start-redis: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$port" ] || port="$("$here/free-port.sh")"
[ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/redis-$port.XXXXXX")"

log="$dir/redis.log"
nohup redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" --daemonize no \
  >"$log" 2>&1 </dev/null &
pid=$!

for _ in $(seq 1 200); do
  if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; then
    echo "$port $pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "start-redis: exited early; log:" >&2; cat "$log" >&2; exit 1
  fi
  sleep 0.05
done
echo "start-redis: not ready after 10 s; log:" >&2; cat "$log" >&2
kill "$pid" 2>/dev/null || true
exit 1
