#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan; doc/fuzzing.md) if needed, in the ASan build that the
# unit tests share (scripts/sanitize.sh asan: build/asan/), and runs each for FUZZ_SECONDS with its corpus,
# then prints executions, coverage and crashes per target. Exits 1 when any target crashed (the crashing
# input is saved in test-output/fuzz/<target>/), 2 when the build failed.
#
#   fuzz/run.sh                                   every target, 20 s each
#   FUZZ_SECONDS=3600 fuzz/run.sh fuzz_http_wire  one target for an hour
#
# Environment: FUZZ_SECONDS (default 20), SANITIZE_DIR (default build: the targets are in build/asan/fuzz/),
# SANITIZE_JOBS (build jobs, default nproc). Seeds are fuzz/corpus/<target>/ (committed, never written
# here); what a run finds on top of them is kept in build/asan/corpus/<target>/, so repeated runs go on
# where the last stopped. To keep an input for good, copy it into fuzz/corpus/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${FUZZ_SECONDS:-20}"
BUILD="${SANITIZE_DIR:-build}/asan"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for source in fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

SANITIZE_TARGETS="${targets[*]}" bash scripts/sanitize.sh --build-only asan || exit 2

# Sanitizer reports end the run with a crash; leaks are checked once per input, as libFuzzer does.
[ -x /usr/lib/llvm-14/bin/llvm-symbolizer ] && export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_stack_use_after_return=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=0
printf '%-24s %10s %8s %6s %7s %7s %s\n' target executions exec/s cov ft corpus result
for target in "${targets[@]}"; do
  seeds="fuzz/corpus/$target"
  work="$BUILD/corpus/$target"
  artifacts="test-output/fuzz/$target"
  mkdir -p "$work" "$artifacts" "$seeds"
  log="$artifacts/run.log"
  status=0
  "$BUILD/fuzz/$target" -max_total_time="$SECONDS_EACH" -timeout=10 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work" "$seeds" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$( (grep -oE 'cov: [0-9]+' "$log" || true) | tail -1 | cut -d' ' -f2)
  ft=$( (grep -oE 'ft: [0-9]+' "$log" || true) | tail -1 | cut -d' ' -f2)
  corpus=$(ls "$work" | wc -l)
  result=ok
  if [ "$status" -ne 0 ]; then
    failed=1
    crash=$(ls -t "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-* 2>/dev/null | head -1 || true)
    result="CRASH ${crash:-exit $status} (log: $log)"
  fi
  printf '%-24s %10s %8s %6s %7s %7s %s\n' "$target" "${execs:--}" "${rate:--}" "${cov:--}" "${ft:--}" "$corpus" "$result"
done

if [ "$failed" -ne 0 ]; then
  echo "fuzz: a target crashed; reproduce with $BUILD/fuzz/<target> <crash file>"
  exit 1
fi
