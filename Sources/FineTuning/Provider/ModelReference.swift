/// A model string `provider/model`, split at the first `/` (`vertex_ai/gemini-2.5-flash`,
/// `model_garden/meta/llama3_1@llama-3.1-8b`, `llamacpp//abs/path/model.gguf`).
public struct ModelReference: Sendable, Hashable, CustomStringConvertible {
    public let provider: String
    public let model: String

    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    /// Parses a model string; `knownProviders` is only used to make the error helpful.
    public init(parsing text: String, knownProviders: [String] = []) throws {
        let known = knownProviders.isEmpty ? "" : " Registered providers: \(knownProviders.sorted().joined(separator: ", "))."
        guard let slash = text.firstIndex(of: "/") else {
            throw FineTuningError(
                .invalidRequest,
                "model string '\(text)' has no provider prefix: write PROVIDER/MODEL, for example openai/gpt-4o-mini-2024-07-18.\(known)",
                parameter: "model")
        }
        let provider = String(text[..<slash])
        let model = String(text[text.index(after: slash)...])
        guard !provider.isEmpty, !model.isEmpty else {
            throw FineTuningError(.invalidRequest, "model string '\(text)' needs both a provider and a model: PROVIDER/MODEL.\(known)", parameter: "model")
        }
        self.init(provider: provider, model: model)
    }

    public var description: String { "\(provider)/\(model)" }
}
