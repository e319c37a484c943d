#!/usr/bin/env bash
# Benchmark (issue 2): `ipguard scan` with the brand detector against GNU grep
# searching the same brand names as fixed strings, over the same generated
# NDJSON, in one run. Prints bytes/s of each, the ratio, the speed-up on all
# cores, and ipguard's peak memory at two input sizes (it must not grow).
#
#   bench/scan_vs_grep.sh [LISTINGS] [BIG_LISTINGS]
#   defaults: 1000000 listings for speed, and 1000000 vs 10000000 for memory
#   (BIG_LISTINGS=0 skips the 10-million-line memory run).
set -euo pipefail
cd "$(dirname "$0")/.."
listings="${1:-1000000}"
big="${2:-10000000}"
runs="${RUNS:-5}"
bin=build/release/src/cli/ipguard
[ -x "$bin" ] || bash scripts/build.sh release >/dev/null
work="${WORK:-build/bench-scan}"
mkdir -p "$work"

gen() {  # gen N DIR
  [ -s "$2/items.ndjson" ] || "$bin" demo --out "$2" --listings "$1" --max-images 0 2>/dev/null
}
gen "$listings" "$work/small"
# Every brand name and alias of the registry, one per line.
python3 - "$work/small/registry.ndjson" > "$work/names.txt" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r.get("kind") == "brand":
        for n in r.get("names", []) + r.get("aliases", []):
            print(n)
PY
input="$work/small/items.ndjson"
bytes=$(stat -c %s "$input")
lines=$(wc -l < "$input")

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Each run prints "wall cpu" seconds (cpu = user + system). Output goes to a
# file, not /dev/null: GNU grep stops at the first match when its output is
# /dev/null, which would not measure a full pass.
timed() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/out" 2>/dev/null || true; awk '{print $1, $2 + $3}' "$work/time"; }

grep_t=(); one_t=(); all_t=()
for ((i = 0; i < runs; i++)); do   # interleaved, so that noise hits all three alike
  grep_t+=("$(timed grep -F -c -f "$work/names.txt" "$input")")
  one_t+=("$(timed "$bin" scan -r "$work/small/registry.ndjson" -i "$input" -q --threads 1 --detectors brand_variant)")
  all_t+=("$(timed "$bin" scan -r "$work/small/registry.ndjson" -i "$input" -q --detectors brand_variant)")
done
# On a shared machine the single-core comparison uses CPU time (not inflated
# by waiting for a core); the multi-core speed-up uses wall time.
col() { awk -v c="$1" '{print $c}' | median; }
g=$(printf '%s\n' "${grep_t[@]}" | col 2)
o=$(printf '%s\n' "${one_t[@]}" | col 2)
ow=$(printf '%s\n' "${one_t[@]}" | col 1)
a=$(printf '%s\n' "${all_t[@]}" | col 1)
mbps() { echo "scale=1; $bytes / $1 / 1000000" | bc -l; }
echo "input: $lines lines, $((bytes / 1000000)) MB, $(wc -l < "$work/names.txt") brand names; median of $runs runs"
printf '%-34s %8.3f s cpu  %8s MB/s\n' "grep -F -c -f names.txt" "$g" "$(mbps "$g")"
printf '%-34s %8.3f s cpu  %8s MB/s\n' "ipguard scan, 1 thread" "$o" "$(mbps "$o")"
printf '%-34s %8.3f s wall %8s MB/s\n' "ipguard scan, 1 thread" "$ow" "$(mbps "$ow")"
printf '%-34s %8.3f s wall %8s MB/s\n' "ipguard scan, $(nproc) threads" "$a" "$(mbps "$a")"
echo "ratio ipguard(1 thread)/grep bytes/s: $(echo "scale=3; $g / $o" | bc -l)   (target >= 0.5)"
echo "speed-up on $(nproc) cores (wall): $(echo "scale=2; $ow / $a" | bc -l)x"

peak() {  # peak RSS in MB of a scan of DIR
  /usr/bin/time -f %M "$bin" scan -r "$1/registry.ndjson" -i "$1/items.ndjson" -o /dev/null -q 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.0f", $1/1024}'
}
echo "peak memory, $lines lines: $(peak "$work/small") MB"
if [ "$big" -gt 0 ]; then
  gen "$big" "$work/big"
  echo "peak memory, $(wc -l < "$work/big/items.ndjson") lines: $(peak "$work/big") MB"
fi
