#!/usr/bin/env bash
# The coroutine-rule check can fail: on a copy of src/ with one planted violation of each rule, it must exit 1
# and report all four.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/../../src" "$tmp/src"
mkdir -p "$tmp/src/planted"
cat >"$tmp/src/planted/bad.cpp" <<'CPP'
void a() { co_await send({"key", value}); }
void b() { co_await table.put(PutRequest{item}); }
void c() { co_await run([&] { return 1; }); }
void d() { auto x = ready ? co_await first() : co_await second(); }
CPP
if out="$(bash "$here/check-coroutine-rules.sh" "$tmp/src")"; then
  echo "check-coroutine-rules passed a tree with violations:"; echo "$out"; exit 1
fi
echo "$out"
for rule in R1 R2 R3 R4; do
  grep -q "^planted/bad.cpp:[0-9]*: $rule " <<<"$out" || { echo "not reported: $rule"; exit 1; }
done
echo "check-coroutine-rules-detects: all four planted violations reported"
