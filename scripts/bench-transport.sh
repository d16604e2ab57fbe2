#!/bin/sh
# Transport benchmark: 1,000 sequential GETs of a job JSON to a loopback server through
# CurlTransport (release build), compared in the same run with Python requests.Session.
# Prints request rates, TCP connections used and RSS before/after.
#   scripts/bench-transport.sh [COUNT]       (needs python3 with requests, e.g. requests==2.34.2)
set -eu
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH_PATH:-.build-http}"
swift build -c release --scratch-path "$SCRATCH" --product transport-bench >&2
"$SCRATCH/release/transport-bench" "${1:-1000}" scripts/bench_requests.py
