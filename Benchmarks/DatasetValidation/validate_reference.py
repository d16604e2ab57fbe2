#!/usr/bin/env python3
"""The straightforward Python validator the Swift one is compared with: json.loads per line plus the same
role and content checks (roles known, system only first, starts with user, ends with assistant, no empty
text, weight 0 or 1). Prints the example and problem counts.
"""
import json
import sys

ROLES = {"system", "user", "assistant", "tool"}


def check(value):
    if not isinstance(value, dict):
        return ["expected an object"]
    messages = value.get("messages")
    if not isinstance(messages, list):
        return ["messages: missing or not an array"]
    problems = []
    roles = []
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            problems.append(f"messages[{index}]: not an object")
            continue
        role = message.get("role")
        if role not in ROLES:
            problems.append(f"messages[{index}].role: unknown role")
            continue
        content = message.get("content")
        if isinstance(content, str):
            if not content.strip():
                problems.append(f"messages[{index}].content: empty text")
        elif content is None and "tool_calls" not in message:
            problems.append(f"messages[{index}].content: missing")
        weight = message.get("weight")
        if weight is not None and (role != "assistant" or weight not in (0, 1)):
            problems.append(f"messages[{index}].weight: invalid")
        roles.append(role)
    if not problems:
        conversation = [role for role in roles[1:] if role == "system"]
        if conversation:
            problems.append("system prompt after the first turn")
        first = next((role for role in roles if role != "system"), None)
        if first != "user":
            problems.append("must start with a user turn")
        if not roles or roles[-1] != "assistant":
            problems.append("last turn must be from the assistant")
    return problems


def main():
    examples = problems = 0
    with open(sys.argv[1], "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            examples += 1
            try:
                value = json.loads(raw)
            except ValueError:
                problems += 1
                continue
            problems += len(check(value))
    print(f"{examples} examples, {problems} problems")


main()
