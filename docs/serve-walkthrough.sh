#!/usr/bin/env bash
# A complaint's whole life through the HTTP API alone: a rights holder
# registers a trademark with proof, an admin approves it, a seller lists a
# counterfeit, the holder complains, the engine triages, a reviewer upholds,
# the seller files a counter-notice, the holder answers, the reviewer closes
# it. Needs curl and python3.
#
#   docs/serve-walkthrough.sh [path/to/ipguard]
#
# Starts its own server on a free port with a throw-away data folder, prints
# each step, and exits 0 when every step gave the expected answer.
set -euo pipefail
BIN=${1:-build/src/cli/ipguard}
WORK=$(mktemp -d)
trap 'if [ -n "${SERVER:-}" ]; then kill $SERVER 2>/dev/null || true; fi; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BIN" serve --data-dir "$WORK/data" --port 0 --admin-password admin-password \
  --password-cost minimum 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 100); do
  PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/api\/v1.*/\1/p' "$WORK/serve.log" 2>/dev/null || true)
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "${PORT:-}" ] || { cat "$WORK/serve.log" >&2; exit 1; }
API="http://127.0.0.1:$PORT/api/v1"

# call METHOD PATH TOKEN [JSON]: prints the reply body, fails on HTTP >= 400.
call() {
  curl -sS --fail-with-body -X "$1" "$API$2" -H "Content-Type: application/json" \
    ${3:+-H "Authorization: Bearer $3"} ${4:+-d "$4"}
}
get() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
step() { printf '\n== %s\n' "$*"; }

step "accounts: a rights holder and a seller register; the admin creates a reviewer"
call POST /accounts "" '{"name":"acme","password":"acme-password","role":"holder","holder_name":"Acme Sports Ltd."}' >/dev/null
call POST /accounts "" '{"name":"shop-owner","password":"seller-password","role":"seller"}' >/dev/null
ADMIN=$(call POST /login "" '{"name":"admin","password":"admin-password"}' | get "['token']")
call POST /accounts "$ADMIN" '{"name":"rev","password":"reviewer-password","role":"reviewer"}' >/dev/null
HOLDER=$(call POST /login "" '{"name":"acme","password":"acme-password"}' | get "['token']")
SELLER=$(call POST /login "" '{"name":"shop-owner","password":"seller-password"}' | get "['token']")
REVIEWER=$(call POST /login "" '{"name":"rev","password":"reviewer-password"}' | get "['token']")
echo "tokens issued"

step "rights: the holder uploads its registration certificate and registers the trademark"
PROOF=$(printf '%%PDF-1.4\nTrademark registration certificate No. 12345678\n%%%%EOF\n' |
  curl -sS --fail-with-body -X POST "$API/files" -H "Authorization: Bearer $HOLDER" \
    -H "Content-Type: application/pdf" --data-binary @- | get "['sha256']")
ASSET=$(call POST /assets "$HOLDER" "{\"kind\":\"brand\",\"registration_number\":\"12345678\",\"classes\":[25],
  \"names\":[\"ACMEX\",\"艾克美\"],\"proofs\":[\"$PROOF\"],\"expires_at\":\"2033-01-01T00:00:00Z\"}" | get "['id']")
echo "asset $ASSET pending"

step "approval: the admin approves it; the scanning registry picks it up without a restart"
call POST "/assets/$ASSET/decision" "$ADMIN" '{"decision":"approve"}' | get "['status']"
for _ in $(seq 50); do
  [ "$(call GET /health "" | get "['registry_records']")" -ge 2 ] && break
  sleep 0.1
done
call GET /health "" | get "['registry_generation']" | sed 's/^/registry generation /'

step "marketplace: the seller opens a shop and lists a counterfeit"
call POST /shops "$SELLER" '{"id":"shop-7","name":"Cheap Kicks"}' >/dev/null
call PUT /listings/l-42 "$SELLER" '{"shop":"shop-7","title":"正品 艾克美 ACMEX 跑鞋 工厂直销","price":59,"category":"shoes"}' >/dev/null
echo "listing l-42 published"

step "complaint: the holder files (with an idempotency key); triage runs the detectors"
FILED=$(curl -sS --fail-with-body -X POST "$API/complaints" -H "Content-Type: application/json" \
  -H "Authorization: Bearer $HOLDER" -H "Idempotency-Key: walkthrough-1" \
  -d "{\"asset\":\"$ASSET\",\"reason\":\"counterfeit\",\"text\":\"Fake ACMEX shoes at a tenth of the price\",\"listing\":\"l-42\"}")
ID=$(echo "$FILED" | get "['complaints'][0]['id']")
echo "$FILED" | get "['complaints'][0]" | cut -c1-300
[ "$(echo "$FILED" | get "['complaints'][0]['lane']")" = review ]

step "review: the reviewer sees it in the queue with the evidence and upholds it"
call GET /queue "$REVIEWER" | get "['queue'][0]['findings']" | cut -c1-300
call POST "/complaints/$ID/decision" "$REVIEWER" '{"decision":"uphold"}' | get "['status']"
[ "$(call GET /listings/l-42 "$SELLER" | get "['status']")" = removed ]
call GET /notifications "$SELLER" | get "['notifications'][-1]['text']"

step "penalties: the upheld complaint is a strike; data/penalties.ini decides the penalty"
LEDGER=$(call GET /shops/shop-7/penalties "$SELLER")
echo "$LEDGER" | get "['strikes'][0]" | cut -c1-200
echo "$LEDGER" | get "['penalties'][0]['notice']" | cut -c1-200
# counterfeit is a malicious reason: 2 points, past the warning straight to remove_listings
[ "$(echo "$LEDGER" | get "['penalties'][0]['action']")" = remove_listings ]

step "counter-notice: the seller answers with an invoice"
INVOICE=$(printf '%%PDF-1.4\nInvoice 2026-0042 from Acme distributor\n%%%%EOF\n' |
  curl -sS --fail-with-body -X POST "$API/files" -H "Authorization: Bearer $SELLER" \
    -H "Content-Type: application/pdf" --data-binary @- | get "['sha256']")
call POST "/complaints/$ID/counter-notice" "$SELLER" \
  "{\"text\":\"Bought from an authorized distributor\",\"evidence\":[\"$INVOICE\"]}" | get "['status']"

step "answer: the holder replies"
call POST "/complaints/$ID/answer" "$HOLDER" '{"text":"That distributor does not exist in our network"}' | get "['status']"

step "final decision: the reviewer closes it"
call POST "/complaints/$ID/decision" "$REVIEWER" '{"decision":"uphold","reason":"the invoice is not from an authorized distributor"}' | get "['status']"
[ "$(call GET "/complaints/$ID" "$HOLDER" | get "['status']")" = closed_upheld ]

step "proactive: a scan's finding (ipguard scan NDJSON) enters the same review queue"
call PUT /listings/l-43 "$SELLER" '{"shop":"shop-7","title":"艾克美 ACMEX 外套 特价","price":39}' >/dev/null
printf '{"item":"l-43","detector":"brand_variant","target":"%s","score":0.95,"action":"remove","evidence":{"field":"title","text":"ACMEX"}}\n' "$ASSET" |
  curl -sS --fail-with-body -X POST "$API/findings" -H "Authorization: Bearer $REVIEWER" \
    -H "Content-Type: application/x-ndjson" --data-binary @- | get "['filed']" | sed 's/$/ proactive complaint filed/'
[ "$(call GET /queue "$REVIEWER" | get "['queue'][0]['source']")" = proactive ]

step "statistics and audit"
call GET /stats "$ADMIN" | get "['by_status']"
call GET /stats "$ADMIN" | get "['by_source']"
call GET /stats "$ADMIN" | get "['penalties_by_action']"
kill $SERVER; wait $SERVER 2>/dev/null || true
"$BIN" audit verify --data-dir "$WORK/data"
echo
echo "walkthrough: every step worked"
