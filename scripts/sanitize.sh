#!/usr/bin/env bash
# The unit tests and the Table conformance suite built with clang under AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan/) and under ThreadSanitizer (build-tsan/), and run through CTest.
# Prints build and run time per sanitizer; exits non-zero when a build fails or a test (or a sanitizer
# report, which fails its test) does. doc/fuzzing.md has the figures.
#
#   scripts/sanitize.sh              both
#   scripts/sanitize.sh asan         one (asan | tsan)
#
# Environment: SANITIZE_JOBS (build jobs and ctest -j, default nproc), SANITIZE_TESTS (ctest -R regex,
# default: every unit test and the conformance suite on every engine), SANITIZE_TARGETS (what to build,
# default: every unit-test binary and the conformance suite; e.g. "unit_core" with SANITIZE_TESTS=unit_core).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${SANITIZE_JOBS:-$(nproc)}"
TESTS="${SANITIZE_TESTS:-^(unit_|conformance_)}"
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(asan tsan)

status=0
for kind in "${kinds[@]}"; do
  case "$kind" in
    asan) option=-DCRUDDUR_SANITIZE=ON ;;
    tsan) option=-DCRUDDUR_TSAN=ON ;;
    *) echo "sanitize: unknown sanitizer '$kind' (asan | tsan)"; exit 2 ;;
  esac
  build="build-$kind"
  start=$(date +%s)
  if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$build" "$option" -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" >/dev/null
  fi
  # Only what the selected tests run: the unit-test binaries and the conformance suite (not the server,
  # the web app or the benchmarks).
  if [ -n "${SANITIZE_TARGETS:-}" ]; then
    read -r -a test_targets <<<"$SANITIZE_TARGETS"
  else
    # unit_<folder of tests/unit with / as _>, as tests/CMakeLists.txt names them.
    mapfile -t test_targets < <(cd tests/unit && find . -name '*.cpp' -printf '%h\n' | sort -u | sed 's#^\./##; s#/#_#g; s#^#unit_#')
    test_targets+=(conformance)
  fi
  if ! cmake --build "$build" -j "$JOBS" --target "${test_targets[@]}" >"$build/sanitize-build.log" 2>&1; then
    tail -40 "$build/sanitize-build.log"
    echo "sanitize: $kind build failed (log: $build/sanitize-build.log)"
    status=1
    continue
  fi
  built=$(date +%s)
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_stack_use_after_return=0}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
  if ! ctest --test-dir "$build" -R "$TESTS" --output-on-failure --timeout 900 -j "$JOBS"; then status=1; fi
  echo "sanitize: $kind built in $((built - start)) s, tests ran in $(($(date +%s) - built)) s"
done
exit "$status"
