#!/usr/bin/env bash
# Clang's thread-safety analysis (doc/architecture.md, "Locks and thread-safety annotations") over the
# translation units under SRC that can touch a member guarded by a mutex (see "Which units" below): each is
# parsed by clang++ -fsyntax-only (no code generation) with its own flags from BUILD/compile_commands.json
# (the GCC build's; flags clang does not know are ignored) and -Werror=thread-safety. Prints clang's
# diagnostics and exits 1 when a guarded member is touched without its mutex, a function that requires a
# mutex is called without it, or a lock is left held; exits 0 (and says how many files it parsed) otherwise.
#
#   tests/structure/check-thread-safety.sh BUILD [SRC [FILE...]]   (SRC: src/ of this repository; FILE: only these)
set -euo pipefail
build="$1"
src="$(cd "${2:-$(dirname "$0")/../../src}" && pwd)"
shift $(($# < 2 ? $# : 2))
db="$build/compile_commands.json"
[ -f "$db" ] || { echo "check-thread-safety: $db is missing (configure the build first)"; exit 2; }
command -v clang++ >/dev/null || { echo "check-thread-safety: clang++ is missing (scripts/install-deps.sh)"; exit 2; }

# Which units: a member CRUDDUR_GUARDED_BY a mutex is private to its class (or to a struct inside a .cpp),
# so only that class's own code can touch it: the .cpp files that include core/mutex.hpp themselves, and for
# a header that does, its own .cpp (widget.hpp -> widget.cpp) or, when it has none (a template, inline
# code), the files that use it: each .cpp that includes it and the own .cpp of each header that does, where
# its templates are instantiated and checked.
mapfile -t includes < <(cd "$src" && grep -r -E -o '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]+"' \
  --include='*.cpp' --include='*.hpp' . | sed -E 's|^\./||; s|:.*"([^"]+)"$| \1|' | sort)
if [ $# -gt 0 ]; then
  units=()
  for f in "$@"; do units+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
else
  declare -A chosen=()
  for pair in "${includes[@]}"; do
    [ "${pair#* }" = core/mutex.hpp ] || continue
    file="${pair%% *}"
    case "$file" in
      *.cpp) chosen[$file]=1 ;;
      *.hpp)
        if [ -f "$src/${file%.hpp}.cpp" ]; then
          chosen[${file%.hpp}.cpp]=1
          continue
        fi
        # A template or inline code: the files that include it, or their own .cpp, instantiate it.
        for p in "${includes[@]}"; do
          [ "${p#* }" = "$file" ] || continue
          includer="${p%% *}"
          case "$includer" in
            *.cpp) chosen[$includer]=1 ;;
            *.hpp) [ -f "$src/${includer%.hpp}.cpp" ] && chosen[${includer%.hpp}.cpp]=1 ;;
          esac
        done ;;
    esac
  done
  mapfile -t units < <(for rel in "${!chosen[@]}"; do echo "$src/$rel"; done | sort)
fi

if [ -n "${CHECK_THREAD_SAFETY_LIST:-}" ]; then printf '%s\n' "${units[@]#"$src"/}"; exit 0; fi  # which units

# file<TAB>directory<TAB>command of each unit, from the compilation database (node: installed for the web app).
mapfile -t entries < <(node -e '
  const db = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const by = new Map(db.map((e) => [e.file, e]));
  for (const f of process.argv.slice(2)) {
    const e = by.get(f);
    if (!e) { console.log(`${f}\t-\t-`); continue; }
    console.log(`${f}\t${e.directory}\t${e.command ?? e.arguments.join(" ")}`);
  }' "$db" "${units[@]}")

failed=0
parsed=0
for entry in "${entries[@]}"; do
  IFS=$'\t' read -r file dir command <<<"$entry"
  rel="${file#"$src"/}"
  if [ "$dir" = "-" ]; then
    echo "$rel: not in $db (reconfigure the build)"
    failed=1
    continue
  fi
  read -r -a args <<<"$command"
  flags=()
  skip=0
  [ "${args[0]}" = ccache ] && args=("${args[@]:1}")  # a compiler launcher
  for a in "${args[@]:1}"; do  # drop the compiler, the output and -c
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$a" in
      -o) skip=1 ;;
      -c) ;;
      *) flags+=("${a//\\\"/\"}") ;;
    esac
  done
  parsed=$((parsed + 1))
  if ! out="$(cd "$dir" && clang++ "${flags[@]}" -fsyntax-only -Wno-unknown-warning-option -Wthread-safety \
                -Werror=thread-safety 2>&1)"; then
    echo "$out" | grep -E 'error|note' || echo "$out"
    failed=1
  fi
done

if [ "$failed" != 0 ]; then
  echo "check-thread-safety: violations (or a file clang could not parse) above; doc/architecture.md"
  exit 1
fi
echo "check-thread-safety: $parsed files with mutex-guarded members pass clang's -Wthread-safety"
