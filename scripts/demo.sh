#!/usr/bin/env bash
# From a fresh clone: install llama.cpp (pinned, into .deps/), build, fine-tune the tiny model on
# the support FAQ with live progress, answer one question with the base and the tuned model, then
# evaluate both on the trained questions and on paraphrases the model never saw.
#   scripts/demo.sh [EPOCHS] [LEARNING_RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS="${1:-30}"
LEARNING_RATE="${2:-3e-3}"
# Answers are up to 87 characters, one token each with the tiny model's character vocabulary.
MAX_TOKENS=160

bash scripts/setup-system.sh
bash scripts/setup-llama.sh
export FINETUNE_LLAMA_WORKER="$(bash scripts/build-llama-worker.sh -c release)"
swift build -c release --product finetune
BIN="$(swift build -c release --show-bin-path)"

# The tests' tiny.gguf (64 wide) is too small to learn 44 answers by heart in a few minutes; the demo
# uses a deterministic model twice as wide (1.6 MB, generated once, no downloaded weights).
DEMO_MODEL=.deps/models/demo-faq.gguf
[ -f "$DEMO_MODEL" ] || .deps/venv/bin/python scripts/make-tiny-model.py "$DEMO_MODEL" --embd 128 --layers 2 --ff 256
JOB="$("$BIN/finetune" create --model "llamacpp/$DEMO_MODEL" --training-file Examples/data/support-faq.jsonl \
  --validation-file Examples/data/support-faq-paraphrases.jsonl \
  --epochs "$EPOCHS" --learning-rate "$LEARNING_RATE" --adapter-size 8 --wait --json \
  | .deps/venv/bin/python -c 'import json, sys; print(json.load(sys.stdin)["job"]["id"])')"
"$BIN/finetune" try "$JOB" "How do I reset my password?" --max-tokens "$MAX_TOKENS"

echo
echo "== the 44 trained questions: base vs tuned =="
"$BIN/finetune" eval --model "llamacpp/$DEMO_MODEL" --model "$JOB" --data Examples/data/support-faq.jsonl --max-tokens "$MAX_TOKENS" \
  --metric exact_match --metric rouge_l --metric chrf --metric token_loss \
  --examples .deps/demo-eval.jsonl --report .deps/demo-eval.html
echo
echo "== 8 paraphrased questions it never saw =="
"$BIN/finetune" eval --model "llamacpp/$DEMO_MODEL" --model "$JOB" --data Examples/data/support-faq-paraphrases.jsonl --max-tokens "$MAX_TOKENS" \
  --metric rouge_l --metric chrf --metric token_loss
echo
echo "report: .deps/demo-eval.html; every answer: .deps/demo-eval.jsonl"
