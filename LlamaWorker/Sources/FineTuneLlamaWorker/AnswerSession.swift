import CLlama
import FineTuning
import Foundation

/// One llama.cpp context (optionally with a LoRA adapter) reused for many prompts: answers a prompt
/// greedily or by seeded sampling, and scores a reference answer (mean negative log-likelihood per
/// answer token, the same masked loss training reports).
final class AnswerSession {
    let model: LlamaModel
    let renderer: ChatRenderer
    let contextLength: Int
    private let context: OpaquePointer
    private var adapter: OpaquePointer?
    private var batch: llama_batch

    init(model: LlamaModel, adapterPath: String?, contextLength: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.model = model
        renderer = ChatRenderer(model: model)
        self.contextLength = contextLength
        var parameters = llama_context_default_params()
        parameters.n_ctx = UInt32(contextLength)
        parameters.n_batch = UInt32(contextLength)
        parameters.n_threads = Int32(threads)
        parameters.n_threads_batch = Int32(threads)
        parameters.no_perf = true
        guard let context = llama_init_from_model(model.pointer, parameters) else {
            throw FineTuningError(.providerError, "llama.cpp could not create a context for '\(model.path)'", provider: "llamacpp")
        }
        self.context = context
        batch = llama_batch_init(Int32(contextLength), 0, 1)
        if let adapterPath {
            guard let loaded = llama_adapter_lora_init(model.pointer, adapterPath) else {
                llama_batch_free(batch)
                llama_free(context)
                throw FineTuningError(.invalidRequest, "llama.cpp could not load the LoRA adapter '\(adapterPath)'", provider: "llamacpp", parameter: "adapter")
            }
            adapter = loaded
            var adapters: [OpaquePointer?] = [loaded]
            var scales: [Float] = [1]
            _ = llama_set_adapters_lora(context, &adapters, 1, &scales)
        }
    }

    deinit {
        llama_batch_free(batch)
        llama_free(context)
        if let adapter { llama_adapter_lora_free(adapter) }
    }

    /// The answer to `prompt` and how many tokens it took; greedy when `sampler` is nil.
    func answer(_ prompt: [llama_token], maxTokens: Int, sampler: inout TokenSampler?) throws -> (text: String, tokens: Int) {
        guard prompt.count + maxTokens <= contextLength else {
            throw FineTuningError(.invalidRequest, "the prompt (\(prompt.count) tokens) and \(maxTokens) answer tokens do not fit the context of \(contextLength) tokens", provider: "llamacpp", parameter: "max_tokens")
        }
        llama_memory_clear(llama_get_memory(context), true)
        var output: [UInt8] = []
        var pending = prompt
        var position = 0
        var generated = 0
        while generated < maxTokens {
            try decode(pending, from: position, outputs: [pending.count - 1])
            position += pending.count
            let logits = UnsafeBufferPointer(start: llama_get_logits_ith(context, Int32(pending.count - 1))!, count: model.vocabularySize)
            let next = sampler?.sample(logits) ?? TokenSampler.greedy(logits)
            if model.isEndOfGeneration(next) { break }
            output += model.piece(next)
            pending = [next]
            generated += 1
        }
        return (String(decoding: output, as: UTF8.self), generated)
    }

    /// Mean negative log-likelihood per answer token of `reference` as the reply to `prompt`, and
    /// the number of answer tokens (the end-of-turn included, as in training).
    func referenceLoss(prompt: TrainingExample, reference: String) throws -> (loss: Double, tokens: Int) {
        var example = prompt
        example.turns.append(TrainingExample.Turn(role: .assistant, text: reference))
        let rendered = try renderer.render(example)
        let tokens = Array(rendered.tokens.prefix(contextLength))
        let scored = (1..<tokens.count).filter { rendered.trained[$0] }
        guard !scored.isEmpty else { return (0, 0) }
        llama_memory_clear(llama_get_memory(context), true)
        try decode(tokens, from: 0, outputs: scored.map { $0 - 1 })
        var total = 0.0
        for position in scored {
            let logits = UnsafeBufferPointer(start: llama_get_logits_ith(context, Int32(position - 1))!, count: model.vocabularySize)
            total += TokenSampler.negativeLogLikelihood(logits, of: tokens[position])
        }
        return (total / Double(scored.count), scored.count)
    }

    /// Decodes `tokens` at positions `from...`, keeping logits for the given batch indices.
    private func decode(_ tokens: [llama_token], from start: Int, outputs: [Int]) throws {
        let wanted = Set(outputs)
        batch.n_tokens = Int32(tokens.count)
        for (index, token) in tokens.enumerated() {
            batch.token[index] = token
            batch.pos[index] = llama_pos(start + index)
            batch.n_seq_id[index] = 1
            batch.seq_id[index]![0] = 0
            batch.logits[index] = wanted.contains(index) ? 1 : 0
        }
        guard llama_decode(context, batch) == 0 else {
            throw FineTuningError(.providerError, "llama_decode failed", provider: "llamacpp")
        }
    }
}

extension ChatRenderer {
    /// The prompt's tokens: its turns in the chat format training used, ending with the assistant's prefix.
    func promptTokens(_ prompt: TrainingExample) throws -> [llama_token] {
        var messages: [(role: String, content: String)] = []
        if let system = prompt.systemPrompt { messages.append(("system", system)) }
        messages += prompt.turns.map { ($0.role.rawValue, $0.text) }
        return model.tokenize(try text(messages, addAssistantPrefix: true), addSpecial: true)
    }
}
