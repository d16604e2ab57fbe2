// llama.cpp's C API (llama.h, ggml.h, ggml-opt.h, ggml-backend.h) for the worker, found through the
// `llama.pc` that scripts/setup-llama.sh writes (see LlamaWorker/Package.swift).
#include "llama.h"
#include "ggml-backend.h"
