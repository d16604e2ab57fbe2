#!/usr/bin/env bash
# Builds the llama.cpp training worker (the nested package LlamaWorker/) against the llama.cpp that
# scripts/setup-llama.sh installed, and prints the worker's path. The `llamacpp` provider finds the
# worker through FINETUNE_LLAMA_WORKER (or next to the running executable).
#   scripts/build-llama-worker.sh [swift build options, e.g. -c release]
#   export FINETUNE_LLAMA_WORKER="$(scripts/build-llama-worker.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .deps/llama/pkgconfig/llama.pc ]; then
  echo "llama.cpp is not installed: run scripts/setup-llama.sh first" >&2
  exit 1
fi
LLAMA_DIR="$(cd .deps/llama && pwd -P)"
# pkg-config supplies -I, -L and -l; SwiftPM takes no run-time library path from it (nor should the
# manifest hold one), so the worker's rpath is given here, on the command line.
export PKG_CONFIG_PATH="$LLAMA_DIR/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
BUILD=(swift build --package-path LlamaWorker -Xlinker -rpath -Xlinker "$LLAMA_DIR/lib" "$@")
"${BUILD[@]}" >&2
echo "$("${BUILD[@]}" --show-bin-path)/finetune-llama-worker"
