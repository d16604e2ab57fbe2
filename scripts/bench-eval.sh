#!/usr/bin/env bash
# `finetune eval` of 200 examples with a local model: how much of the run is the harness (everything
# but llama.cpp decoding), and generation speed against llama.cpp driven by the pinned
# llama-cpp-python (.deps/venv, the same libllama build) on the same model, prompt format, thread
# count and answer length, greedy. Prints both side by side.
#   scripts/bench-eval.sh [MODEL.gguf]
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-.deps/models/tiny.gguf}"
MAX_TOKENS=64
bash scripts/setup-llama.sh >/dev/null
export FINETUNE_LLAMA_WORKER="$(bash scripts/build-llama-worker.sh -c release)"
swift build -c release --product finetune >&2
BIN="$(swift build -c release --show-bin-path)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for _ in 1 2 3 4 5; do cat Examples/data/support-faq.jsonl; done > "$WORK/data.jsonl"

"$BIN/finetune" eval --model "llamacpp/$MODEL" --data "$WORK/data.jsonl" --limit 200 --max-tokens "$MAX_TOKENS" \
  --metric rouge_l --metric chrf --json 2>/dev/null > "$WORK/eval.json"

.deps/venv/bin/python - "$MODEL" "$WORK/data.jsonl" "$WORK/eval.json" "$MAX_TOKENS" <<'PY'
import json, os, sys, time
from llama_cpp import Llama

model, data, result, max_tokens = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
evaluation = json.load(open(result))["eval"]
summary = evaluation["models"][0]
total, harness = evaluation["total_seconds"], evaluation["harness_seconds"]
ours_tokens, ours_seconds = summary["generated_tokens"], summary["answer_seconds"]

# The same prompts, rendered as the worker renders them for a model without a chat template.
questions = [json.loads(line)["messages"][0]["content"] for line in open(data)][:200]
llm = Llama(model_path=model, n_ctx=256, n_threads=os.cpu_count(), verbose=False)
tokens, started = 0, time.perf_counter()
for question in questions:
    out = llm.create_completion(f"User: {question}\nAssistant:", max_tokens=max_tokens, temperature=0.0, top_k=1)
    tokens += out["usage"]["completion_tokens"]
reference_seconds = time.perf_counter() - started

print(f"finetune eval, 200 examples of {model}: {total:.2f} s in all, harness (everything but decoding) {harness:.2f} s = {100 * harness / total:.1f}% (target < 5%)")
print(f"{'':28}{'tokens':>8}{'seconds':>10}{'tokens/s':>10}")
print(f"{'finetune eval (worker)':28}{ours_tokens:>8}{ours_seconds:>10.2f}{ours_tokens / ours_seconds:>10.1f}")
print(f"{'llama-cpp-python 0.3.36':28}{tokens:>8}{reference_seconds:>10.2f}{tokens / reference_seconds:>10.1f}")
print(f"ratio finetune / llama-cpp-python: {(ours_tokens / ours_seconds) / (tokens / reference_seconds):.2f} (target >= 0.90)")
PY
