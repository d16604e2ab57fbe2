// llama.cpp's C API (llama.h, ggml.h, ggml-opt.h, ggml-backend.h) for the worker, from the llama.cpp
// that FINETUNE_LLAMA_DIR names (see scripts/setup-llama.sh).
#include "llama.h"
#include "ggml-backend.h"
