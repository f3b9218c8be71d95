#!/usr/bin/env bash
# Runs a command against a fresh DynamoDB-protocol engine on 127.0.0.1, then stops the engine by its PID.
# Usage: run-with-dynamodb-engine.sh dynalite|dynamodb-local COMMAND [ARGS...]
# The command sees CRUDDUR_TEST_ENGINE=dynamodb and AWS_ENDPOINT_URL=http://127.0.0.1:PORT (credentials are
# dummy ones, which the engine uses for local endpoints). Exits with the command's status.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
engine="${1:?usage: run-with-dynamodb-engine.sh dynalite|dynamodb-local COMMAND...}"
shift
case "$engine" in
  dynalite) started="$("$here/start-dynalite.sh")" ;;
  dynamodb-local) started="$("$here/start-dynamodb-local.sh")" ;;
  *) echo "run-with-dynamodb-engine: unknown engine $engine" >&2; exit 2 ;;
esac
read -r port pid <<<"$started"
trap '"$here/stop-engine.sh" "$pid"' EXIT

unset AWS_ENDPOINT_URL_DYNAMODB AWS_PROFILE
export CRUDDUR_TEST_ENGINE=dynamodb
export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
export AWS_REGION="${AWS_REGION:-us-east-1}"
"$@"
