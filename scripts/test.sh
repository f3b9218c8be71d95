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
ctest --test-dir "$BUILD" --output-on-failure --timeout 900 -j "${TEST_JOBS:-2}" "$@"
