#!/usr/bin/env bash
# `cruddur migrate` end to end (doc/export.md): the demo data on the embedded engines (SQLite messages and
# users) moved to a DynamoDB-protocol engine (AWS_ENDPOINT_URL, started by run-with-dynamodb-engine.sh) plus a
# throwaway PostgreSQL for the users, then checked: verify agrees, every conversation reads the same through
# the CLI, and a demo user signs in on a server running on the new engines with the old password (its argon2id
# hash moved into PostgreSQL). Usage (ctest does this):
#   run-with-dynamodb-engine.sh dynalite bash tests/engines/migrate-test.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="${CRUDDUR_BINARY:?CRUDDUR_BINARY must name the cruddur binary}"
: "${AWS_ENDPOINT_URL:?run me with run-with-dynamodb-engine.sh}"

work="$(mktemp -d -t cruddur-migrate.XXXXXX)"
chmod 755 "$work"  # the postgres user must reach its cluster directory under it
pg_pid="" server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$pg_pid" ] && "$here/stop-postgres.sh" "$pg_pid" || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "migrate-test: FAIL: $*" >&2; exit 1; }

read -r pg_port pg_pid <<<"$("$here/start-postgres.sh" "$work/pg")"
url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
table="cruddur-migrated-$$"

source_flags=(--store sqlite --data "$work/data")
"$binary" ddb seed "${source_flags[@]}" >/dev/null
group="$("$binary" ddb list-conversations andrewbrown "${source_flags[@]}" | head -1 | sed 's/.*"uuid":"\([^"]*\)".*/\1/')"
[ -n "$group" ] || fail "no demo conversation"

"$binary" migrate "${source_flags[@]}" --to-dynamodb "$table" --to-postgres "$url" --via "$work/export" \
  >"$work/migrate.out" 2>"$work/migrate.err" || fail "migrate: $(tail -3 "$work/migrate.err")"
grep -q "^verified: " "$work/migrate.out" || fail "migrate did not verify: $(cat "$work/migrate.out")"

target_flags=(--store dynamodb --table "$table" --connection-url "$url" --data "$work/target-data")
"$binary" verify --from "$work/export" "${target_flags[@]}" >/dev/null 2>&1 || fail "verify of the target"
for who in andrewbrown bayko; do
  diff <("$binary" ddb list-conversations "$who" "${source_flags[@]}") \
       <("$binary" ddb list-conversations "$who" "${target_flags[@]}") >/dev/null || fail "@$who's list differs"
done
diff <("$binary" ddb get-conversation "$group" "${source_flags[@]}") \
     <("$binary" ddb get-conversation "$group" "${target_flags[@]}") >/dev/null || fail "the conversation differs"

# Importing again changes nothing.
"$binary" import --from "$work/export" "${target_flags[@]}" 2>/dev/null | grep -q "users: 0 created" \
  || fail "a second import created users"

# Sign in on the new engines with the demo password.
port="$("$here/free-port.sh")"
"$binary" serve --listen "127.0.0.1:$port" "${target_flags[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
"$here/wait-for-http.sh" cruddur "http://127.0.0.1:$port/api/health" "$port" "$server_pid" "$work/server.log" 20 \
  >/dev/null || fail "the server on the new engines did not start"
status="$(curl -s -o "$work/signin.json" -w '%{http_code}' "http://127.0.0.1:$port/api/auth/signin" \
  -H 'Content-Type: application/json' -d '{"login":"andrewbrown","password":"cruddur-demo-2026"}')"
[ "$status" = 200 ] || fail "sign-in after the move: $status $(cat "$work/signin.json")"
echo "migrate-test: ok (SQLite -> $AWS_ENDPOINT_URL table $table + PostgreSQL on port $pg_port)"
