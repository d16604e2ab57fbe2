import CLlama
import FineTuning
import Foundation

/// Greedy generation for `finetune try` and the tests: the prompt is rendered as one user turn with
/// the same chat template training used, optionally with a LoRA adapter applied.
struct Generator {
    let model: LlamaModel

    func generate(prompt: String, adapterPath: String?, maxTokens: Int) throws -> String {
        let renderer = ChatRenderer(model: model)
        var tokens = model.tokenize(try renderer.text([("user", prompt)], addAssistantPrefix: true), addSpecial: true)
        var parameters = llama_context_default_params()
        parameters.n_ctx = UInt32(max(256, tokens.count + maxTokens))
        parameters.n_batch = parameters.n_ctx
        parameters.no_perf = true
        guard let context = llama_init_from_model(model.pointer, parameters) else {
            throw FineTuningError(.providerError, "llama.cpp could not create a context for '\(model.path)'", provider: "llamacpp")
        }
        defer { llama_free(context) }
        var adapter: OpaquePointer?
        if let adapterPath {
            guard let loaded = llama_adapter_lora_init(model.pointer, adapterPath) else {
                throw FineTuningError(.invalidRequest, "llama.cpp could not load the LoRA adapter '\(adapterPath)'", provider: "llamacpp", parameter: "adapter")
            }
            adapter = loaded
            var adapters: [OpaquePointer?] = [loaded]
            var scales: [Float] = [1]
            _ = llama_set_adapters_lora(context, &adapters, 1, &scales)
        }
        defer { if let adapter { llama_adapter_lora_free(adapter) } }

        var output: [UInt8] = []
        for _ in 0..<maxTokens {
            guard llama_decode(context, llama_batch_get_one(&tokens, Int32(tokens.count))) == 0 else {
                throw FineTuningError(.providerError, "llama_decode failed during generation", provider: "llamacpp")
            }
            let logits = llama_get_logits_ith(context, -1)!
            var best: llama_token = 0
            for token in 1..<Int32(model.vocabularySize) where logits[Int(token)] > logits[Int(best)] { best = token }
            if model.isEndOfGeneration(best) { break }
            output += model.piece(best)
            tokens = [best]
        }
        return String(decoding: output, as: UTF8.self)
    }
}
