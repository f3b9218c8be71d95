#!/usr/bin/env bash
# The layer rule (doc/architecture.md): an include may only point down. For every file under SRC/<layer>/,
# each `#include "<dir>/..."` must name the layer itself or one it may depend on, and a few layers must not
# include certain libraries at all. Prints every violation as `file:line: <layer> may not include <what>`
# and exits 1 when there is one; exits 0 (and says how many includes it checked) otherwise.
#
#   tests/structure/check-layers.sh [SRC]     (default: src/ of this repository)
set -euo pipefail
src="${1:-$(cd "$(dirname "$0")/../.." && pwd)/src}"

# Layer (a folder under src/, or a sub-folder where its rule differs) -> the project folders it may include.
declare -A allowed=(
  [core]=""
  [net]="core"
  [aws]="core net"
  [redis]="core"
  [sqlite]=""
  [store]="core"
  [store/sqlite]="core store sqlite"
  [store/dynamodb]="core store net aws"
  [users]="core sqlite"
  [auth]="core net aws users"
  [messaging]="core store users"
  [live]="core redis"
  [api]="core store users auth messaging live"
  [http]="core api live"
  [transfer]="core store users sqlite"
  [app]="core net aws redis sqlite store users auth messaging live api http transfer"
)
# Layer -> libraries (include path prefixes) it must not use.
declare -A forbidden=(
  [core]="boost/beast sqlite3.h libpq-fe.h hiredis"
  [sqlite]="boost libpq-fe.h hiredis spdlog"
  [redis]="boost/beast sqlite3.h libpq-fe.h"
  [messaging]="boost/beast sqlite3.h libpq-fe.h hiredis spdlog"
  [live]="boost/beast sqlite3.h libpq-fe.h hiredis"
  [store]="boost/beast"
  [users]="boost/beast"
  [auth]="sqlite3.h libpq-fe.h"
  [api]="boost/beast sqlite3.h libpq-fe.h"
  [transfer]="boost/beast libpq-fe.h"
)

layer_of() {  # the most specific rule for a file's folder
  local rel="$1" dir
  dir="$(dirname "$rel")"
  while [ "$dir" != "." ]; do
    [ -n "${allowed[$dir]+x}" ] && { echo "$dir"; return; }
    dir="$(dirname "$dir")"
  done
  echo ""
}

violations=0
checked=0
while IFS= read -r file; do
  rel="${file#"$src"/}"
  layer="$(layer_of "$rel")"
  if [ -z "$layer" ]; then
    echo "$rel: in no layer of tests/structure/check-layers.sh (add its folder there and to doc/architecture.md)"
    violations=$((violations + 1))
    continue
  fi
  top="${layer%%/*}"
  while IFS= read -r match; do
    line="${match%%:*}"
    target="${match#*:}"
    checked=$((checked + 1))
    if [[ "$target" == \"* ]]; then
      dir="${target#\"}"
      dir="${dir%%/*}"
      sub="${target#\"}"
      sub="${sub%/*}"   # e.g. store/dynamodb
      ok=0
      for a in $top ${allowed[$layer]}; do
        [ "$dir" = "$a" ] && ok=1
      done
      # The annotated mutexes (header-only, the standard library only) may be used by every layer.
      case "${target#\"}" in core/mutex.hpp | core/thread_annotations.hpp) ok=1 ;; esac
      # Within store, store/sqlite and store/dynamodb are separate engines: neither includes the other.
      if [ "$top" = "store" ] && [ "$ok" = 1 ] && [ "$sub" != "$layer" ] && [ "$sub" != "store" ] && [[ "$sub" == store/* ]]; then ok=0; fi
      if [ "$ok" = 0 ]; then
        echo "$rel:$line: $layer may not include ${target#\"}"
        violations=$((violations + 1))
      fi
    else
      lib="${target#<}"
      for f in ${forbidden[$top]:-}; do
        if [[ "$lib" == "$f"* ]]; then
          echo "$rel:$line: $layer may not include <${lib}>"
          violations=$((violations + 1))
        fi
      done
    fi
  done < <(grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' "$file" | sed -E 's/^([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*([<"][^>"]*).*/\1:\2/')
done < <(find "$src" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)

if [ "$violations" -gt 0 ]; then
  echo "check-layers: $violations include(s) point the wrong way (doc/architecture.md)"
  exit 1
fi
echo "check-layers: $checked includes in $src follow the layer rule"
