#!/usr/bin/env python3
"""Writes a small, randomly initialised GGUF model in the shape of a real architecture, with a real
tokenizer description and the architecture's chat template, for tests and benchmarks.

Deterministic: the same arguments give a byte-identical file. No weights are downloaded.

  llama  SentencePiece vocabulary (byte fallback, pieces with scores, so merges happen) and the
         Llama 2 chat template ([INST] ... [/INST])
  qwen2  GPT-2 style byte-level BPE (tokenizer.ggml.merges, pre-tokenizer "qwen2"), q/k/v biases,
         tied output embedding, grouped-query attention and the ChatML template (<|im_start|>)
  gemma  a Gemma (1) model: SentencePiece vocabulary with <start_of_turn>/<end_of_turn>, tied output
         embedding, multi-query attention and Gemma's chat template. llama.cpp cannot train it (ggml
         has no backward pass for its GEGLU feed-forward): the provider refuses it clearly.
  gemma-like  the same tokenizer, template, tied embedding and multi-query attention on llama's
         SwiGLU graph (general.architecture "llama"): a Gemma-shaped model llama.cpp can train

The merges are learned (byte pair encoding) from a fixed English text inside this script; `--vocab`
pads the vocabulary with never-produced filler tokens up to a real model's size. `--type` stores the
matrices as F32, F16, BF16 or Q8_0 (norms and biases stay F32, as converters do).

Usage: make-arch-model.py OUTPUT.gguf --arch llama|qwen2|gemma|gemma-like [--type f32|f16|bf16|q8_0]
         [--embd 64] [--layers 2] [--ff 128] [--heads 4] [--kv-heads N] [--vocab N] [--context 256]
         [--merges 300] [--seed 7]
Qwen2.5-0.5B's dimensions: --arch qwen2 --embd 896 --layers 24 --ff 4864 --heads 14 --kv-heads 2 --vocab 151936
"""
import argparse
import collections
import re

import numpy as np
import gguf

CORPUS = """
How do I reset my password? Open the sign-in page, choose Forgot password and follow the link we email you.
Can I change the email address on my account? Yes: open Settings, then Account, and enter the new address.
What payment methods do you accept? We accept credit and debit cards, bank transfers and PayPal.
How long does shipping take? Orders ship within two business days and arrive in three to five days.
Can I return an item? You can return any item within thirty days for a full refund of the price.
Where can I find my invoice? Every invoice is in the Billing section of your account settings.
How do I contact support? Write to the support team from the Help page; we answer within one day.
The quick brown fox jumps over the lazy dog. Thank you for your question, we are happy to help you.
"""

CHAT_TEMPLATES = {
    "llama": (
        "{% if messages[0]['role'] == 'system' %}{% set system_message = '<<SYS>>\\n' + messages[0]['content'] + '\\n<</SYS>>\\n\\n' %}"
        "{% set messages = messages[1:] %}{% else %}{% set system_message = '' %}{% endif %}"
        "{% for message in messages %}{% if message['role'] == 'user' %}"
        "{{ bos_token + '[INST] ' + (system_message if loop.first else '') + message['content'] + ' [/INST]' }}"
        "{% elif message['role'] == 'assistant' %}{{ ' ' + message['content'] + ' ' + eos_token }}{% endif %}{% endfor %}"
    ),
    "qwen2": (
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
        "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
        "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}"
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
    ),
    "gemma": (
        "{{ bos_token }}{% for message in messages %}{% set role = 'model' if message['role'] == 'assistant' else message['role'] %}"
        "{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}"
        "{% if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{% endif %}"
    ),
}


def learn_merges(words, count):
    """Byte pair encoding over `words` (tuples of symbols): the `count` most frequent pairs, in order."""
    frequencies = collections.Counter(words)
    vocab = {word: freq for word, freq in frequencies.items()}
    merges = []
    for _ in range(count):
        pairs = collections.Counter()
        for word, freq in vocab.items():
            for pair in zip(word, word[1:]):
                pairs[pair] += freq
        if not pairs:
            break
        # Most frequent first; ties broken by the pair's text so the result is deterministic.
        best = min(pairs.items(), key=lambda item: (-item[1], item[0]))[0]
        merges.append(best)
        merged = {}
        for word, freq in vocab.items():
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] = merged.get(tuple(out), 0) + freq
        vocab = merged
    return merges


def sentencepiece_vocabulary(arch, merge_count):
    """Control tokens, 256 byte-fallback tokens, printable ASCII (space as U+2581), learned pieces."""
    if arch == "gemma":
        control = ["<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"]
        special = {"pad": 0, "eos": 1, "bos": 2, "unk": 3}
    else:
        control = ["<unk>", "<s>", "</s>"]
        special = {"unk": 0, "bos": 1, "eos": 2}
    tokens = list(control)
    types = [gguf.TokenType.UNKNOWN if t in ("<unk>",) else gguf.TokenType.CONTROL for t in control]
    for byte in range(256):
        tokens.append(f"<0x{byte:02X}>")
        types.append(gguf.TokenType.BYTE)
    characters = ["\u2581" if code == 0x20 else chr(code) for code in range(0x20, 0x7F)]
    tokens += characters
    types += [gguf.TokenType.NORMAL] * len(characters)
    words = [tuple("\u2581" + word) for word in CORPUS.split()]
    pieces = ["".join(pair) for pair in learn_merges(words, merge_count)]
    tokens += pieces
    types += [gguf.TokenType.NORMAL] * len(pieces)
    # Higher scores merge first: learned pieces in merge order, above the single characters.
    scores = [0.0] * (len(control) + 256) + [-1000.0 - i for i in range(len(characters))] + [-float(i) for i in range(len(pieces))]
    return tokens, types, scores, special


def byte_to_unicode():
    """GPT-2's reversible map from bytes to printable characters."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) + list(range(ord("\u00ae"), ord("\u00ff") + 1))
    codes = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return {byte: chr(code) for byte, code in zip(printable, codes)}


def bpe_vocabulary(merge_count):
    """Byte-level BPE as Qwen2 ships it: 256 byte symbols, learned merges, then the special tokens."""
    mapping = byte_to_unicode()
    tokens = [mapping[byte] for byte in range(256)]
    # Qwen2's pre-tokenizer keeps a leading space with the word that follows it.
    words = [tuple(mapping[b] for b in piece.encode()) for piece in re.findall(r" ?[A-Za-z]+| ?[0-9]| ?[^\sA-Za-z0-9]+|\s+", CORPUS)]
    merges = learn_merges(words, merge_count)
    tokens += ["".join(pair) for pair in merges]
    types = [gguf.TokenType.NORMAL] * len(tokens)
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    ids = {name: len(tokens) + i for i, name in enumerate(specials)}
    tokens += specials
    types += [gguf.TokenType.CONTROL] * len(specials)
    return tokens, types, [" ".join(pair) for pair in merges], ids


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--arch", choices=["llama", "qwen2", "gemma", "gemma-like"], required=True)
    parser.add_argument("--type", choices=["f32", "f16", "bf16", "q8_0"], default="f32")
    parser.add_argument("--embd", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--ff", type=int, default=128)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--kv-heads", type=int)
    parser.add_argument("--vocab", type=int, default=0, help="pad the vocabulary with filler tokens to this size")
    parser.add_argument("--context", type=int, default=256)
    parser.add_argument("--merges", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    # gemma-like: Gemma's tokenizer, template and shape on the llama graph.
    graph = "llama" if args.arch == "gemma-like" else args.arch
    arch = "gemma" if args.arch == "gemma-like" else args.arch
    kv_heads = args.kv_heads or {"llama": args.heads, "qwen2": max(1, args.heads // 2), "gemma": 1}[arch]
    head_dim = args.embd // args.heads
    writer = gguf.GGUFWriter(args.output, graph)
    writer.add_name(f"tiny-{args.arch}-test-model")
    if arch == "qwen2":
        tokens, types, merges, ids = bpe_vocabulary(args.merges)
        scores = None
    else:
        tokens, types, scores, ids = sentencepiece_vocabulary(arch, args.merges)
        merges = None
    filler = max(0, args.vocab - len(tokens))
    tokens += [f"<filler_{i}>" for i in range(filler)]
    types += [gguf.TokenType.UNUSED] * filler
    if scores is not None:
        scores += [-1e9] * filler

    file_types = {"f32": gguf.LlamaFileType.ALL_F32, "f16": gguf.LlamaFileType.MOSTLY_F16,
                  "bf16": gguf.LlamaFileType.MOSTLY_BF16, "q8_0": gguf.LlamaFileType.MOSTLY_Q8_0}
    writer.add_file_type(file_types[args.type])
    writer.add_context_length(args.context)
    writer.add_embedding_length(args.embd)
    writer.add_block_count(args.layers)
    writer.add_feed_forward_length(args.ff)
    writer.add_head_count(args.heads)
    writer.add_head_count_kv(kv_heads)
    writer.add_key_length(head_dim)
    writer.add_value_length(head_dim)
    writer.add_layer_norm_rms_eps(1e-6 if arch != "llama" else 1e-5)
    if graph == "llama" and arch == "gemma":
        writer.add_rope_freq_base(10000.0)
    writer.add_rope_dimension_count(head_dim)
    if arch == "qwen2":
        writer.add_rope_freq_base(1000000.0)
    writer.add_vocab_size(len(tokens))
    if arch == "qwen2":
        writer.add_tokenizer_model("gpt2")
        writer.add_tokenizer_pre("qwen2")
        writer.add_token_list(tokens)
        writer.add_token_types(types)
        writer.add_token_merges(merges)
        writer.add_eos_token_id(ids["<|im_end|>"])
        writer.add_pad_token_id(ids["<|endoftext|>"])
        writer.add_bos_token_id(ids["<|endoftext|>"])
        writer.add_add_bos_token(False)
    else:
        writer.add_tokenizer_model("llama")
        writer.add_tokenizer_pre("default")
        writer.add_token_list(tokens)
        writer.add_token_types(types)
        writer.add_token_scores(scores)
        writer.add_bos_token_id(ids["bos"])
        writer.add_eos_token_id(ids["eos"])
        writer.add_unk_token_id(ids["unk"])
        if "pad" in ids:
            writer.add_pad_token_id(ids["pad"])
        writer.add_add_bos_token(True)
        writer.add_add_eos_token(False)
        writer.add_add_space_prefix(arch == "llama")
    writer.add_chat_template(CHAT_TEMPLATES[arch])

    rng = np.random.default_rng(args.seed)
    quantization = {"f32": None, "f16": gguf.GGMLQuantizationType.F16, "bf16": gguf.GGMLQuantizationType.BF16,
                    "q8_0": gguf.GGMLQuantizationType.Q8_0}[args.type]

    def add_matrix(name, rows, cols):
        # numpy shape (rows, cols) is ggml ne = [cols, rows]: cols inputs, rows outputs.
        values = rng.standard_normal((rows, cols), dtype=np.float32) / np.float32(np.sqrt(cols))
        if quantization is None:
            writer.add_tensor(name, values)
        elif quantization == gguf.GGMLQuantizationType.F16:
            writer.add_tensor(name, values.astype(np.float16))
        else:
            writer.add_tensor(name, gguf.quants.quantize(values, quantization), raw_dtype=quantization)

    def add_vector(name, size, value=1.0):
        writer.add_tensor(name, np.full(size, value, dtype=np.float32))

    n_vocab, n_embd, n_ff = len(tokens), args.embd, args.ff
    kv_width = kv_heads * head_dim
    add_matrix("token_embd.weight", n_vocab, n_embd)
    for layer in range(args.layers):
        prefix = f"blk.{layer}."
        add_vector(prefix + "attn_norm.weight", n_embd)  # (Gemma's GGUF norms already hold 1 + w)
        add_matrix(prefix + "attn_q.weight", n_embd, n_embd)
        add_matrix(prefix + "attn_k.weight", kv_width, n_embd)
        add_matrix(prefix + "attn_v.weight", kv_width, n_embd)
        if arch == "qwen2":
            add_vector(prefix + "attn_q.bias", n_embd, 0.0)
            add_vector(prefix + "attn_k.bias", kv_width, 0.0)
            add_vector(prefix + "attn_v.bias", kv_width, 0.0)
        add_matrix(prefix + "attn_output.weight", n_embd, n_embd)
        add_vector(prefix + "ffn_norm.weight", n_embd)
        add_matrix(prefix + "ffn_gate.weight", n_ff, n_embd)
        add_matrix(prefix + "ffn_up.weight", n_ff, n_embd)
        add_matrix(prefix + "ffn_down.weight", n_embd, n_ff)
    add_vector("output_norm.weight", n_embd)
    if arch == "llama":
        add_matrix("output.weight", n_vocab, n_embd)

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    main()
