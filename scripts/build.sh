#!/usr/bin/env bash
# Configures and builds one flavour of ipguard into build/FLAVOUR.
#   scripts/build.sh release   optimized, with tests and benchmarks (default)
#   scripts/build.sh asan      AddressSanitizer + UndefinedBehaviorSanitizer
#   scripts/build.sh fuzz      clang + libFuzzer targets
set -euo pipefail
cd "$(dirname "$0")/.."
flavour="${1:-release}"
jobs="${JOBS:-$(nproc)}"
case "$flavour" in
  release) args=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan)    args=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" "-DCMAKE_C_FLAGS_DEBUG=-O1 -g"
                 -DIPGUARD_SANITIZE=ON -DIPGUARD_BENCH=OFF) ;;
  fuzz)    args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPGUARD_FUZZ=ON -DIPGUARD_TESTS=OFF
                 -DIPGUARD_BENCH=OFF -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++) ;;
  *) echo "usage: scripts/build.sh [release|asan|fuzz]" >&2; exit 1 ;;
esac
cmake -S . -B "build/$flavour" -G Ninja "${args[@]}" > /dev/null
ninja -C "build/$flavour" -j "$jobs" ${BUILD_TARGETS:-}
