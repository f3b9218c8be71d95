#!/usr/bin/env bash
# Stops a PostgreSQL started by start-postgres.sh, by the postmaster PID it printed: SIGINT (fast shutdown:
# disconnects clients, then exits cleanly), SIGQUIT (immediate shutdown) if it is still there after ~10 s.
# Returns once the postmaster has exited. (SIGTERM would be a "smart" shutdown that waits for clients.)
set -euo pipefail
pid="${1:?usage: stop-postgres.sh PID}"
kill -INT "$pid" 2>/dev/null || exit 0
for _ in $(seq 1 200); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.05
done
kill -QUIT "$pid" 2>/dev/null || true
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.05
done
echo "stop-postgres: $pid did not exit" >&2
exit 1
