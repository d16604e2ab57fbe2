#!/usr/bin/env bash
# Benchmarks `finetune validate` against a straightforward Python validator on a large chat JSONL file.
# Usage: scripts/bench-validate.sh [MEGABYTES]   (default 256; data goes to .build-bench-data/, git-ignored)
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-256}"
bench="Benchmarks/DatasetValidation"
data_dir=".build-bench-data"
data="$data_dir/chat-${megabytes}mb.jsonl"
mkdir -p "$data_dir"

if [[ ! -s "$data" ]]; then
    python3 "$bench/generate_chat.py" "$data" "$megabytes" 1
fi
echo "file: $data ($(du -m "$data" | cut -f1) MB, $(wc -l < "$data") lines)"

if ! swift build -c release --product finetune --scratch-path .build-release > "$data_dir/build.log" 2>&1; then
    tail -30 "$data_dir/build.log"
    exit 1
fi
finetune="$(swift build -c release --product finetune --scratch-path .build-release --show-bin-path)/finetune"

# Warm the page cache so both runs read from memory.
cat "$data" > /dev/null

swift_run="$(python3 "$bench/measure.py" swift "$finetune" validate "$data" --format openai_chat --max-problems 0)"
echo "$swift_run"
python_run="$(python3 "$bench/measure.py" python python3 "$bench/validate_reference.py" "$data")"
echo "$python_run"
swift_line="$(tail -1 <<<"$swift_run")"
python_line="$(tail -1 <<<"$python_run")"

python3 - "$swift_line" "$python_line" <<'PY'
import sys
def fields(line):
    return dict(part.split("=") for part in line.split()[1:])
swift, python = fields(sys.argv[1]), fields(sys.argv[2])
wall = float(python["seconds"]) / float(swift["seconds"])
cpu = float(python["cpu_seconds"]) / float(swift["cpu_seconds"])
for name, run in (("swift ", swift), ("python", python)):
    print(f"{name} validate: {float(run['seconds']):.2f} s wall, {float(run['cpu_seconds']):.2f} s CPU, peak RSS {run['peak_rss_mb']} MB")
print(f"speed ratio: {wall:.1f}x wall, {cpu:.1f}x CPU (target >= 5x); swift peak memory target < 64 MB")
PY
