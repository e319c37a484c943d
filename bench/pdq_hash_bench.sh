#!/usr/bin/env bash
# Hashing throughput: `ipguard hash-image` against Meta's reference C++ PDQ
# command-line hasher (facebook/ThreatExchange pdq/cpp, built beside the
# project, see docs/images.md) on the same 1600x1004 JPEGs, in one run.
# Figures are CPU seconds (user + sys) of each process, so "per core" holds on
# a shared machine; the ratio is what to quote.
#
#   bench/pdq_hash_bench.sh [IPGUARD_BIN] [REFERENCE_BIN] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/src/cli/ipguard}
REF=${2:-${PDQ_REFERENCE:-../peers/ThreatExchange/pdq/cpp/pdq-photo-hasher}}
ROUNDS=${3:-5}
SHARED=${IPGUARD_SHARED:-../shared}
if [ ! -x "$REF" ]; then
  echo "reference hasher not found at $REF (see docs/images.md to build it)" >&2
  exit 1
fi
files=()
for r in $(seq "$ROUNDS"); do
  for f in "$SHARED"/data/pdq/bridge-mods/{aaa-orig,blur-a-little,blur-a-lot,high-contrast,high-saturation,sharpen-a-little,sharpen-a-lot}.jpg \
           "$SHARED"/data/pdq/misc-images/modes/{RGB,YCbCr,original}.jpg; do
    files+=("$f")
  done
done
n=${#files[@]}
cpu() {  # CPU seconds (user + sys) of one command, to the millisecond
  local TIMEFORMAT='%3U %3S' t
  t=$( { time "$@" > /dev/null 2>&1; } 2>&1 ) || true
  awk '{ printf "%.3f", $1 + $2 }' <<< "$t"
}
# Warm the page cache, then measure each three times and keep the median.
cat "${files[@]}" > /dev/null
median() { printf "%s\n" "$@" | sort -n | sed -n 2p; }
ref=$(median "$(cpu "$REF" "${files[@]}")" "$(cpu "$REF" "${files[@]}")" "$(cpu "$REF" "${files[@]}")")
fast=$(median "$(cpu "$BIN" hash-image "${files[@]}")" "$(cpu "$BIN" hash-image "${files[@]}")" "$(cpu "$BIN" hash-image "${files[@]}")")
squash=$(median "$(cpu "$BIN" hash-image --mode squash512 "${files[@]}")" "$(cpu "$BIN" hash-image --mode squash512 "${files[@]}")" "$(cpu "$BIN" hash-image --mode squash512 "${files[@]}")")
awk -v n="$n" -v ref="$ref" -v fast="$fast" -v squash="$squash" 'BEGIN {
  printf "%d JPEGs of 1600x1004, CPU time (median of 3):\n", n
  printf "  reference pdq-photo-hasher   %6.3f s  %6.1f images/s/core\n", ref, n / ref
  printf "  ipguard hash-image (fast)    %6.3f s  %6.1f images/s/core  %.1fx the reference\n", fast, n / fast, ref / fast
  printf "  ipguard hash-image squash512 %6.3f s  %6.1f images/s/core  %.1fx the reference\n", squash, n / squash, ref / squash
}'
"$BIN" hash-image --timing "${files[@]}" 2>&1 > /dev/null | sed 's/^/  fast mode: /'
"$BIN" hash-image --timing --mode squash512 "${files[@]}" 2>&1 > /dev/null | sed 's/^/  squash512: /'
