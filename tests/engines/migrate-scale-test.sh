#!/usr/bin/env bash
# `cruddur migrate` at the issue's scale (doc/export.md, "Tests"): CRUDDUR_SCALE_MESSAGES messages (default
# 50,000) among CRUDDUR_SCALE_USERS people (default 100) seeded on SQLite with `cruddur ddb seed-load`
# (through the domain, no HTTP), migrated into the DynamoDB-protocol engine at AWS_ENDPOINT_URL plus a
# throwaway PostgreSQL, verified; then a server on the source and a server on the target are compared through
# the HTTP API, every person, every page of their list and of each conversation, item for item
# (compare-through-api.mjs). Prints each phase's wall time. Usage (ctest does this):
#   run-with-dynamodb-engine.sh dynalite|dynamodb-local bash tests/engines/migrate-scale-test.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="${CRUDDUR_BINARY:?CRUDDUR_BINARY must name the cruddur binary}"
: "${AWS_ENDPOINT_URL:?run me with run-with-dynamodb-engine.sh}"
messages="${CRUDDUR_SCALE_MESSAGES:-50000}"
users="${CRUDDUR_SCALE_USERS:-100}"

work="$(mktemp -d -t cruddur-migrate-scale.XXXXXX)"
chmod 755 "$work"  # the postgres user must reach its cluster directory under it
pg_pid="" source_pid="" target_pid=""
cleanup() {
  for pid in "$source_pid" "$target_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  [ -n "$pg_pid" ] && "$here/stop-postgres.sh" "$pg_pid" || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "migrate-scale-test: FAIL: $*" >&2; exit 1; }
started=$(date +%s.%N)
phase() {  # phase NAME: prints the wall time since the previous phase
  local now; now=$(date +%s.%N)
  printf 'migrate-scale-test: %-8s %6.1f s\n' "$1" "$(echo "$now - $started" | bc)"
  started=$now
}

read -r pg_port pg_pid <<<"$("$here/start-postgres.sh" "$work/pg")"
url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
table="cruddur-scale-$$"
source_flags=(--store sqlite --data "$work/data")
target_flags=(--store dynamodb --table "$table" --connection-url "$url" --data "$work/target-data")
phase engines

"$binary" ddb seed-load --users "$users" --messages "$messages" "${source_flags[@]}" >"$work/seed.out" 2>&1 \
  || fail "seed-load: $(tail -3 "$work/seed.out")"
phase seed

"$binary" migrate "${source_flags[@]}" --to-dynamodb "$table" --to-postgres "$url" --via "$work/export" \
  >"$work/migrate.out" 2>"$work/migrate.err" || fail "migrate: $(tail -3 "$work/migrate.err")"
grep -q "^verified: " "$work/migrate.out" || fail "migrate did not verify: $(cat "$work/migrate.out")"
phase migrate
lines() { grep -o "\"content\":\"$1\",\"lines\":[0-9]*" "$work/export/manifest.json" | grep -o '[0-9]*$'; }
[ "$(lines users)" = "$users" ] || fail "the export holds $(lines users) accounts, not $users"
items="$(lines items)"
[ "$items" -gt "$messages" ] || fail "the export holds only $items items for $messages messages"

serve() {  # serve LOG FLAGS...: starts a server, prints "PORT PID"
  local log="$1" port pid
  shift
  port="$("$here/free-port.sh")"
  "$binary" serve --listen "127.0.0.1:$port" --signin-rate 0 --signin-failures 0 "$@" >"$log" 2>&1 &
  pid=$!
  "$here/wait-for-http.sh" cruddur "http://127.0.0.1:$port/api/health" "$port" "$pid" "$log" 30 >/dev/null \
    || fail "a server did not start: $(tail -3 "$log")"
  echo "$port $pid"
}
read -r source_port source_pid <<<"$(serve "$work/source.log" "${source_flags[@]}")"
read -r target_port target_pid <<<"$(serve "$work/target.log" "${target_flags[@]}")"
handles=()
for ((u = 0; u < users; u++)); do handles+=("load_u$u"); done
node "$here/compare-through-api.mjs" "http://127.0.0.1:$source_port" "http://127.0.0.1:$target_port" \
  cruddur-load-2026 "${handles[@]}" >"$work/compare.out" 2>&1 || fail "$(cat "$work/compare.out")"
phase compare
cat "$work/compare.out"
# Each message is seen by both members of its conversation.
seen="$(grep -o '[0-9]* message views' "$work/compare.out" | grep -o '^[0-9]*')"
[ "$seen" = "$((2 * messages))" ] || fail "$seen message views, not $((2 * messages))"
echo "migrate-scale-test: ok ($messages messages, $users people, $items items: SQLite -> $AWS_ENDPOINT_URL + PostgreSQL)"
