#!/usr/bin/env python3
"""Writes a tiny, randomly initialised llama-architecture GGUF for tests, demos and benchmarks.

Deterministic: the same arguments give a byte-identical file. No weights are downloaded; the
vocabulary is a character-level SentencePiece-style one (3 control tokens, 256 byte-fallback
tokens, the 95 printable ASCII characters with the space written as U+2581), 354 tokens in all.

Usage: make-tiny-model.py OUTPUT.gguf [--f16] [--embd 64] [--layers 2] [--ff 128] [--heads 4]
                          [--context 256] [--seed 7]
"""
import argparse

import numpy as np
import gguf


def vocabulary():
    tokens = ["<unk>", "<s>", "</s>"]
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
    for byte in range(256):
        tokens.append(f"<0x{byte:02X}>")
        types.append(gguf.TokenType.BYTE)
    for code in range(0x20, 0x7F):
        tokens.append("\u2581" if code == 0x20 else chr(code))
        types.append(gguf.TokenType.NORMAL)
    # Characters score higher the earlier they come; only single characters exist, so no merges happen.
    scores = [0.0] * 259 + [-float(i) for i in range(95)]
    return tokens, types, scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--f16", action="store_true", help="store the matrices as F16 (llama.cpp cannot train those)")
    parser.add_argument("--embd", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--ff", type=int, default=128)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--context", type=int, default=256)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    tokens, types, scores = vocabulary()
    n_vocab, n_embd, n_ff = len(tokens), args.embd, args.ff
    rng = np.random.default_rng(args.seed)
    matrix_type = np.float16 if args.f16 else np.float32

    def matrix(rows, cols):
        # numpy shape (rows, cols) is ggml ne = [cols, rows]: cols inputs, rows outputs.
        return (rng.standard_normal((rows, cols)) / np.sqrt(cols)).astype(matrix_type)

    def norm():
        return np.ones(n_embd, dtype=np.float32)

    writer = gguf.GGUFWriter(args.output, "llama")
    writer.add_name("tiny-test-model")
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16 if args.f16 else gguf.LlamaFileType.ALL_F32)
    writer.add_context_length(args.context)
    writer.add_embedding_length(n_embd)
    writer.add_block_count(args.layers)
    writer.add_feed_forward_length(n_ff)
    writer.add_head_count(args.heads)
    writer.add_head_count_kv(args.heads)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(n_embd // args.heads)
    writer.add_vocab_size(n_vocab)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_scores(scores)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_add_bos_token(True)
    writer.add_add_space_prefix(False)

    writer.add_tensor("token_embd.weight", matrix(n_vocab, n_embd))
    for layer in range(args.layers):
        prefix = f"blk.{layer}."
        writer.add_tensor(prefix + "attn_norm.weight", norm())
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(prefix + name + ".weight", matrix(n_embd, n_embd))
        writer.add_tensor(prefix + "ffn_norm.weight", norm())
        writer.add_tensor(prefix + "ffn_gate.weight", matrix(n_ff, n_embd))
        writer.add_tensor(prefix + "ffn_up.weight", matrix(n_ff, n_embd))
        writer.add_tensor(prefix + "ffn_down.weight", matrix(n_embd, n_ff))
    writer.add_tensor("output_norm.weight", norm())
    writer.add_tensor("output.weight", matrix(n_vocab, n_embd))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    main()
