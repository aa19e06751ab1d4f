#!/usr/bin/env bash
# Runs schemathesis with all of its checks against the real binary on a fresh SQLite
# database: once with a waiter's token, then with the owner's (the owner's run may
# remove the waiter). It fails on any 5xx, any response that contradicts the document,
# a schema-valid request refused or a schema-violating one accepted, an undeclared
# method not answered `405` with `Allow`, ignored authentication, and what the
# stateful phase finds following the document's links. tools/schemathesis.toml says,
# per operation, which refusals of valid-looking requests depend on stored state.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BRIGADE_BIN:?path to the brigade binary}"
: "${SCHEMATHESIS:?path to the schemathesis CLI}"
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-25}

work=$(mktemp -d)
# Port 0: the server picks a free port and prints where it listens.
# Thousands of generated sign-ups and members come from one address: the flood limits
# (tested in the API suite) would answer most of them 429 and hide the operations.
BRIGADE_SIGNUP_LIMIT=1000000 BRIGADE_NEW_MEMBER_LIMIT=1000000 \
BRIGADE_BIND=127.0.0.1:0 BRIGADE_DATA_DIR=$work BRIGADE_LOG=warn "$BRIGADE_BIN" >"$work/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

base=
for _ in $(seq 1 300); do
  base=$(sed -n 's|^Brigade is listening on \(http://[^/]*\)/$|\1|p' "$work/server.log" | head -n 1)
  [ -n "$base" ] && break
  sleep 0.1
done
ready=false
for _ in $(seq 1 200); do
  if [ -n "$base" ] && curl -fs "$base/ready" >/dev/null; then ready=true; break; fi
  sleep 0.1
done
if [ "$ready" != true ]; then
  echo "brigade did not become ready on $base:" >&2
  cat "$work/server.log" >&2
  exit 1
fi

post() { # path token body -> response body
  curl -fsS -X POST "$base$1" -H 'content-type: application/json' ${2:+-H "Authorization: Bearer $2"} -d "$3"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }

owner=$(post /api/v1/auth/signup "" \
  '{"restaurant_name":"Schemathesis","owner_name":"Owner","email":"owner@schemathesis.example","password":"a long kitchen phrase","table_count":4}' \
  | field access_token)
# A waiter, added with a temporary password they replace at their first login.
post /api/v1/members "$owner" \
  '{"name":"Waiter","email":"waiter@schemathesis.example","role":"waiter","temporary_password":"a temporary phrase"}' >/dev/null
first=$(post /api/v1/auth/login "" '{"email":"waiter@schemathesis.example","password":"a temporary phrase"}' | field access_token)
post /api/v1/me/password "$first" '{"current_password":"a temporary phrase","new_password":"the waiter own phrase"}' >/dev/null
waiter=$(post /api/v1/auth/login "" '{"email":"waiter@schemathesis.example","password":"the waiter own phrase"}' | field access_token)

status=0
for who in waiter owner; do
  token=${!who}
  echo "== schemathesis with the $who's token"
  "$SCHEMATHESIS" --config-file tools/schemathesis.toml run "$base/api/openapi.json" \
    --url "$base" \
    --header "Authorization: Bearer $token" \
    --checks all \
    --max-examples "$MAX_EXAMPLES" \
    --seed 1 \
    --no-color || status=$?
done
exit $status
