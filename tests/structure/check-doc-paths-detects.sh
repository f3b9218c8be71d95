#!/usr/bin/env bash
# The doc-path check can fail: in a small tree whose README.md names two files that exist, a glob that matches
# and a placeholder path, plus three that do not (one in doc/), check-doc-paths.sh must exit 1 and name them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/api" "$tmp/doc" "$tmp/bench/results"
touch "$tmp/src/api/routes.cpp" "$tmp/doc/api.md"
cat >"$tmp/README.md" <<'DOC'
The routes are in `src/api/routes.cpp` and `doc/api.md` (`src/api/*.cpp`); soaks in `bench/results/soak-<stamp>/`.
Gone: `src/api/router.cpp`, and `bash tests/engines/start-nothing.sh`.
DOC
echo 'See `doc/missing.md`.' >"$tmp/doc/api.md"
if out="$(bash "$here/check-doc-paths.sh" "$tmp")"; then
  echo "check-doc-paths passed a tree with broken references:"; echo "$out"; exit 1
fi
echo "$out"
for expected in "README.md: \`src/api/router.cpp\`" "README.md: \`tests/engines/start-nothing.sh\`" "doc/api.md: \`doc/missing.md\`"; do
  grep -qF "$expected" <<<"$out" || { echo "not reported: $expected"; exit 1; }
done
[ "$(grep -c 'does not exist' <<<"$out")" -eq 3 ] || { echo "reported more than the three broken ones"; exit 1; }
echo "check-doc-paths-detects: all three broken references reported, nothing else"
