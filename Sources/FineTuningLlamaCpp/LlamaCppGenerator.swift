import FineTuning
import Foundation

/// Greedy generation with a local GGUF model (and optionally a LoRA adapter), through the worker's
/// `generate` mode: the prompt becomes one user turn in the same chat format training used.
public struct LlamaCppGenerator: Sendable {
    let worker: TrainingWorker

    /// Fails with a `configuration` error naming the set-up command when llama.cpp is not installed.
    public init(environment: [String: String]) throws {
        worker = try TrainingWorker.locate(environment: environment)
    }

    public func generate(modelPath: String, adapterPath: String? = nil, prompt: String, maxTokens: Int = 64) async throws -> String {
        try await BlockingBridge.onDedicatedThread { _ = try GGUFFile(path: modelPath) }
        var arguments = ["generate", "--model", modelPath, "--prompt", prompt, "--max-tokens", String(maxTokens)]
        if let adapterPath { arguments += ["--adapter", adapterPath] }
        var text = try await worker.run(arguments: arguments)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
