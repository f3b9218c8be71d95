#!/usr/bin/env bash
# The thread-safety check can fail: on a copy of src/ with two locks removed (one in a class's .cpp, one in a
# header template's inline code), with BUILD's compile flags, it must exit 1 and report both accesses.
#
#   tests/structure/check-thread-safety-detects.sh BUILD
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "$1" && pwd)"
src="$(cd "$here/../../src" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$src" "$tmp/src"
mkdir -p "$tmp/build"
sed "s|$src|$tmp/src|g" "$build/compile_commands.json" >"$tmp/build/compile_commands.json"

# Forget the lock: the first MutexLock in TicketStore's .cpp and in ExpiringCache::find.
sed -i '0,/MutexLock lock(mutex_);/s//(void)0;/' "$tmp/src/live/tickets.cpp"
sed -i '0,/MutexLock lock(mutex_);/s//(void)0;/' "$tmp/src/core/expiring_cache.hpp"
for f in live/tickets.cpp core/expiring_cache.hpp; do
  cmp -s "$src/$f" "$tmp/src/$f" && { echo "could not plant a violation in $f"; exit 1; }
done

if out="$(bash "$here/check-thread-safety.sh" "$tmp/build" "$tmp/src")"; then
  echo "check-thread-safety passed a tree with violations:"; echo "$out"; exit 1
fi
echo "$out"
for f in live/tickets.cpp core/expiring_cache.hpp; do
  grep -q "src/$f:[0-9]*:[0-9]*: error: .* requires holding mutex" <<<"$out" || { echo "not reported: $f"; exit 1; }
done
echo "check-thread-safety-detects: both planted violations reported"
