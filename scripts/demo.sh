#!/usr/bin/env bash
# From a fresh clone: install llama.cpp (pinned, into .deps/), build, fine-tune the tiny test model
# on the support FAQ with live progress, then answer one question with the base and the tuned model.
#   scripts/demo.sh [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS="${1:-100}"

bash scripts/setup-system.sh
bash scripts/setup-llama.sh
export FINETUNE_LLAMA_WORKER="$(bash scripts/build-llama-worker.sh -c release)"
swift build -c release --product finetune
BIN="$(swift build -c release --show-bin-path)"

"$BIN/finetune" create --model llamacpp/.deps/models/tiny.gguf --training-file Examples/data/support-faq.jsonl \
  --epochs "$EPOCHS" --learning-rate 2e-4 --adapter-size 8 --wait
"$BIN/finetune" try latest "How do I reset my password?"
