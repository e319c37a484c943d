#!/usr/bin/env bash
# Load test of `ipguard serve` with wrk on loopback: complaint reads and
# complaint filings, each for a few seconds; prints requests/s and p99
# latency against the issue's targets (>= 2,000 reads/s, >= 500 filings/s,
# p99 < 100 ms).
#
#   bench/serve_load.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
BUILD=${1:-build}
SECONDS_EACH=${2:-10}
BIN="$BUILD/src/cli/ipguard"
[ -x "$BIN" ] || { echo "serve_load: no $BIN (build first)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "serve_load: wrk is not installed (scripts/install-deps.sh)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'if [ -n "${SERVER:-}" ]; then kill $SERVER 2>/dev/null || true; fi; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$BIN" serve --data-dir "$WORK/data" --port 0 --rate-limit 0 --threads 32 --admin-password load-admin-pw \
  2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 100); do
  PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/api\/v1.*/\1/p' "$WORK/serve.log" 2>/dev/null || true)
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK/serve.log" >&2; exit 1; }
API="http://127.0.0.1:$PORT/api/v1"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -sf -X "$1" "$API$2" -H "Content-Type: application/json" ${3:+-H "Authorization: Bearer $3"} -d "$4"; }

post POST /accounts "" '{"name":"holder","password":"load-test-pw","role":"holder","holder_name":"Load Holder"}' >/dev/null
post POST /accounts "" '{"name":"seller","password":"load-test-pw","role":"seller"}' >/dev/null
HOLDER=$(post POST /login "" '{"name":"holder","password":"load-test-pw"}' | json "['token']")
SELLER=$(post POST /login "" '{"name":"seller","password":"load-test-pw"}' | json "['token']")
ADMIN=$(post POST /login "" '{"name":"admin","password":"load-admin-pw"}' | json "['token']")
post POST /shops "$SELLER" '{"id":"shop-1","name":"Shop"}' >/dev/null
for i in $(seq 0 99); do
  post PUT "/listings/l-$i" "$SELLER" "{\"shop\":\"shop-1\",\"title\":\"LOADMARK 运动鞋 款式 $i\",\"price\":99}" >/dev/null
done
PROOF=$(printf '%%PDF-1.4 load test proof' | curl -sf -X POST "$API/files" -H "Authorization: Bearer $HOLDER" \
  -H "Content-Type: application/pdf" --data-binary @- | json "['sha256']")
ASSET=$(post POST /assets "$HOLDER" "{\"kind\":\"brand\",\"registration_number\":\"1\",\"names\":[\"LOADMARK\"],\"proofs\":[\"$PROOF\"]}" | json "['id']")
post POST "/assets/$ASSET/decision" "$ADMIN" '{"decision":"approve"}' >/dev/null
sleep 1
ID=$(post POST /complaints "$HOLDER" "{\"asset\":\"$ASSET\",\"reason\":\"counterfeit\",\"listing\":\"l-0\"}" | json "['complaints'][0]['id']")

cat >"$WORK/file.lua" <<LUA
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $HOLDER"
request = function()
  n = n + 1
  local key = string.format("%d-%d-%d", math.random(1, 1e9), n, os.time())
  wrk.headers["Idempotency-Key"] = key
  local body = string.format('{"asset":"$ASSET","reason":"counterfeit","text":"load","listing":"l-%d"}', n % 100)
  return wrk.format(nil, "/api/v1/complaints", nil, body)
end
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("non-2xx: %d\n", non2xx))
end
LUA
cat >"$WORK/read.lua" <<LUA
done = function(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
LUA

report() {
  local name=$1 target=$2 out=$3
  local rps p99
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$out")
  p99=$(awk '$1=="99%"{print $2}' "$out")
  echo "$name: $rps requests/s, p99 $p99 (target >= $target/s, p99 < 100ms); $(grep non-2xx "$out")"
}
echo "serve_load: wrk ${SECONDS_EACH}s each, 2 threads, 16 connections, on 127.0.0.1:$PORT ($(nproc) cores)"
wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency -s "$WORK/read.lua" -H "Authorization: Bearer $HOLDER" \
  "$API/complaints/$ID" >"$WORK/read.txt"
report "reads (GET /complaints/{id})" 2000 "$WORK/read.txt"
wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency -s "$WORK/file.lua" "$API/complaints" >"$WORK/file.txt"
report "filings (POST /complaints, triage + audit)" 500 "$WORK/file.txt"
COUNT=$(curl -sf "$API/complaints?limit=1" -H "Authorization: Bearer $HOLDER" >/dev/null && echo ok)
"$BIN" audit verify --data-dir "$WORK/data" | sed 's/^/after load: /'
