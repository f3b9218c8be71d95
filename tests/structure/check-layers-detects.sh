#!/usr/bin/env bash
# The layer check can fail: on a copy of src/ with three wrong-way includes planted (http -> store, the
# SQLite engine -> the DynamoDB engine, Beast in messaging), check-layers.sh must exit 1 and name all three.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/../../src" "$tmp/src"
printf '#include "store/store_error.hpp"\n' >>"$tmp/src/http/dispatcher.cpp"
printf '#include "store/dynamodb/dynamo_table.hpp"\n' >>"$tmp/src/store/sqlite/engine.hpp"
printf '#include <boost/beast/http.hpp>\n' >>"$tmp/src/messaging/keys.cpp"
if out="$(bash "$here/check-layers.sh" "$tmp/src")"; then
  echo "check-layers passed a tree with wrong-way includes:"; echo "$out"; exit 1
fi
echo "$out"
for expected in "http/dispatcher.cpp" "store/sqlite/engine.hpp" "messaging/keys.cpp"; do
  grep -q "^$expected:" <<<"$out" || { echo "not reported: $expected"; exit 1; }
done
echo "check-layers-detects: all three planted violations reported"
