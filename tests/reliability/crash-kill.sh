#!/usr/bin/env bash
# The crash test by hand: KILLS random SIGKILLs of the server under load, on SQLite, dynalite and/or DynamoDB
# Local, then the brute-force check through the API (tests/reliability/crash_kill_test.cpp says what is checked).
# Usage: tests/reliability/crash-kill.sh [KILLS=100] [sqlite|dynalite|dynamodb-local|all=all] [CLIENTS=8]
# Needs a build (make build): uses build/tests/reliability_tests and build/cruddur (BUILD=dir to change).
# Prints the "[ figures ]" line of each engine; exits non-zero when anything was lost or duplicated.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BUILD:-$root/build}"
kills="${1:-100}" engine="${2:-all}" clients="${3:-8}"
binary="$build/tests/reliability_tests"
[ -x "$binary" ] || { echo "crash-kill: $binary missing; run make build" >&2; exit 1; }
export CRUDDUR_BINARY="$build/cruddur" CRUDDUR_CRASH_KILLS="$kills" CRUDDUR_CRASH_CLIENTS="$clients"
status=0
if [ "$engine" = sqlite ] || [ "$engine" = all ]; then
  echo "== SQLite: $kills kills, $clients clients"
  CRUDDUR_TEST_ENGINE=sqlite "$binary" --gtest_filter='CrashKill.*' || status=1
fi
if [ "$engine" = dynalite ] || [ "$engine" = all ]; then
  echo "== dynalite: $kills kills, $clients clients"
  CRUDDUR_CRASH_ALIVE_MS="${CRUDDUR_CRASH_ALIVE_MS:-1000}" \
    "$root/tests/engines/run-with-dynamodb-engine.sh" dynalite "$binary" --gtest_filter='CrashKill.*' || status=1
fi
if [ "$engine" = dynamodb-local ] || [ "$engine" = all ]; then
  echo "== DynamoDB Local: $kills kills, $clients clients"
  CRUDDUR_CRASH_ALIVE_MS="${CRUDDUR_CRASH_ALIVE_MS:-1000}" \
    "$root/tests/engines/run-with-dynamodb-engine.sh" dynamodb-local "$binary" --gtest_filter='CrashKill.*' || status=1
fi
exit $status
