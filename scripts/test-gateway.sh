#!/usr/bin/env bash
# The gateway's end-to-end tests: a real `finetune serve` driven by the official openai Python SDK,
# real local llama.cpp jobs on the tiny model, the dashboard in headless Chromium, a restart after
# SIGKILL. Expects the debug build of `finetune` (scripts/test.sh makes it); builds the worker if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-gateway.sh
export FINETUNE_BIN="${FINETUNE_BIN:-$PWD/.build/debug/finetune}"
export FINETUNE_LLAMA_WORKER="${FINETUNE_LLAMA_WORKER:-$(bash scripts/build-llama-worker.sh)}"
export FINETUNE_TINY_MODEL="${FINETUNE_TINY_MODEL:-$PWD/.deps/models/tiny.gguf}"
.venv-gateway/bin/python -m unittest -v Tests/GatewayEndToEnd/test_gateway_e2e.py
