#!/usr/bin/env python3
"""Writes a large OpenAI chat JSONL file for the validation benchmark (deterministic for a given seed).

Usage: generate_chat.py OUTPUT MEGABYTES [SEED]
Examples vary in turn count, length, escapes and non-ASCII text; a few lines per thousand are invalid
(empty assistant text, unknown role, truncated JSON) so the validators also exercise their error paths.
"""
import json
import random
import sys

WORDS = ("the model answers questions about invoices refunds shipping accounts passwords and "
         "orders with short friendly sentences; it quotes \"policy\" text, uses tabs\tand newlines\n"
         "sometimes, and mentions café, naïve, 東京, Zürich or 😀 now and then").split(" ")


def sentence(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def example(rng):
    messages = []
    if rng.random() < 0.5:
        messages.append({"role": "system", "content": sentence(rng, 5, 25)})
    for _ in range(rng.randint(1, 3)):
        messages.append({"role": "user", "content": sentence(rng, 5, 60)})
        messages.append({"role": "assistant", "content": sentence(rng, 10, 120)})
    return {"messages": messages}


def main():
    output, megabytes = sys.argv[1], float(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    limit = int(megabytes * 1_000_000)
    written = 0
    with open(output, "w", encoding="utf-8") as handle:
        while written < limit:
            value = example(rng)
            roll = rng.random()
            if roll < 0.001:
                value["messages"][-1]["content"] = "  "
            elif roll < 0.002:
                value["messages"][0]["role"] = "robot"
            line = json.dumps(value, ensure_ascii=rng.random() < 0.3)
            if roll > 0.999:
                line = line[: len(line) // 2]
            handle.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
    print(f"wrote {written / 1e6:.1f} MB to {output}", file=sys.stderr)


main()
