#!/usr/bin/env bash
# The GCC 12 coroutine rules (doc/architecture.md, "Coroutines and GCC 12"), checked line by line on every
# source file: a `co_await` expression must not contain
#   R1  a string literal inside a braced initializer         co_await f({"key", v})
#   R2  a braced temporary passed as an argument              co_await f(Request{...})
#   R3  a lambda expression (a lambda temporary)              co_await run([&] { ... })
#   R4  a conditional expression around it                    x ? co_await a() : co_await b()
# Build the value in one statement and await it in the next. The check sees one line at a time: an
# expression split across lines can escape it (the rule still holds). Prints `file:line: R<n> <text>` for
# each violation and exits 1 when there is one.
#
#   tests/structure/check-coroutine-rules.sh [SRC]     (default: src/ of this repository)
set -euo pipefail
src="${1:-$(cd "$(dirname "$0")/../.." && pwd)/src}"

violations=0
checked=0
while IFS= read -r file; do
  rel="${file#"$src"/}"
  out="$(awk -v file="$rel" '
    { line = $0; sub(/\/\/.*/, "", line) }            # comments do not count
    line !~ /co_await/ { next }
    { n++; tail = substr(line, index(line, "co_await")) }
    tail ~ /\{[^}]*"/                                   { print file ":" NR ": R1 " $0; bad++; next }
    tail ~ /[(,][ \t]*[A-Za-z_][A-Za-z_0-9:<>]*[ \t]*\{/ { print file ":" NR ": R2 " $0; bad++; next }
    tail ~ /[(,][ \t]*\[[^]]*\][ \t]*(\(|\{|mutable)/   { print file ":" NR ": R3 " $0; bad++; next }
    line ~ /(\?|[^:]:)[ \t]*co_await/ || tail ~ /co_await[^;?]*\?[^:]*:/ { print file ":" NR ": R4 " $0; bad++; next }
    END { printf "#%d %d\n", n, bad }
  ' "$file")"
  summary="${out##*#}"
  checked=$((checked + ${summary%% *}))
  found="${summary##* }"
  if [ "${found:-0}" -gt 0 ]; then
    printf '%s\n' "${out%#*}" | sed '/^$/d'
    violations=$((violations + found))
  fi
done < <(find "$src" -name '*.cpp' -o -name '*.hpp' | sort)

if [ "$violations" -gt 0 ]; then
  echo "check-coroutine-rules: $violations violation(s) of the GCC 12 coroutine rules (doc/architecture.md)"
  exit 1
fi
echo "check-coroutine-rules: $checked co_await lines follow the GCC 12 rules"
