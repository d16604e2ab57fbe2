#!/usr/bin/env bash
# Stops the cluster scripts/start-test-postgres.sh started in DIR and removes DIR.
set -euo pipefail
DIR="${1:?usage: stop-test-postgres.sh DIR}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
AS=()
if [ "$(id -u)" -eq 0 ]; then AS=(runuser -u postgres --); fi
if [ -f "$DIR/data/postmaster.pid" ]; then
  "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
fi
rm -rf "$DIR"
