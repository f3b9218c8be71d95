#!/usr/bin/env bash
# Export and import throughput (items/s) and peak RSS (/usr/bin/time -v "Maximum resident set size", the
# process's VmHWM) of `cruddur export` / `cruddur import` on SQLite, dynalite and DynamoDB Local, at two
# sizes (doc/export.md, "Figures"). For each size N (TRANSFER_SIZES, default "10000 50000" messages among
# 100 people, seeded on SQLite with `cruddur ddb seed-load`): export from SQLite, then for each engine
# (TRANSFER_ENGINES, default "sqlite dynalite dynamodb-local") import that export into a fresh target and
# export it back. Prints one Markdown table row per (engine, size, direction). Flat memory is the claim: the
# RSS at 50,000 should match the RSS at 10,000.
# Usage: bash bench/transfer.sh            (builds nothing: uses build/cruddur, or CRUDDUR_BINARY)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engines_dir="$root/tests/engines"
binary="${CRUDDUR_BINARY:-$root/build/cruddur}"
sizes="${TRANSFER_SIZES:-10000 50000}"
engines="${TRANSFER_ENGINES:-sqlite dynalite dynamodb-local}"
users="${TRANSFER_USERS:-100}"

work="$(mktemp -d -t cruddur-transfer-bench.XXXXXX)"
engine_pids=()
cleanup() {
  for pid in "${engine_pids[@]}"; do "$engines_dir/stop-engine.sh" "$pid" || true; done
  rm -rf "$work"
}
trap cleanup EXIT

declare -A endpoint
for engine in $engines; do
  case "$engine" in
    sqlite) ;;
    dynalite) read -r port pid <<<"$("$engines_dir/start-dynalite.sh")" ;;
    dynamodb-local) read -r port pid <<<"$("$engines_dir/start-dynamodb-local.sh")" ;;
    *) echo "transfer.sh: unknown engine $engine" >&2; exit 2 ;;
  esac
  if [ "$engine" != sqlite ]; then
    engine_pids+=("$pid")
    endpoint[$engine]="http://127.0.0.1:$port"
  fi
done
export AWS_REGION="${AWS_REGION:-us-east-1}"

# measure LABEL ITEMS COMMAND...: runs the command under /usr/bin/time -v and prints a table row: wall time,
# items/s, peak RSS ("Maximum resident set size", the VmHWM), and the peak of RssAnon (heap and stacks:
# sampled every 50 ms from /proc), which leaves out the file pages SQLite's mmap (256 MiB window) maps in
# as it reads the database: those grow with the file read and are the kernel's page cache, not the
# process's own memory.
measure() {
  local label="$1" items="$2"
  shift 2
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" &
  local timer=$! child="" anon=0 sample
  while kill -0 "$timer" 2>/dev/null; do
    [ -n "$child" ] || child="$(pgrep -P "$timer" | head -1 || true)"
    if [ -n "$child" ]; then
      sample="$(awk '/RssAnon/ {print $2}' "/proc/$child/status" 2>/dev/null || true)"
      if [ -n "$sample" ] && [ "$sample" -gt "$anon" ]; then anon="$sample"; fi
    fi
    sleep 0.05
  done
  wait "$timer" || { echo "transfer.sh: $label failed: $(tail -3 "$work/err.txt")" >&2; exit 1; }
  local wall rss
  wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk -F': ' '{print $2}' \
          | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')"
  rss="$(grep 'Maximum resident set size' "$work/time.txt" | awk -F': ' '{print $2}')"
  printf '| %s | %s | %.1f s | %.0f items/s | %.1f MiB | %.1f MiB |\n' "$label" "$items" "$wall" \
    "$(echo "$items / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$(echo "$anon / 1024" | bc -l)"
}

# personal_export DATA N: GET /api/me/export of load_u0 (a fifth of all messages and more) from a server on
# DATA, read by a client limited to 1 MiB/s (so that a server that buffered the document would show it);
# prints the download's size and time, the server's VmRSS before it, its peak (VmHWM) during it, and the
# peak of its RssAnon sampled every 20 ms (without the database file pages SQLite's mmap maps in).
personal_export() {
  local data="$1" n="$2" port pid token before anon=0 sample client
  port="$("$engines_dir/free-port.sh")"
  "$binary" serve --listen "127.0.0.1:$port" --store sqlite --data "$data" --signin-rate 0 >"$work/serve.log" 2>&1 &
  pid=$!
  "$engines_dir/wait-for-http.sh" cruddur "http://127.0.0.1:$port/api/health" "$port" "$pid" "$work/serve.log" 20 >/dev/null
  token="$(curl -s "http://127.0.0.1:$port/api/auth/signin" -H 'Content-Type: application/json' \
    -d '{"login":"load_u0","password":"cruddur-load-2026"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')"
  before="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
  # The peak so far is the sign-in's argon2id hash (64 MiB by design): reset it (Linux >= 4.0), so that
  # VmHWM afterwards is the download's peak.
  echo 5 >"/proc/$pid/clear_refs"
  curl -s --limit-rate 1M -o "$work/mine.json" -w '%{size_download} %{time_total}\n' \
    "http://127.0.0.1:$port/api/me/export" -H "Authorization: Bearer $token" >"$work/curl.txt" &
  client=$!
  while kill -0 "$client" 2>/dev/null; do
    sample="$(awk '/RssAnon/ {print $2}' "/proc/$pid/status")"
    if [ "$sample" -gt "$anon" ]; then anon="$sample"; fi
    sleep 0.02
  done
  wait "$client"
  read -r bytes seconds <"$work/curl.txt"
  personal_rows+=("$(printf '| GET /api/me/export of load_u0 (%s messages in all) | %.1f MiB | %.2f s | %.1f MiB | %.1f MiB | %.1f MiB |' \
    "$n" "$(echo "$bytes / 1048576" | bc -l)" "$seconds" "$(echo "$before / 1024" | bc -l)" \
    "$(echo "$(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024" | bc -l)" "$(echo "$anon / 1024" | bc -l)")")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}
personal_rows=()

echo "cruddur $("$binary" --version | sed 's/^cruddur //'), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| engine, direction | items | wall | throughput | peak RSS | peak RssAnon |"
echo "| --- | --- | --- | --- | --- | --- |"
for n in $sizes; do
  source_data="$work/source-$n"
  "$binary" ddb seed-load --users "$users" --messages "$n" --store sqlite --data "$source_data" >/dev/null 2>&1
  via="$work/export-$n"
  # A first export learns the item count (and warms the page cache); the second is measured.
  "$binary" export --to "$via" --store sqlite --data "$source_data" >/dev/null 2>&1
  items="$(grep -o '"content":"items","lines":[0-9]*' "$via/manifest.json" | grep -o '[0-9]*$')"
  measure "sqlite export ($n messages)" "$items" "$binary" export --to "$via.again" --store sqlite --data "$source_data"
  personal_export "$source_data" "$n"
  for engine in $engines; do
    target=(--data "$work/target-$engine-$n")
    if [ "$engine" = sqlite ]; then
      target+=(--store sqlite)
    else
      target+=(--store dynamodb --table "bench-$n-$$")
      export AWS_ENDPOINT_URL="${endpoint[$engine]}"
    fi
    measure "$engine import ($n messages)" "$items" "$binary" import --from "$via" "${target[@]}"
    [ "$engine" = sqlite ] || measure "$engine export ($n messages)" "$items" "$binary" export --to "$work/back-$engine-$n" "${target[@]}"
  done
done
echo
echo "| personal download (client at 1 MiB/s) | size | time | server VmRSS before | peak RSS during | peak RssAnon during |"
echo "| --- | --- | --- | --- | --- | --- |"
for row in "${personal_rows[@]}"; do echo "$row"; done
