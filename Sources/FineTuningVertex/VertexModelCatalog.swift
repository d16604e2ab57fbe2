import FineTuning

/// Which base models each Vertex flavor tunes, and the models Vertex cannot tune at all (with
/// where they can be tuned instead). A model string is checked here before any request is sent.
enum VertexModelCatalog {
    /// The model families the two flavors serve.
    enum Family: Sendable, Hashable {
        case gemini
        case openModels
    }

    /// Gemini models with supervised tuning on `/v1/.../tuningJobs`; versioned ids
    /// (`gemini-2.0-flash-001`) and previews of these are accepted too.
    static let geminiModels = ["gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.0-flash", "gemini-2.0-flash-lite"]

    /// Open models Vertex lists for tuning on `/v1beta1/.../tuningJobs`. No Mistral model is listed.
    static let openModels = [
        "google/gemma-3-27b-it",
        "meta/llama3_1@llama-3.1-8b", "meta/llama3_1@llama-3.1-8b-instruct",
        "meta/llama3-2@llama-3.2-1b-instruct", "meta/llama3-2@llama-3.2-3b-instruct",
        "meta/llama3-3@llama-3.3-70b-instruct",
        "meta/llama4@llama-4-scout-17b-16e-instruct",
        "qwen/qwen3@qwen3-32b",
    ]

    /// A family of models Vertex serves but cannot tune, and where to tune it instead.
    struct Elsewhere: Sendable {
        let matches: @Sendable (String) -> Bool
        let explanation: String
    }

    static let notTunable: [Elsewhere] = [
        Elsewhere(
            matches: { nameWords($0).contains { $0.hasPrefix("claude") } },
            explanation: "Anthropic's Claude models cannot be fine-tuned on Vertex AI. Claude 3 Haiku is fine-tuned on Amazon Bedrock: use --model bedrock/anthropic.claude-3-haiku-20240307-v1:0:200k (with --option role_arn=... and --option output_uri=s3://...)."),
        Elsewhere(
            matches: { nameWords($0).contains { word in ["mistral", "mixtral", "codestral", "ministral", "pixtral"].contains { word.hasPrefix($0) } } },
            explanation: "Vertex AI does not list any Mistral model for tuning (Mistral models on Vertex are served only). Fine-tune Mistral models with Mistral's own fine-tuning API (/v1/fine_tuning/jobs), or pick an open model Vertex tunes: \(openModels.joined(separator: ", "))."),
    ]

    /// Throws before any request when `model` cannot be tuned by `provider`'s `family`.
    static func check(_ model: String, family: Family, provider: String) throws {
        if let elsewhere = notTunable.first(where: { $0.matches(model) }) {
            throw FineTuningError(.unsupported, "model '\(model)' cannot be tuned by provider '\(provider)': \(elsewhere.explanation)", provider: provider, parameter: "model")
        }
        switch family {
        case .gemini where isOpenModel(model):
            throw FineTuningError(
                .unsupported,
                "model '\(model)' is an open model: tune it with model_garden/\(model) (Vertex AI v1beta1 open-model tuning); vertex_ai tunes Gemini models (\(geminiModels.joined(separator: ", ")) and their versioned ids)",
                provider: provider, parameter: "model")
        case .openModels where isGemini(model):
            throw FineTuningError(
                .unsupported, "model '\(model)' is a Gemini model: tune it with vertex_ai/\(model)", provider: provider, parameter: "model")
        default:
            return
        }
    }

    /// A tuned model resource (`projects/P/locations/L/models/M`), which Gemini tuning continues from.
    static func isTunedModel(_ model: String) -> Bool {
        let parts = model.split(separator: "/")
        return parts.count >= 6 && parts[0] == "projects" && parts[2] == "locations" && parts[4] == "models"
    }

    static func isGemini(_ model: String) -> Bool {
        model.hasPrefix("gemini-") || model.hasPrefix("publishers/google/models/gemini-")
    }

    /// Open-model ids name their publisher: `meta/llama3_1@llama-3.1-8b`.
    static func isOpenModel(_ model: String) -> Bool {
        openModels.contains(model) || (model.contains("/") && !isTunedModel(model) && !isGemini(model))
    }

    /// The words of a model name, lowercased, split at `/`, `@` and `.`: `publishers/anthropic/models/claude-3-haiku`.
    private static func nameWords(_ model: String) -> [String] {
        model.lowercased().split(whereSeparator: { "/@.:".contains($0) }).map(String.init)
    }
}
