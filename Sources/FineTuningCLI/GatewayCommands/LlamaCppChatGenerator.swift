import FineTuning
import FineTuningGateway
import FineTuningLlamaCpp

/// Serves the gateway's chat completions for tuned `llamacpp` models: the last user message is
/// answered greedily by the tuned GGUF through the training worker's generate mode.
struct LlamaCppChatGenerator: TunedModelGenerator {
    let environment: [String: String]

    func serves(provider: String) -> Bool { provider == LlamaCppProvider.descriptor.id }

    func generate(model: TunedModel, messages: [ChatMessage], maxTokens: Int) throws -> String {
        guard let path = model.name else {
            throw FineTuningError(.notFound, "the tuned model has no GGUF file", parameter: "model")
        }
        guard let prompt = messages.last(where: { $0.role == "user" })?.content else {
            throw FineTuningError(.invalidRequest, "messages hold no user message to answer", parameter: "messages")
        }
        let generator = try LlamaCppGenerator(environment: environment)
        // The gateway calls this on its own thread pool, never on the cooperative one.
        return try BlockingBridge.wait { try await generator.generate(modelPath: path, prompt: prompt, maxTokens: maxTokens) }
    }
}
