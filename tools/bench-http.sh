#!/usr/bin/env bash
# The cost of a permission-gated request, measured from outside: the release binary
# with the demo restaurant, `wrk` at 64 connections from the owner's token, on SQLite
# and on PostgreSQL (as an ordinary role, so row-level security is on). Prints each
# endpoint's throughput and p99, the gated list's share of /ready's throughput, and
# the guest's table page (a QR code's address): its share of /health's throughput
# and its size in bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BRIGADE_BIN:?path to the release brigade binary}"
DURATION=${BENCH_DURATION:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
ROUNDS=${BENCH_ROUNDS:-3}
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }

run_engine() {
  local engine=$1 database_url=$2
  local work; work=$(mktemp -d)
  local env=(BRIGADE_DATA_DIR="$work" BRIGADE_LOG=warn BRIGADE_BIND=127.0.0.1:0)
  [ -n "${BRIGADE_DATABASE_POOL:-}" ] && env+=(BRIGADE_DATABASE_POOL="$BRIGADE_DATABASE_POOL")
  [ -n "$database_url" ] && env+=(DATABASE_URL="$database_url")
  env "${env[@]}" "$BRIGADE_BIN" demo >/dev/null
  env "${env[@]}" "$BRIGADE_BIN" >"$work/server.log" 2>&1 &
  local server=$!
  local base=
  for _ in $(seq 1 300); do
    base=$(sed -n 's|^Brigade is listening on \(http://[^/]*\)/$|\1|p' "$work/server.log" | head -n 1)
    [ -n "$base" ] && break
    sleep 0.1
  done
  local token
  token=$(curl -fs -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"owner@demo.brigade.test","password":"brigade demo kitchen"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  # The first table's guest page, as its QR code encodes it.
  local guest guest_bytes
  guest=$(curl -fs "$base/api/v1/tables/qr" -H "Authorization: Bearer $token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["url"])')
  guest=/${guest#http://*/}
  guest_bytes=$(curl -fs "$base$guest" | wc -c)
  # Rounds alternate the endpoints so that a slow moment of the machine does not fall
  # on one of them only; each figure is the median of its rounds.
  local results="$work/results"
  for round in $(seq 1 "$ROUNDS"); do
    for path in /health /ready /api/v1/me /api/v1/members "$guest"; do
      local out
      out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $token" "$base$path")
      if grep -q "Non-2xx" <<<"$out"; then echo "error: $path answered errors" >&2; grep Non-2xx <<<"$out" >&2; exit 1; fi
      printf '%s %s %s\n' "${path%%\?*}" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "99%" {print $2}' <<<"$out")" >>"$results"
    done
  done
  python3 - "$engine" "$results" "$guest_bytes" <<'REPORT'
import statistics, sys
engine, results, guest_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
def ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)
rounds = {}
for line in open(results):
    path, rate, p99 = line.split()
    rounds.setdefault(path, []).append((float(rate), ms(p99)))
print(f"{engine:<12} {'endpoint':<18} {'req/s':>10} {'p99':>10}")
rate = {}
for path, figures in rounds.items():
    rate[path] = statistics.median(r for r, _ in figures)
    p99 = statistics.median(p for _, p in figures)
    print(f"{'':<12} {path:<18} {rate[path]:>10.0f} {p99:>8.2f}ms")
goal = 10 if engine == "sqlite" else 20
print(f"{'':<12} gated list / ready: {rate['/api/v1/members'] / rate['/ready']:.0%} "
      f"(goal: at least 50%, p99 under {goal} ms)")
guest = next(path for path in rate if path.startswith("/t/"))
print(f"{'':<12} guest table page / health: {rate[guest] / rate['/health']:.0%} "
      f"(goal: at least 50%), {guest_bytes} bytes (goal: under 50 KB)")
REPORT
  kill "$server"; wait "$server" 2>/dev/null || true
  rm -rf "$work"
}

ENGINES=${BENCH_ENGINES:-sqlite postgresql}
[[ " $ENGINES " == *" sqlite "* ]] && run_engine sqlite ""
if [[ " $ENGINES " != *" postgresql "* ]]; then
  :
elif tools/postgres.sh; then
  name=brigade_bench_$$
  psql -h 127.0.0.1 -U postgres -qc "DO \$\$ BEGIN CREATE ROLE brigade_bench LOGIN NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END \$\$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $name OWNER brigade_bench"
  trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)"' EXIT
  run_engine postgresql "postgres://brigade_bench@127.0.0.1:5432/$name"
else
  echo "PostgreSQL is not available: its figures were not measured"
fi
