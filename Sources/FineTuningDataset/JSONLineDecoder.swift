/// Reads one example of a JSON Lines format from a parsed line. Type and structure problems are appended
/// to `problems`; the outline is only used when none were found.
protocol JSONLineDecoder {
    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline
}

extension DatasetFormat {
    /// The decoder of a one-example-per-line JSON format, nil for CSV and conversation exports.
    var lineDecoder: (any JSONLineDecoder.Type)? {
        switch self {
        case .openAIChat: OpenAIChatLineDecoder.self
        case .geminiContents: GeminiLineDecoder.self
        case .promptCompletion: PromptCompletionLineDecoder.self
        case .bedrockClaude: BedrockClaudeLineDecoder.self
        case .openAIPreference: OpenAIPreferenceLineDecoder.self
        case .geminiPreference: GeminiPreferenceLineDecoder.self
        case .csv, .conversationExport: nil
        }
    }
}
