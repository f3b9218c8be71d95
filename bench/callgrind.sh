#!/usr/bin/env bash
# Instructions the server executes per API call on the DynamoDB engine, counted by valgrind's callgrind: a
# repeatable measure of the service's own CPU cost on a shared, noisy machine (where CPU µs per request from
# `make bench` moves by tens of percent between runs). See bench/README.md.
#
# Seeds a conversation through a native server (bench users, 60 messages), restarts the same data under
# `valgrind --tool=callgrind` with one io thread, warms it up, then for each endpoint zeroes the counters,
# sends N requests one after another on one keep-alive connection (curl) and dumps. Prints, per endpoint:
# instructions per call, DynamoDB requests per call (cruddur_dynamodb_requests_total from the server's
# /metrics, read before and after each endpoint's requests) and instructions per DynamoDB request. The dumps stay in the output directory for callgrind_annotate.
#
# Usage: bench/callgrind.sh [N]   (default 200)
#   BENCH_CALLGRIND_ENGINE=dynalite|dynamodb-local|sqlite (default dynalite; sqlite: the embedded engine, no
#   DynamoDB requests); CRUDDUR_BIN=path (default build/cruddur)
#   BENCH_CALLGRIND_OUT=dir (default bench/results/callgrind-<stamp>)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${1:-200}
BIN=${CRUDDUR_BIN:-$ROOT/${BUILD:-build}/cruddur}
ENGINE=${BENCH_CALLGRIND_ENGINE:-dynalite}
OUT=${BENCH_CALLGRIND_OUT:-$ROOT/bench/results/callgrind-$(date -u +%Y%m%dT%H%M%SZ)}
for tool in valgrind callgrind_control callgrind_annotate curl; do
  command -v "$tool" >/dev/null || { echo "callgrind.sh: $tool is missing" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "callgrind.sh: no $BIN" >&2; exit 1; }
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/cruddur-callgrind.XXXXXX)
SERVER_PID="" ENGINE_PID=""
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  stop_server
  [ -z "$ENGINE_PID" ] || "$ROOT/tests/engines/stop-engine.sh" "$ENGINE_PID" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

STORE_ARGS=()
if [ "$ENGINE" != sqlite ]; then
  started=$("$ROOT/tests/engines/start-$ENGINE.sh")
  read -r port ENGINE_PID <<<"$started"
  export AWS_ENDPOINT_URL=http://127.0.0.1:$port AWS_REGION=us-east-1
  STORE_ARGS=(--store dynamodb --table "callgrind-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')")
fi

# start_server [wrapper...]: the server on a free port; sets SERVER_PID and URL.
start_server() {
  "$@" "$BIN" serve --listen 127.0.0.1:0 --data "$WORK/data" "${STORE_ARGS[@]}" --threads 1 \
    --send-rate 0 --signin-rate 0 --log-level warn --metrics-listen 127.0.0.1:0 --storage-timeout 30000 >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  local port=""
  for _ in $(seq 1 1200); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/server.out" 2>/dev/null || true)
    [ -n "$port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "callgrind.sh: the server did not start" >&2; exit 1; }
  URL=http://127.0.0.1:$port
  METRICS=$(sed -n 's|^Metrics on \(http://.*\)$|\1|p' "$WORK/server.out")
}
# DynamoDB requests sent so far (0 from a server without the counter).
ddb_requests() {
  { curl -sf "$METRICS" || true; } | awk '/^cruddur_dynamodb_requests_total/ {n += $NF} END {printf "%d", n}'
}
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -1; }

# Seeding, natively: two users and one conversation of 60 messages.
start_server
declare -a TOKEN
for i in 0 1; do
  TOKEN[$i]=$(curl -sf "$URL/api/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"display_name\":\"Grind $i\",\"handle\":\"grind_u$i\",\"email\":\"g$i@bench.example\",\"password\":\"grind-password-$i\"}" |
    field access_token)
done
GROUP=$(curl -sf "$URL/api/messages" -H "Authorization: Bearer ${TOKEN[0]}" -H 'Content-Type: application/json' \
  -d '{"handle":"grind_u1","message":"hello","client_message_id":"open"}' | field message_group_uuid)
[ -n "$GROUP" ] || { echo "callgrind.sh: seeding failed" >&2; exit 1; }
send_config() {  # send_config TAG COUNT [SENDERS]: curl -K entries, each a reply by user (i % SENDERS, 2)
  local i
  for i in $(seq 1 "$2"); do
    printf 'next\nurl = "%s/api/messages"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' \
      "$URL" "${TOKEN[$((i % ${3:-2}))]}"
    printf 'data = "{\\"message\\":\\"message %s of %s\\",\\"message_group_uuid\\":\\"%s\\",\\"client_message_id\\":\\"%s-%s\\"}"\n' \
      "$i" "$1" "$GROUP" "$1" "$i"
    printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
  done
}
get_config() {  # get_config PATH COUNT
  local i
  for i in $(seq 1 "$2"); do
    printf 'next\nurl = "%s%s"\nheader = "Authorization: Bearer %s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
      "$URL" "$1" "${TOKEN[$((i % 2))]}"
  done
}
send_config seed 60 >"$WORK/seed.curl"
curl -s -K "$WORK/seed.curl" | sort | uniq -c | grep -q ' 200$'
stop_server

start_server valgrind --tool=callgrind --compress-strings=no --callgrind-out-file="$OUT/callgrind.out.%p"
VG_PID=$SERVER_PID
# run NAME CONFIG: zero, N requests on one connection, dump; checks every answer was 200.
run() {
  local before; before=$(ddb_requests)
  callgrind_control --zero "$VG_PID" >/dev/null
  curl -s -K "$2" >"$WORK/status-$1.txt"
  callgrind_control --dump="$1" "$VG_PID" >/dev/null
  echo $(($(ddb_requests) - before)) >"$OUT/ddb-requests-$1.txt"
  local bad; bad=$(grep -cv '^200$' "$WORK/status-$1.txt" || true)
  [ "$bad" = 0 ] || { echo "callgrind.sh: $1: $bad answers other than 200" >&2; exit 1; }
}
get_config "/api/messages/$GROUP" 20 >"$WORK/warm-page.curl"; send_config warm 20 >"$WORK/warm-send.curl"
run warm_page "$WORK/warm-page.curl"; run warm_send "$WORK/warm-send.curl"
get_config /api/health "$N" >"$WORK/health.curl"; run health "$WORK/health.curl"
get_config /api/me "$N" >"$WORK/me.curl"; run me "$WORK/me.curl"
get_config "/api/messages/$GROUP" "$N" >"$WORK/page.curl"; run messages_page "$WORK/page.curl"
get_config /api/message_groups "$N" >"$WORK/groups.curl"; run message_groups "$WORK/groups.curl"
send_config reply "$N" >"$WORK/send.curl"; run send "$WORK/send.curl"
# Replies by one person only: the other's unread count sits at the cap (99), as for stream_load's receivers,
# so every send's group.updated counts up to 99 messages.
# (100 such sends first bring the count to the cap.)
send_config warmoneway 100 1 >"$WORK/warm-oneway.curl"; run warm_one_way "$WORK/warm-oneway.curl"
send_config oneway "$N" 1 >"$WORK/send-oneway.curl"; run send_one_way "$WORK/send-oneway.curl"
stop_server

# One line per endpoint: total Ir of its dump (the "summary:" line) and the DynamoDB requests it made.
{
  printf '%s on %s, %s requests per endpoint, one io thread; commit %s%s\n\n' "$(basename "$BIN")" "$ENGINE" "$N" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted src changes')"
  printf '| endpoint | instructions/call | DynamoDB requests/call | instructions/DynamoDB request |\n| --- | ---: | ---: | ---: |\n'
  for name in health me messages_page message_groups send send_one_way; do
    dump=$(grep -l "^desc: Trigger: dump $name\$" "$OUT"/callgrind.out.* 2>/dev/null | head -1) || true
    [ -n "$dump" ] || { ls "$OUT" >&2; echo "callgrind.sh: no dump for $name" >&2; exit 1; }
    ir=$(awk '/^summary:/ {print $2}' "$dump")
    calls=$(cat "$OUT/ddb-requests-$name.txt")
    awk -v name="$name" -v ir="$ir" -v n="$N" -v calls="$calls" 'BEGIN {
      per = ir / n; d = calls / n
      printf "| %s | %.0f | %.2f | %s |\n", name, per, d, (d > 0 ? sprintf("%.0f", per / d) : "-") }'
  done
} | tee "$OUT/summary.md"
