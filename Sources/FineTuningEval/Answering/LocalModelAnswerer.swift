import FineTuning
import FineTuningLlamaCpp
import Foundation

/// Answers with a local GGUF model (and optionally a LoRA adapter) in the llama.cpp worker, which
/// also scores the reference answer for the loss metrics.
public struct LocalModelAnswerer: ModelAnswerer {
    public let label: String
    let modelPath: String
    let adapterPath: String?
    let environment: [String: String]

    public init(modelPath: String, adapterPath: String? = nil, environment: [String: String], label: String? = nil) {
        self.modelPath = modelPath
        self.adapterPath = adapterPath
        self.environment = environment
        self.label = label ?? "llamacpp/\(modelPath)"
    }

    public func answers(_ examples: [EvalExample], options: GenerationOptions, scoreReferences: Bool, progress: @escaping @Sendable (Int) -> Void) async throws -> [ModelAnswer] {
        let requests = examples.map { LocalEvaluation.Request(prompt: $0.prompt, reference: scoreReferences ? $0.reference : nil) }
        let results = try await LocalEvaluation.run(
            requests: requests, modelPath: modelPath, adapterPath: adapterPath,
            options: LocalEvaluation.Options(maxTokens: options.maxTokens, temperature: options.temperature, seed: options.seed),
            environment: environment, progress: progress)
        return results.map {
            ModelAnswer(text: $0.answer, referenceLoss: $0.referenceLoss, generatedTokens: $0.generatedTokens, seconds: $0.decodeSeconds)
        }
    }
}
