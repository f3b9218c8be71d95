#!/usr/bin/env bash
# `make test`: the whole suite through CTest — unit tests, the Table conformance suite on every engine,
# black-box API tests against the real binary, and the web app's component and browser tests. Each test
# starts the servers it needs (dynalite, DynamoDB Local, PostgreSQL, cognito-local, the service itself) on
# 127.0.0.1 with free ports and temp dirs, and stops them by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-build}"

if [ -f scripts/web-build.sh ]; then
  bash scripts/web-build.sh
fi

mkdir -p test-output
# --timeout bounds a hung test; output of failing tests is shown in full.
run_ctest() { ctest --test-dir "$BUILD" --output-on-failure --timeout 900 -j "${TEST_JOBS:-2}" "$@"; }
if [ $# -gt 0 ]; then
  run_ctest "$@"
  exit
fi

# The whole suite. Unless CRUDDUR_SANITIZE_TESTS=0 (see tests/CMakeLists.txt), the two clang sanitizer builds
# (scripts/sanitize.sh: build/asan with the fuzz targets,
# build/tsan) are compiled in the background, niced, while this build's tests run: those wait on servers
# and browsers much of the time, and the builds take the idle CPU. Then the sanitizer and fuzz tests run
# (their ctest build steps find everything built). doc/fuzzing.md has the times.
sanitized='^(sanitize_.*|fuzz_short)$'
status=0
if [ "${CRUDDUR_SANITIZE_TESTS:-1}" != 0 ] && command -v clang++ >/dev/null; then
  SANITIZE_DIR="$BUILD" SANITIZE_JOBS=2 nice -n 10 bash scripts/sanitize.sh --build-only asan tsan \
    >"$BUILD/sanitize-builds.log" 2>&1 &
  builds=$!
  run_ctest -E "$sanitized" || status=1
  wait "$builds" || true  # a failed build is reported by its ctest step below, with the log
  run_ctest -R "$sanitized" || status=1
else
  run_ctest || status=1
fi
exit "$status"
