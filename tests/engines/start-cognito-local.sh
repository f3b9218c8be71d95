#!/usr/bin/env bash
# Starts cognito-local (npm, see package.json here) on 127.0.0.1 and prints "PORT PID" once GET /health
# answers. Its issuer is http://127.0.0.1:PORT/<pool id>; its API is POST http://127.0.0.1:PORT/.
# Usage: start-cognito-local.sh DIR [--port P] [--issuer-domain URL]
#   DIR        the data dir (created if missing): cognito-local keeps its pools in DIR/.cognito/db and reads
#              DIR/.cognito/config.json, written here (usernames are plain names, not emails); log in
#              DIR/cognito-local.log.
#   --port P   listen on P (default: a free port)
#   --issuer-domain URL   the tokens' issuer domain (default http://127.0.0.1:P): another address in front of
#              it, such as a fault test's proxy, through which the server then fetches the keys
# Stop it with stop-engine.sh PID.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
start="$here/node_modules/cognito-local/lib/bin/start.js"
if [ ! -f "$start" ]; then
  echo "start-cognito-local: $start missing; run 'npm ci' in $here (scripts/install-deps.sh does)" >&2
  exit 1
fi

dir="${1:?usage: start-cognito-local.sh DIR [--port P]}"; shift
port=""
issuer_domain=""
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --issuer-domain) issuer_domain="$2"; shift 2 ;;
    *) echo "start-cognito-local: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$port" ] || port="$("$here/free-port.sh")"
[ -n "$issuer_domain" ] || issuer_domain="http://127.0.0.1:$port"

mkdir -p "$dir/.cognito"
cat >"$dir/.cognito/config.json" <<JSON
{"TokenConfig":{"IssuerDomain":"$issuer_domain"},"UserPoolDefaults":{"UsernameAttributes":[]}}
JSON
log="$dir/cognito-local.log"
(cd "$dir" && HOST=127.0.0.1 PORT="$port" exec nohup node "$start" >"$log" 2>&1 </dev/null) &
pid=$!  # the subshell execs node, so this is the server's PID

exec "$here/wait-for-http.sh" start-cognito-local "http://127.0.0.1:$port/health" "$port" "$pid" "$log" 10
