import FineTuning
import FineTuningLlamaCpp
import Foundation

/// `finetune-llama-worker eval`: answers every request of a JSON Lines file with one reused context
/// and appends one `LocalEvaluation.Result` line per example to the output file, flushed at once.
enum EvalMode {
    static let usage = "usage: finetune-llama-worker eval --model M.gguf [--adapter A.gguf] --requests REQUESTS.jsonl --output RESULTS.jsonl [--max-tokens N] [--temperature T] [--seed S]"

    static func run(model modelPath: String, adapterPath: String?, requestsPath: String, outputPath: String, options: LocalEvaluation.Options) throws {
        let decoder = JSONDecoder()
        let requests = try Data(contentsOf: URL(fileURLWithPath: requestsPath)).split(separator: 0x0A).map {
            try decoder.decode(LocalEvaluation.Request.self, from: $0)
        }
        let model = try LlamaModel(path: modelPath, writable: false)
        let renderer = ChatRenderer(model: model)
        var longest = 0
        for request in requests {
            let prompt = try renderer.promptTokens(request.prompt).count
            let reference = request.reference.map { model.tokenize($0, addSpecial: false).count + 16 } ?? 0
            longest = max(longest, prompt + max(options.maxTokens, reference))
        }
        let session = try AnswerSession(model: model, adapterPath: adapterPath, contextLength: (longest + 255) / 256 * 256)
        guard let output = FileHandle(forWritingAtPath: outputPath) else {
            throw FineTuningError(.invalidRequest, "cannot write '\(outputPath)'", provider: "llamacpp", parameter: "output")
        }
        defer { try? output.close() }
        let encoder = JSONEncoder()
        for (index, request) in requests.enumerated() {
            let started = Date()
            var sampler = options.temperature > 0 ? TokenSampler(temperature: options.temperature, seed: options.seed &+ UInt64(index)) : nil
            let answer = try session.answer(try session.renderer.promptTokens(request.prompt), maxTokens: options.maxTokens, sampler: &sampler)
            let scored = try request.reference.map { try session.referenceLoss(prompt: request.prompt, reference: $0) }
            let result = LocalEvaluation.Result(
                index: index, answer: answer.text, referenceLoss: scored?.loss, referenceTokens: scored?.tokens,
                generatedTokens: answer.tokens, decodeSeconds: Date().timeIntervalSince(started))
            try output.write(contentsOf: try encoder.encode(result) + Data([0x0A]))
        }
    }
}
