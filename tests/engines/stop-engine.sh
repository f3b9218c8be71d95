#!/usr/bin/env bash
# Stops a server started by start-*.sh, by the PID it printed: SIGTERM, then SIGKILL after ~5 s.
set -euo pipefail
pid="${1:?usage: stop-engine.sh PID}"
kill "$pid" 2>/dev/null || exit 0
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null || true
