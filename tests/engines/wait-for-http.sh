#!/usr/bin/env bash
# Waits until a just-started server answers HTTP, then prints "PORT PID" (what every start-*.sh prints).
# Any HTTP answer counts as ready. If the process exits, or SECONDS pass, prints its log and kills it.
# Usage: wait-for-http.sh NAME URL PORT PID LOG SECONDS
set -euo pipefail
name="$1" url="$2" port="$3" pid="$4" log="$5" seconds="$6"
deadline=$((SECONDS + seconds))
while ((SECONDS < deadline)); do
  if curl -s -o /dev/null --max-time 1 "$url"; then
    echo "$port $pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "$name: exited early; log:" >&2; cat "$log" >&2; exit 1
  fi
  sleep 0.05
done
echo "$name: not ready after $seconds s; log:" >&2; cat "$log" >&2
kill "$pid" 2>/dev/null || true
exit 1
