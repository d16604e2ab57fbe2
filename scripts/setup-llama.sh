#!/usr/bin/env bash
# Installs a pinned llama.cpp (built from PyPI's llama-cpp-python source distribution) and the
# tiny-model generator's Python packages into .deps/ (git-ignored). Reused when already present.
set -euo pipefail
cd "$(dirname "$0")/.."
LLAMA_CPP_PYTHON_VERSION=0.3.36
GGUF_VERSION=0.19.0
NUMPY_VERSION=2.4.6
VENV=.deps/venv
STAMP="$VENV/.llama-$LLAMA_CPP_PYTHON_VERSION-gguf-$GGUF_VERSION"

if [ -f "$STAMP" ]; then
  echo "llama.cpp $LLAMA_CPP_PYTHON_VERSION already installed in $VENV"
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "numpy==$NUMPY_VERSION" "gguf==$GGUF_VERSION"
# llama-cpp-python compiles llama.cpp (about 6 minutes on 2 cores); the multimodal part is not needed.
CMAKE_ARGS="-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF" \
CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-binary llama-cpp-python \
  "llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION"
touch "$STAMP"
echo "llama.cpp $LLAMA_CPP_PYTHON_VERSION installed in $VENV"
