#!/usr/bin/env bash
# The test command: installs what is needed, builds, and runs every test:
#   1. the release build's unit and end-to-end tests (ctest)
#   2. the same tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   3. every libFuzzer target for FUZZ_SECONDS seconds (default 20)
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
jobs="$(nproc)"

step() { printf '\n== %s ==\n' "$*"; }

step "install dependencies"
bash scripts/install-deps.sh

step "release build and tests"
bash scripts/build.sh release
(cd build/release && ctest --output-on-failure -j "$jobs")

step "ASan+UBSan build and tests"
bash scripts/build.sh asan
(cd build/asan && ctest --output-on-failure -j "$jobs" -LE no_sanitizer)

step "fuzzing (${FUZZ_SECONDS:-20} s per target)"
BUILD_TARGETS=fuzzers bash scripts/build.sh fuzz
for fuzzer in build/fuzz/fuzz/*_fuzzer; do
  name="$(basename "$fuzzer" _fuzzer)"
  corpus="fuzz/corpus/$name"
  work="build/fuzz/corpus-$name"
  mkdir -p "$work"
  echo "-- $name"
  if ! "$fuzzer" -max_total_time="${FUZZ_SECONDS:-20}" -rss_limit_mb=4096 -print_final_stats=1 \
      "$work" $( [ -d "$corpus" ] && echo "$corpus" ) > "$work.log" 2>&1; then
    tail -n 60 "$work.log"
    echo "fuzzer $name failed (crash input saved in the current folder)" >&2
    exit 1
  fi
  grep -E "^stat::number_of_executed_units|^Done" "$work.log" || true
done

step "all tests passed"
