#!/usr/bin/env bash
# The main job on demo data: installs what is needed, builds, writes a demo
# marketplace, scans it, and shows what was found and how it compares with
# the planted answers.
#   LISTINGS=20000 scripts/demo.sh     a bigger marketplace
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_TARGETS=ipguard bash scripts/build.sh release
bin=build/release/src/cli/ipguard
out="${OUT:-demo-out}"

"$bin" demo --out "$out" --listings "${LISTINGS:-2000}"
"$bin" scan --registry "$out/registry.ndjson" --input "$out/items.ndjson" --output "$out/findings.ndjson"

echo
echo "== a few findings ($out/findings.ndjson) =="
head -n 5 "$out/findings.ndjson"
echo
echo "== findings against the planted answers (ipguard evaluate) =="
"$bin" evaluate --truth "$out/truth.ndjson" --findings "$out/findings.ndjson"
