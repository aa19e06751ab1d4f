#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432, starting the local cluster if it is
# installed but stopped. Exit 0: ready. Exit 1: unavailable (a failure when CI=true).
set -u
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || psql -h 127.0.0.1 -U postgres -c 'select 1' >/dev/null 2>&1; }
if ready; then exit 0; fi
if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
fi
if [ "${CI:-}" = "true" ]; then
  echo "FAILED: PostgreSQL is required in CI but does not answer on 127.0.0.1:5432." >&2
  exit 2
fi
exit 1
