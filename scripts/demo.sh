#!/usr/bin/env bash
# The main job on demo data: installs what is needed, builds, writes a demo
# marketplace, scans it (and compares the findings with the planted
# answers), then starts `ipguard serve` with the marketplace loaded — rights
# holders, approved assets, sellers, shops, listings — and the scan's
# findings in the reviewer queue, prints the URL and a login for each role,
# and runs until Ctrl-C.
#
#   scripts/demo.sh                 interactive: serves until Ctrl-C
#   scripts/demo.sh --smoke         non-interactive (CI, tests): checks every
#                                   role's login and a few endpoints, then stops
#   LISTINGS=20000 scripts/demo.sh  a bigger marketplace
#   PORT=9000 scripts/demo.sh       another port (default 8080; 0: any free port)
#   IPGUARD_BIN=build/src/cli/ipguard scripts/demo.sh --smoke
#                                   use a built binary (skips install and build)
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "demo.sh: unknown argument $arg (try --help)" >&2; exit 1 ;;
  esac
done
if [ -n "${IPGUARD_BIN:-}" ]; then
  bin="$IPGUARD_BIN"
else
  bash scripts/install-deps.sh
  BUILD_TARGETS=ipguard bash scripts/build.sh release
  bin=build/release/src/cli/ipguard
fi
[ -x "$bin" ] || { echo "demo.sh: no ipguard binary at $bin" >&2; exit 1; }

out="${OUT:-demo-out}"
data="$out/serve-data"
port="${PORT:-8080}"
[ "$smoke" = 1 ] && port="${PORT:-0}"
admin_password="${ADMIN_PASSWORD:-demo-admin-password}"
rm -rf "$out"
mkdir -p "$data"

# 1. The marketplace, written where `ipguard serve --demo` loads it from.
"$bin" demo --out "$data/demo" --listings "${LISTINGS:-2000}"
# 2. A proactive scan of it.
"$bin" scan --quiet --registry "$data/demo/registry.ndjson" --input "$data/demo/items.ndjson" \
  --output "$out/findings.ndjson" || [ $? -eq 2 ]
echo
echo "== findings against the planted answers (ipguard evaluate) =="
"$bin" evaluate --truth "$data/demo/truth.ndjson" --findings "$out/findings.ndjson" | head -n 20 || true

# 3. The platform, with the marketplace and the findings loaded.
"$bin" serve --data-dir "$data" --port "$port" --admin-password "$admin_password" \
  --demo --load-findings "$out/findings.ndjson" 2>"$out/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  url=$(sed -n 's/.*listening on \(http:[^ ]*\) .*/\1/p' "$out/serve.log" | head -n 1)
  [ -n "$url" ] && break
  kill -0 $server 2>/dev/null || { cat "$out/serve.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "demo.sh: the server did not start" >&2; cat "$out/serve.log" >&2; exit 1; }
grep -E "loaded|shadow" "$out/serve.log" | sed 's/^ipguard serve: //' || true

holder=$(sed -n 's/.*"kind":"rights_holder".*"id":"\([^"]*\)".*/\1/p; s/.*"id":"\([^"]*\)".*"kind":"rights_holder".*/\1/p' \
  "$data/demo/registry.ndjson" | head -n 1)
seller=$(sed -n 's/.*"kind":"account".*"id":"\([^"]*\)".*/\1/p; s/.*"id":"\([^"]*\)".*"kind":"account".*/\1/p' \
  "$data/demo/items.ndjson" | head -n 1)
demo_password=demo-password
echo
echo "== ipguard serve is running: $url =="
echo "   web pages: ${url%/api/v1}/   (docs/web.md)"
echo "   API reference: docs/api-http.md   (every call needs: Authorization: Bearer <token>)"
echo "   log in with POST $url/login {\"name\":…,\"password\":…}:"
printf '   %-9s %-28s %s\n' role name password
printf '   %-9s %-28s %s\n' admin admin "$admin_password"
printf '   %-9s %-28s %s\n' reviewer reviewer "$demo_password"
printf '   %-9s %-28s %s\n' holder "$holder" "$demo_password (every holder logs in by its holder id)"
printf '   %-9s %-28s %s\n' seller "$seller" "$demo_password (every seller by its account id)"

login() {
  curl -sf "$url/login" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"password\":\"$2\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
reviewer_token=$(login reviewer "$demo_password")
queue=$(curl -sf "$url/stats" -H "Authorization: Bearer $reviewer_token" |
  sed -n 's/.*"by_source":{\([^}]*\)}.*/\1/p')
echo "   complaints by source: ${queue:-none yet} (the scan's findings wait in GET $url/queue)"

if [ "$smoke" = 1 ]; then
  fail=0
  for who in "admin:$admin_password" "reviewer:$demo_password" "$holder:$demo_password" \
             "$seller:$demo_password"; do
    token=$(login "${who%%:*}" "${who#*:}")
    if [ -z "$token" ]; then echo "smoke: cannot log in as ${who%%:*}" >&2; fail=1; continue; fi
    curl -sf "$url/me" -H "Authorization: Bearer $token" >/dev/null ||
      { echo "smoke: /me failed for ${who%%:*}" >&2; fail=1; }
  done
  curl -sf "$url/queue?limit=1" -H "Authorization: Bearer $reviewer_token" | grep -q '"source":"proactive"' ||
    { echo "smoke: no proactive finding in the reviewer queue" >&2; fail=1; }
  curl -sf "$url/health" | grep -q '"ok":true' || { echo "smoke: /health failed" >&2; fail=1; }
  [ "$fail" = 0 ] && echo "demo.sh --smoke: every role logged in; the queue holds the scan's findings: ok"
  exit "$fail"
fi
echo
echo "Press Ctrl-C to stop."
wait $server
