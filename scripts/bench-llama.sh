#!/usr/bin/env bash
# Training speed through the framework (LlamaCppProvider: job store, detached worker, per-window
# events and progress, polling) against a direct C loop over the same llama.cpp calls (prompt masking
# included), on the same model, data, epochs and threads, in the same run. Release builds.
#   scripts/bench-llama.sh [EPOCHS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS="${1:-6}"
THREADS="${2:-$(nproc)}"
LEARNING_RATE=1e-3
MODEL=.deps/models/tiny.gguf
DATA=Examples/data/support-faq.jsonl

scripts/setup-llama.sh >/dev/null
LLAMA_DIR="$(cd .deps/llama && pwd -P)"
# The worker package's release build has both the worker and the bench (which finds the worker next to it).
BIN="$(dirname "$(bash scripts/build-llama-worker.sh -c release)")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cc -O2 -I"$LLAMA_DIR/include" scripts/bench/direct-loop.c -L"$LLAMA_DIR/lib" -lllama -lggml -lggml-base \
  -Wl,-rpath,"$LLAMA_DIR/lib" -lm -o "$WORK/direct-loop"

echo "data: $("$BIN/finetune-llama-worker" prepare --model "$MODEL" --data "$DATA" --output "$WORK/windows.bin")"
echo "epochs $EPOCHS, learning rate $LEARNING_RATE, threads $THREADS"
# Alternate the two, ROUNDS times, and compare the best run of each (the machine may be shared).
ROUNDS="${ROUNDS:-3}"
best_direct=0
best_framework=0
for round in $(seq "$ROUNDS"); do
  DIRECT="$("$WORK/direct-loop" "$MODEL" "$WORK/windows.bin" "$EPOCHS" "$LEARNING_RATE" "$THREADS" 2>/dev/null)"
  FRAMEWORK="$("$BIN/finetune-llama-bench" "$MODEL" "$DATA" "$EPOCHS" "$LEARNING_RATE" "$THREADS")"
  direct_rate="$(echo "$DIRECT" | sed -n 's/.*= \([0-9.]*\) tokens\/s/\1/p')"
  framework_rate="$(echo "$FRAMEWORK" | sed -n 's/^framework: .*= \([0-9.]*\) tokens\/s/\1/p')"
  echo "round $round: direct $direct_rate tokens/s, framework $framework_rate tokens/s"
  best_direct="$(awk -v a="$best_direct" -v b="$direct_rate" 'BEGIN { print (b > a ? b : a) }')"
  best_framework="$(awk -v a="$best_framework" -v b="$framework_rate" 'BEGIN { print (b > a ? b : a) }')"
done
echo "$DIRECT" | sed 's/^/direct    /'
echo "$FRAMEWORK"
awk -v d="$best_direct" -v f="$best_framework" \
  'BEGIN { printf "best of %d: training tokens/s direct %.1f, framework %.1f, framework overhead %.1f%% (target <= 5%%)\n", '"$ROUNDS"', d, f, (d - f) / d * 100 }'
