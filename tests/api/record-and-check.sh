#!/usr/bin/env bash
# Runs the API tests (the command given, e.g. build/tests/api_tests) with every exchange recorded
# (CRUDDUR_API_RECORD, tests/support/exchange_record.hpp), then checks the record against doc/openapi.yaml
# (check-openapi.mjs). Fails when the tests fail or when a response is not what the document says; the
# check runs even after failed tests. Usage: record-and-check.sh COMMAND [ARGS...]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -d "$here/node_modules/ajv" ]; then
  echo "record-and-check: tests/api/node_modules is missing: run scripts/install-deps.sh (make test does)" >&2
  exit 1
fi
record="$(mktemp -t cruddur-api-record.XXXXXX)"
trap 'rm -f "$record"' EXIT
CRUDDUR_API_RECORD="$record" "$@"
tests=$?
node "$here/check-openapi.mjs" "$here/../../doc/openapi.yaml" "$record"
checked=$?
[ "$tests" -eq 0 ] && [ "$checked" -eq 0 ]
