#!/usr/bin/env bash
# Starts a private PostgreSQL cluster for the tests: initdb in DIR (an empty directory), a random
# password, 127.0.0.1 only, on a free port; prints its URL (postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres).
# Run as root it runs the server as the `postgres` user (initdb refuses root). Stop it with
# scripts/stop-test-postgres.sh DIR. The cluster trades durability for speed (fsync off): tests only.
set -euo pipefail
DIR="${1:?usage: start-test-postgres.sh DIR}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$DIR"
  AS=(runuser -u postgres --)
fi
PASSWORD="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$PASSWORD" > "$DIR/password"
[ ${#AS[@]} -eq 0 ] || chown postgres "$DIR/password"
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --no-sync --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$DIR/password" >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
rm -f "$DIR/password"
for attempt in 1 2 3; do
  PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  if "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null; then
    echo "postgres://postgres:$PASSWORD@127.0.0.1:$PORT/postgres"
    exit 0
  fi
done
cat "$DIR/server.log" >&2
exit 1
