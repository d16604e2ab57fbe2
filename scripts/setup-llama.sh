#!/usr/bin/env bash
# Installs a pinned llama.cpp (built from PyPI's llama-cpp-python source distribution) and the
# tiny-model generator's Python packages into .deps/ (git-ignored), then writes the tiny test model.
# Reused when already present; safe to run again.
#
# Afterwards:
#   .deps/llama/include   llama.h, ggml*.h           (links into the virtual environment)
#   .deps/llama/lib       libllama.so, libggml*.so
#   .deps/llama/pkgconfig/llama.pc  how LlamaWorker/Package.swift's CLlama finds the two above
#   .deps/models/tiny.gguf  a deterministic, randomly initialised F32 model (scripts/make-tiny-model.py)
# Build the local backend's worker with:  scripts/build-llama-worker.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LLAMA_CPP_PYTHON_VERSION=0.3.36
GGUF_VERSION=0.19.0
NUMPY_VERSION=2.4.6
VENV=.deps/venv
STAMP="$VENV/.llama-$LLAMA_CPP_PYTHON_VERSION-gguf-$GGUF_VERSION"

if [ -f "$STAMP" ]; then
  echo "llama.cpp $LLAMA_CPP_PYTHON_VERSION already installed in $VENV"
else
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "numpy==$NUMPY_VERSION" "gguf==$GGUF_VERSION"
  # llama-cpp-python compiles llama.cpp (about 5 minutes on 2 cores); the multimodal part is not needed.
  CMAKE_ARGS="-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF" \
  CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-binary llama-cpp-python \
    "llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION"
  touch "$STAMP"
  echo "llama.cpp $LLAMA_CPP_PYTHON_VERSION installed in $VENV"
fi

# A stable location for the worker's build, whatever the Python version.
SITE_PACKAGES="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
mkdir -p .deps/llama
ln -sfn "$SITE_PACKAGES/include" .deps/llama/include
ln -sfn "$SITE_PACKAGES/llama_cpp/lib" .deps/llama/lib
test -f .deps/llama/include/llama.h && test -f .deps/llama/lib/libllama.so

# pkg-config's description of this llama.cpp, for the CLlama system library of LlamaWorker/Package.swift.
mkdir -p .deps/llama/pkgconfig
cat >.deps/llama/pkgconfig/llama.pc.new <<EOF
prefix=$(cd .deps/llama && pwd -P)
includedir=\${prefix}/include
libdir=\${prefix}/lib

Name: llama
Description: llama.cpp from llama-cpp-python $LLAMA_CPP_PYTHON_VERSION
Version: $LLAMA_CPP_PYTHON_VERSION
Cflags: -I\${includedir}
Libs: -L\${libdir} -lllama -lggml -lggml-base
EOF
mv .deps/llama/pkgconfig/llama.pc.new .deps/llama/pkgconfig/llama.pc

mkdir -p .deps/models
if [ ! -f .deps/models/tiny.gguf ]; then
  "$VENV/bin/python" scripts/make-tiny-model.py .deps/models/tiny.gguf
fi
echo "llama.cpp ready in .deps/llama (build the worker: scripts/build-llama-worker.sh); tiny model: .deps/models/tiny.gguf"
