#!/usr/bin/env bash
# Starts dynalite (npm, see package.json here) on 127.0.0.1 and prints "PORT PID" once `GET /` answers.
# Usage: start-dynalite.sh [--port P] [--path DIR]
#   --port P    listen on P (default: a free port); used to restart on the same port
#   --path DIR  keep the data in DIR on disk (default: in memory)
# Table creation/deletion/update are instant (--createTableMs 0 ...). Stop it with stop-engine.sh PID.
# The server's output goes to ${TMPDIR:-/tmp}/dynalite-PORT.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cli="$here/node_modules/dynalite/cli.js"
if [ ! -f "$cli" ]; then
  echo "start-dynalite: $cli missing; run 'npm ci' in $here (scripts/install-deps.sh does)" >&2
  exit 1
fi

port="" path_args=()
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --path) path_args=(--path "$2"); shift 2 ;;
    *) echo "start-dynalite: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$port" ] || port="$("$here/free-port.sh")"

log="${TMPDIR:-/tmp}/dynalite-$port.log"
nohup node "$cli" --host 127.0.0.1 --port "$port" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 \
  "${path_args[@]}" >"$log" 2>&1 </dev/null &
pid=$!

exec "$here/wait-for-http.sh" start-dynalite "http://127.0.0.1:$port/" "$port" "$pid" "$log" 10
