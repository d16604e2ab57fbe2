#!/usr/bin/env bash
# Gateway benchmark: wrk (32 connections, 10 s each) against GET /v1/fine_tuning/jobs/{id} and
# GET /v1/fine_tuning/jobs?limit=20 of `finetune serve` (release build, SQLite) and, in the same run,
# of a minimal FastAPI + uvicorn reference (scripts/bench/gateway_reference.py, pinned in
# scripts/gateway/bench-requirements.txt) serving the same rows from the same SQLite file, 10,000 jobs.
# Prints requests/s, p50 and p99 latency and peak RSS of both, side by side.
#   scripts/bench-serve.sh [DURATION_SECONDS] [JOBS]     (BENCH_CONFIGURATION=debug measures the debug build)
# With `--database postgres` first, `finetune serve` stores in a private PostgreSQL cluster holding the same
# rows (scripts/start-test-postgres.sh); the reference still reads the SQLite file.
set -euo pipefail
cd "$(dirname "$0")/.."
STORE=sqlite
if [ "${1:-}" = "--database" ]; then STORE="${2:?--database takes sqlite or postgres}"; shift 2; fi
case "$STORE" in sqlite|postgres) ;; *) echo "--database takes sqlite or postgres, got '$STORE'" >&2; exit 2 ;; esac
DURATION="${1:-10}"
JOBS="${2:-10000}"
bash scripts/setup-gateway.sh >&2
SCRATCH="${SCRATCH_PATH:-.build}"
CONFIGURATION="${BENCH_CONFIGURATION:-release}"
swift build -c "$CONFIGURATION" --scratch-path "$SCRATCH" --product finetune >&2
FINETUNE="$SCRATCH/$CONFIGURATION/finetune"
PY=.venv-gateway/bin/python
WORK="$(mktemp -d)"
PIDS=()
POSTGRES_DIR=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"
  if [ -n "$POSTGRES_DIR" ]; then bash scripts/stop-test-postgres.sh "$POSTGRES_DIR"; fi
}
trap cleanup EXIT
export FINETUNE_HOME="$WORK/home"
KEY="$("$FINETUNE" keys create bench)"
DATABASE="$FINETUNE_HOME/gateway/gateway.sqlite"
"$PY" scripts/bench/seed_gateway_jobs.py "$DATABASE" bench "$JOBS" >&2
JOB_ID="ftjob-bench$(printf '%08d' $((JOBS / 2)))"
SERVE_STORE=()
SERVE_LABEL="finetune serve ($CONFIGURATION)"
if [ "$STORE" = postgres ]; then
  bash scripts/setup-postgres.sh >&2
  POSTGRES_DIR="$(mktemp -d)"
  POSTGRES_URL="$(bash scripts/start-test-postgres.sh "$POSTGRES_DIR")"
  "$FINETUNE" keys list --database "$POSTGRES_URL" >/dev/null
  "$PY" scripts/bench/copy_store_to_postgres.py "$DATABASE" "$POSTGRES_URL" >&2
  SERVE_STORE=(--database "$POSTGRES_URL")
  SERVE_LABEL="finetune serve ($CONFIGURATION, PG)"
fi

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 100); do curl -fs -o /dev/null -H "Authorization: Bearer $KEY" "$1/v1/fine_tuning/jobs/$JOB_ID" && return 0; sleep 0.1; done; echo "server at $1 did not start" >&2; return 1; }
peak_rss_mb() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# CPU seconds (user + system) a process has used so far; per request it shows the cost of the request
# path even when other work shares the machine (req/s and latency then depend on the load; see uptime).
cpu_seconds() { awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$1/stat"; }
# Runs wrk and prints "REQ_PER_S P50 P99 REQUESTS" (latencies in ms).
measure() {
  wrk -t2 -c32 -d"${DURATION}s" --latency -H "Authorization: Bearer $KEY" "$1" > "$WORK/wrk.txt"
  "$PY" - "$WORK/wrk.txt" <<'PYEOF'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    value, unit = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors: sys.exit(f"wrk saw {errors.group(1)} error responses")
requests = int(re.search(r"(\d+) requests in", text).group(1))
print(f"{rate:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {requests}")
PYEOF
}

PORT="$(free_port)"
"$FINETUNE" serve --port "$PORT" "${SERVE_STORE[@]}" > "$WORK/serve.out" 2> "$WORK/serve.log" & PIDS+=($!); GATEWAY_PID=$!
REF_PORT="$(free_port)"
BENCH_DATABASE="$DATABASE" .venv-gateway/bin/uvicorn --app-dir scripts/bench gateway_reference:app --host 127.0.0.1 --port "$REF_PORT" \
  --log-level warning --no-access-log > "$WORK/reference.log" 2>&1 & PIDS+=($!); REFERENCE_PID=$!
wait_ready "http://127.0.0.1:$PORT"
wait_ready "http://127.0.0.1:$REF_PORT"

uptime
printf '%-34s %-26s %12s %10s %10s %10s %12s\n' "endpoint ($JOBS jobs, 32 conns, ${DURATION}s)" server "req/s" "p50 ms" "p99 ms" "RSS MB" "CPU us/req"
# Prints one row: LABEL SERVER PID URL.
row() {
  local before after
  before="$(cpu_seconds "$3")"
  read -r rate p50 p99 requests < <(measure "$4")
  after="$(cpu_seconds "$3")"
  printf '%-34s %-26s %12s %10s %10s %10s %12s\n' "$1" "$2" "$rate" "$p50" "$p99" "$(peak_rss_mb "$3")" \
    "$(awk -v a="$after" -v b="$before" -v n="$requests" 'BEGIN { printf "%.0f", (a - b) * 1e6 / n }')"
}
for endpoint in "/v1/fine_tuning/jobs/$JOB_ID" "/v1/fine_tuning/jobs?limit=20"; do
  label="${endpoint/$JOB_ID/{id\}}"
  row "$label" "$SERVE_LABEL" "$GATEWAY_PID" "http://127.0.0.1:$PORT$endpoint"
  row "$label" "FastAPI+uvicorn (SQLite)" "$REFERENCE_PID" "http://127.0.0.1:$REF_PORT$endpoint"
done
