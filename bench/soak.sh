#!/usr/bin/env bash
# Soak: SOAK_MINUTES (10) of steady mixed load on one `cruddur serve` (SQLite, temp data dir), with idle
# stream sockets held open, sampling the server every 10 s. Measured, never asserted (bench/README.md).
#
# Load, in 10 s slices back to back (so every slice has its own figures):
#   - reads:  wrk -c SOAK_READ_CONNECTIONS (40) GETs rotating over the conversation lists and message pages
#             of SOAK_USERS (20) people;
#   - sends:  wrk -c SOAK_SEND_CONNECTIONS (10) replies with unique client_message_ids, at the same time;
#     (about 80% reads and 20% sends by connections; the actual counts are in the table);
#   - sockets: build/bench/stream_load --hold opens SOAK_SOCKET_PAIRS (100) x 5 stream sockets and keeps them
#     open (skipped when stream_load is not built).
# Each slice writes one row: minute, read and send req/s, read and send p99 (ms), non-2xx and socket errors,
# server RSS and its anonymous part (KiB: heap and stacks, without the memory-mapped database pages, which
# count in RSS as the database grows), open fds, threads, and the data directory's size (KiB). Then a summary: RSS after the first SOAK_WARMUP_SLICES (6) slices, its
# slope (KiB per minute, least squares), and errors in all. Results: bench/results/soak-<UTC stamp>/.
# Usage: bash bench/soak.sh   (after make build; BUILD=dir for another build directory)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD:-$root/build}"
minutes="${SOAK_MINUTES:-10}" users="${SOAK_USERS:-20}"
read_conns="${SOAK_READ_CONNECTIONS:-40}" send_conns="${SOAK_SEND_CONNECTIONS:-10}"
pairs="${SOAK_SOCKET_PAIRS:-100}" warmup="${SOAK_WARMUP_SLICES:-6}"
for tool in wrk curl awk; do command -v "$tool" >/dev/null || { echo "soak: $tool missing" >&2; exit 1; }; done
[ -x "$build/cruddur" ] || { echo "soak: $build/cruddur missing; run make build" >&2; exit 1; }

out="$root/bench/results/soak-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
work="$(mktemp -d)"
server_pid="" sockets_pid=""
cleanup() {
  [ -n "$sockets_pid" ] && kill "$sockets_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port="$(bash "$root/tests/engines/free-port.sh")"
url="http://127.0.0.1:$port"
"$build/cruddur" serve --listen "127.0.0.1:$port" --data "$work/data" --send-rate 0 --signin-rate 0 \
  --signin-failures 0 --max-sockets 100000 >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "$url/api/health" >/dev/null && break; sleep 0.1; done

# People and conversations: person i talks with i+1 (ring); every conversation gets a first message.
declare -a token group
run="soak$RANDOM"
for i in $(seq 0 $((users - 1))); do
  curl -sf "$url/api/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"display_name\":\"Soak $i\",\"handle\":\"${run}_$i\",\"email\":\"${run}_$i@example.com\",\"password\":\"correct horse battery\"}" \
    >"$work/signup-$i.json"
  token[$i]="$(sed -E 's/.*"access_token":"([^"]+)".*/\1/' "$work/signup-$i.json")"
done
for i in $(seq 0 $((users - 1))); do
  j=$(((i + 1) % users))
  group[$i]="$(curl -sf "$url/api/messages" -H "Authorization: Bearer ${token[$i]}" -H 'Content-Type: application/json' \
    -d "{\"handle\":\"${run}_$j\",\"message\":\"hello\"}" | sed -E 's/.*"message_group_uuid":"([^"]+)".*/\1/')"
done
get_args=() send_args=()
for i in $(seq 0 $((users - 1))); do
  get_args+=("${token[$i]}" "/api/message_groups" "${token[$i]}" "/api/messages/${group[$i]}?limit=20")
  send_args+=("${token[$i]}" "${group[$i]}")
done

if [ -x "$build/bench/stream_load" ]; then
  "$build/bench/stream_load" --port "$port" --pairs "$pairs" --sockets-per-receiver 5 --rates 1 --seconds 1 \
    --hold $((minutes * 60 + 60)) >"$out/sockets.log" 2>&1 &
  sockets_pid=$!
  for _ in $(seq 1 600); do grep -q holding "$out/sockets.log" 2>/dev/null && break; sleep 0.5; done
fi

sample() {  # RSS KiB, anonymous RSS KiB, open fds, threads of the server
  local rss anon fds threads
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")
  anon=$(awk '/^RssAnon/ {print $2}' "/proc/$server_pid/status")
  threads=$(awk '/^Threads/ {print $2}' "/proc/$server_pid/status")
  fds=$(ls "/proc/$server_pid/fd" | wc -l)
  echo "$rss $anon $fds $threads"
}
field() { sed -nE "s/.*$1=([0-9.]+).*/\1/p" "$2"; }

printf 'minute\tread_rps\tsend_rps\tread_p99_ms\tsend_p99_ms\terrors\trss_kib\tfds\tthreads\tdata_kib\tanon_kib\n' >"$out/soak.tsv"
slices=$((minutes * 6))
for s in $(seq 1 "$slices"); do
  wrk -t1 -c "$read_conns" -d10s -s "$root/bench/wrk/api.lua" "$url" -- get "${get_args[@]}" >"$work/read.out" 2>&1 &
  reader=$!
  wrk -t1 -c "$send_conns" -d10s -s "$root/bench/wrk/api.lua" "$url" -- send "$run-$s" "${send_args[@]}" >"$work/send.out" 2>&1
  wait "$reader"
  read -r rss anon fds threads < <(sample)
  errors=$(( $(field non2xx "$work/read.out") + $(field sock_errors "$work/read.out") + $(field non2xx "$work/send.out") + $(field sock_errors "$work/send.out") ))
  data_kib=$(du -sk "$work/data" | awk '{print $1}')
  printf '%.2f\t%s\t%s\t%.1f\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(echo "$s / 6" | bc -l)" \
    "$(field rps "$work/read.out")" "$(field rps "$work/send.out")" \
    "$(echo "$(field p99_us "$work/read.out") / 1000" | bc -l)" "$(echo "$(field p99_us "$work/send.out") / 1000" | bc -l)" \
    "$errors" "$rss" "$fds" "$threads" "$data_kib" "$anon" | tee -a "$out/soak.tsv"
done

sockets_open=$(awk '/^sockets / {print $2}' "$out/sockets.log" 2>/dev/null | tail -1)
awk -v warmup="$warmup" -v sockets="$sockets_open" -F'\t' '
  NR == 1 { next }
  { errors += $6; rows++ }
  rows > warmup { n++; x = $1; y = $7; a = $11; sx += x; sy += y; sxx += x * x; sxy += x * y; sa += a; sxa += x * a
                  if (n == 1) { first = y; data0 = $10; anon0 = a }
                  last = y; data1 = $10; anon1 = a; if (y > max) max = y }
  END {
    d = n * sxx - sx * sx
    slope = n > 1 ? (n * sxy - sx * sy) / d : 0
    anon_slope = n > 1 ? (n * sxa - sx * sa) / d : 0
    printf "slices %d, errors %d, RSS after warm-up %d -> %d KiB (max %d), slope %.1f KiB/min; anonymous %d -> %d KiB, slope %.1f KiB/min; data %d -> %d KiB; stream sockets held %s\n",
           rows, errors, first, last, max, slope, anon0, anon1, anon_slope, data0, data1, sockets
  }' "$out/soak.tsv" | tee "$out/summary.txt"
echo "results: $out"
