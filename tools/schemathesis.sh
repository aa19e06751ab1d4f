#!/usr/bin/env bash
# Runs schemathesis against the real binary on a fresh SQLite database, with an
# owner's token, and fails on any 5xx or any response that contradicts the spec.
set -euo pipefail
: "${BRIGADE_BIN:?path to the brigade binary}"
: "${SCHEMATHESIS:?path to the schemathesis CLI}"
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-25}

work=$(mktemp -d)
# Port 0: the server picks a free port and prints where it listens.
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

token=$(curl -fs -X POST "$base/api/v1/auth/signup" -H 'content-type: application/json' \
  -d '{"restaurant_name":"Schemathesis","owner_name":"Owner","email":"owner@schemathesis.example","password":"a long kitchen phrase","table_count":4}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

"$SCHEMATHESIS" run "$base/api/openapi.json" \
  --url "$base" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --max-examples "$MAX_EXAMPLES" \
  --seed 1 \
  --no-color
