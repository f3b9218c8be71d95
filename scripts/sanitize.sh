#!/usr/bin/env bash
# The clang sanitizer builds of the test command (doc/fuzzing.md), each in a build dir of its own under
# SANITIZE_DIR (default build/):
#   asan  ASan + UBSan, with libFuzzer's coverage instrumentation (-DCRUDDUR_FUZZ=ON): one build serves the
#         unit tests and the conformance suite (linked normally) and the fuzz targets (fuzz/run.sh, linked
#         with libFuzzer's main).
#   tsan  ThreadSanitizer: the tests whose code runs on more than one thread (TSAN_TARGETS below).
# Builds what is missing, runs the tests through CTest (a sanitizer report fails its test) and prints wall
# and CPU time of the build and of the run; exits non-zero when a build fails or a test does.
#
#   scripts/sanitize.sh                    both
#   scripts/sanitize.sh asan               one (asan | tsan)
#   scripts/sanitize.sh --build-only asan  only build (the test command's sanitize_asan_build)
#   scripts/sanitize.sh --test-only asan   only run what is built
#
# Environment: SANITIZE_DIR (default build), SANITIZE_JOBS (build jobs and ctest -j, default nproc),
# SANITIZE_TESTS (ctest -R regex instead of the default), SANITIZE_TARGETS (what to build instead of the
# default; e.g. "unit_core" with SANITIZE_TESTS=unit_core).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="${SANITIZE_DIR:-build}"
JOBS="${SANITIZE_JOBS:-$(nproc)}"
build=1
run=1
case "${1:-}" in
  --build-only) run=0; shift ;;
  --test-only) build=0; shift ;;
esac
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(asan tsan)

# ThreadSanitizer only finds races between threads: these tests run code that uses threads of its own or is
# called from several (io threads, the SQLite writer and checkpointer threads, the directory's and the
# password hashing's worker threads, the Redis backplane thread, connection pools). The others (api, aws,
# auth_cognito, store_dynamodb, transfer, support) drive single-threaded code from one thread; ASan + UBSan
# covers them.
TSAN_TARGETS="unit_core unit_net unit_sqlite unit_store unit_users unit_auth unit_messaging unit_live \
unit_redis unit_http conformance"
TSAN_TESTS='^(unit_(core|net|sqlite|store|users|auth|messaging|live|redis|http)|conformance_(sqlite|dynalite))$'

times_file="$(mktemp)"
trap 'rm -f "$times_file"' EXIT
cpu_now() {  # CPU=user + sys seconds of this shell's finished children (`times` must run in this shell)
  times >"$times_file"
  CPU=$(tail -1 "$times_file" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.0f", u[1]*60+u[2]+s[1]*60+s[2] }')
}

status=0
for kind in "${kinds[@]}"; do
  dir="$ROOT/$kind"
  case "$kind" in
    asan)
      option=-DCRUDDUR_FUZZ=ON
      # unit_<folder of tests/unit with / as _>, as tests/CMakeLists.txt names them.
      mapfile -t targets < <(cd tests/unit && find . -name '*.cpp' -printf '%h\n' | sort -u | sed 's#^\./##; s#/#_#g; s#^#unit_#')
      targets+=(conformance fuzz_targets)
      tests='^(unit_|conformance_)'
      ;;
    tsan)
      option=-DCRUDDUR_TSAN=ON
      read -r -a targets <<<"$TSAN_TARGETS"
      tests="$TSAN_TESTS"
      ;;
    *) echo "sanitize: unknown sanitizer '$kind' (asan | tsan)"; exit 2 ;;
  esac
  [ -n "${SANITIZE_TARGETS:-}" ] && read -r -a targets <<<"$SANITIZE_TARGETS"
  tests="${SANITIZE_TESTS:-$tests}"

  if [ "$build" = 1 ]; then
    start=$(date +%s)
    cpu_now
    cpu=$CPU
    mkdir -p "$dir"
    if [ ! -f "$dir/CMakeCache.txt" ]; then
      # -O1 -gline-tables-only: about half the compile time of -O2 -g, readable stacks in every report.
      CC=clang CXX=clang++ cmake -S . -B "$dir" "$option" -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" >"$dir/sanitize-configure.log" 2>&1 ||
        { cat "$dir/sanitize-configure.log"; echo "sanitize: $kind configure failed"; exit 2; }
    fi
    if ! cmake --build "$dir" -j "$JOBS" --target "${targets[@]}" >"$dir/sanitize-build.log" 2>&1; then
      tail -40 "$dir/sanitize-build.log"
      echo "sanitize: $kind build failed (log: $dir/sanitize-build.log)"
      status=1
      continue
    fi
    cpu_now
    echo "sanitize: $kind built in $(($(date +%s) - start)) s wall, $((CPU - cpu)) s CPU"
  fi

  if [ "$run" = 1 ]; then
    start=$(date +%s)
    cpu_now
    cpu=$CPU
    # llvm-symbolizer (package llvm-14) turns the reports' addresses into functions and lines.
    [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ] && export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer \
      TSAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer UBSAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_stack_use_after_return=0}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
    # Races inside libraries we do not build with TSan: tests/tsan.supp says which and why.
    export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp}"
    if ! ctest --test-dir "$dir" -R "$tests" --output-on-failure --timeout 900 -j "$JOBS"; then status=1; fi
    cpu_now
    echo "sanitize: $kind tests ran in $(($(date +%s) - start)) s wall, $((CPU - cpu)) s CPU"
  fi
done
exit "$status"
