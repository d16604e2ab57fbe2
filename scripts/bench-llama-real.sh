#!/usr/bin/env bash
# A model with Qwen2.5-0.5B's dimensions (24 layers, 896 wide, FF 4864, 14 heads / 2 KV heads, vocabulary
# 151,936; random weights, scripts/make-arch-model.py) given as Q8_0: trained through the framework
# (create with --option convert_to_f32=true: conversion to F32 in the job folder, memory plan, worker,
# per-window events, checkpoints) and then by the direct C loop (scripts/bench/direct-loop.c) on the same
# F32 model and the same windows, in the same run. Prints the time from create to the first training
# step, tokens/s of both, the framework overhead, the memory plan's estimate and the peak RSS of both.
# The machine may be shared: run it once, with few steps. Release builds; needs about 9 GiB of memory.
# The framework's speed counts training steps; saving checkpoints (one per epoch at least) and
# validation are timed apart and shown beside it, with the speed they give when counted in.
#   scripts/bench-llama-real.sh [EPOCHS] [THREADS] [EXAMPLES]
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS="${1:-1}"
THREADS="${2:-2}"
LEARNING_RATE=1e-5
CONTEXT=256
EXAMPLES="${3:-12}"

scripts/setup-llama.sh >/dev/null
LLAMA_DIR="$(cd .deps/llama && pwd -P)"
BIN="$(dirname "$(bash scripts/build-llama-worker.sh -c release)")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cc -O2 -I"$LLAMA_DIR/include" scripts/bench/direct-loop.c -L"$LLAMA_DIR/lib" -lllama -lggml -lggml-base \
  -Wl,-rpath,"$LLAMA_DIR/lib" -lm -o "$WORK/direct-loop"

MODEL="$WORK/qwen2.5-0.5b-shape-Q8_0.gguf"
started=$(date +%s)
.deps/venv/bin/python scripts/make-arch-model.py "$MODEL" --arch qwen2 --type q8_0 \
  --embd 896 --layers 24 --ff 4864 --heads 14 --kv-heads 2 --vocab 151936 --context 32768
echo "model: $(du -h "$MODEL" | cut -f1) Q8_0 written in $(( $(date +%s) - started )) s"
head -n "$EXAMPLES" Examples/data/support-faq.jsonl > "$WORK/data.jsonl"
echo "epochs $EPOCHS, context $CONTEXT, learning rate $LEARNING_RATE, threads $THREADS, examples $EXAMPLES; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

FRAMEWORK="$(FINETUNE_BENCH_KEEP=1 FINETUNE_HOME="$WORK/home" \
  "$BIN/finetune-llama-bench" "$MODEL" "$WORK/data.jsonl" "$EPOCHS" "$LEARNING_RATE" "$THREADS" convert_to_f32=true checkpoint_steps=1000000)"
echo "$FRAMEWORK"
JOB="$(echo "$FRAMEWORK" | sed -n 's/^framework job folder: //p')"
F32="$JOB/base-f32.gguf"

echo "data: $("$BIN/finetune-llama-worker" prepare --model "$F32" --data "$WORK/data.jsonl" --output "$WORK/windows.bin" --context "$CONTEXT")"
DIRECT="$(/usr/bin/time -f 'direct peak RSS %M KiB' "$WORK/direct-loop" "$F32" "$WORK/windows.bin" "$EPOCHS" "$LEARNING_RATE" "$THREADS" 2>&1 \
  | grep -E '^(epoch|direct)')"
echo "$DIRECT" | sed 's/^/direct    /'
direct_rate="$(echo "$DIRECT" | sed -n 's/.*= \([0-9.]*\) tokens\/s/\1/p')"
framework_rate="$(echo "$FRAMEWORK" | sed -n 's/^framework: .*= \([0-9.]*\) tokens\/s/\1/p')"
awk -v d="$direct_rate" -v f="$framework_rate" \
  'BEGIN { printf "training tokens/s: direct %.2f, framework %.2f, framework overhead %.1f%% (target < 5%%)\n", d, f, (d - f) / d * 100 }'
with_aside="$(echo "$FRAMEWORK" | sed -n 's/^framework besides training: .*(\([0-9.]*\) tokens\/s with them)/\1/p')"
awk -v d="$direct_rate" -v f="$with_aside" \
  'BEGIN { printf "with checkpoint saving counted in: framework %.2f tokens/s, overhead %.1f%%\n", f, (d - f) / d * 100 }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$FRAMEWORK" | sed -n 's/^framework memory: /memory: /p'
rm -rf "$(dirname "$(dirname "$JOB")")"
