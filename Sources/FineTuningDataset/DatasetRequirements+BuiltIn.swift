/// The data rules of the built-in providers.
extension DatasetRequirements {
    /// OpenAI chat fine-tuning: at least 10 examples and a training file of at most 512 MB
    /// (https://platform.openai.com/docs/guides/fine-tuning, "Preparing your dataset" / "File size").
    public static let openAIChat = DatasetRequirements(format: .openAIChat, minExamples: 10, maxFileBytes: 512 * 1_000_000)

    /// Vertex AI Gemini supervised tuning (Gemini 2.5 Flash limits): JSONL of at most 1 GB, at most 1M
    /// text-only examples, at most 131,072 input and output tokens per example (checked here as 4 characters
    /// per token, see `TokenEstimate`). The current docs set no minimum count (they recommend starting with
    /// 100 examples); older docs required 16, so 1 is enforced here. Sources, checked 2026-11-21:
    /// https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-supervised-tuning (Limitations) and
    /// https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-supervised-tuning-prepare.
    public static let vertexGemini = DatasetRequirements(
        format: .geminiContents, minExamples: 1, maxExamples: 1_000_000,
        maxExampleCharacters: 131_072 * TokenEstimate.charactersPerToken, maxFileBytes: 1_000_000_000)

    /// Amazon Bedrock Claude 3 Haiku fine-tuning: the Bedrock Claude JSONL, at most 10,000 training
    /// examples and 32,000 tokens per example (Bedrock user guide, "Prepare data for fine-tuning
    /// Claude 3 Haiku"; checked as 4 characters per token).
    public static let bedrockClaude = DatasetRequirements(
        format: .bedrockClaude, minExamples: 32, maxExamples: 10_000, maxExampleCharacters: 32_000 * TokenEstimate.charactersPerToken)

    /// Local llama.cpp fine-tuning: OpenAI chat data, any number of examples from one.
    public static let llamaCpp = DatasetRequirements(format: .openAIChat, minExamples: 1)
}

/// The preference (DPO) data rules of the built-in providers that take `--method dpo`.
extension DatasetRequirements {
    /// OpenAI DPO: the preference JSONL, with the same count and file-size limits as chat data
    /// (https://platform.openai.com/docs/guides/direct-preference-optimization).
    public static let openAIPreference = DatasetRequirements(format: .openAIPreference, minExamples: 10, maxFileBytes: 512 * 1_000_000)

    /// Vertex AI Gemini preference tuning: JSONL of at most 1 GB, at most 10M text-only examples, at most
    /// 131,072 input and output tokens per example (checked as 4 characters per token). Source, checked
    /// 2026-11-30: https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-preference-tuning (Limitations).
    public static let vertexGeminiPreference = DatasetRequirements(
        format: .geminiPreference, minExamples: 1, maxExamples: 10_000_000,
        maxExampleCharacters: 131_072 * TokenEstimate.charactersPerToken, maxFileBytes: 1_000_000_000)
}
