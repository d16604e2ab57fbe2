public import FineTuning

/// One evaluation item: the conversation up to the last assistant turn is the prompt, that turn's
/// text is the reference answer.
public struct EvalExample: Sendable, Hashable, Codable {
    /// The data file line the example came from.
    public var line: Int
    public var prompt: TrainingExample
    public var reference: String

    public init(line: Int, prompt: TrainingExample, reference: String) {
        self.line = line
        self.prompt = prompt
        self.reference = reference
    }

    /// The prompt's last user message (what a side-by-side view shows).
    public var question: String {
        prompt.turns.last { $0.role == .user }?.text ?? prompt.turns.last?.text ?? ""
    }

    /// The examples of a data file of any supported format, at most `limit`; an example without an
    /// assistant turn is an `invalid_data` error naming the file and line.
    public static func load(path: String, limit: Int? = nil) throws -> [EvalExample] {
        var examples: [EvalExample] = []
        for entry in try DatasetReader.examples(path: path, parameter: "data") {
            if let limit, examples.count >= limit { break }
            guard let last = entry.example.turns.lastIndex(where: { $0.role == .assistant }) else {
                throw FineTuningError(
                    .invalidData, "the example has no assistant turn to use as the reference answer",
                    parameter: "data", location: DataLocation(file: path, line: entry.line, field: "messages"))
            }
            var prompt = entry.example
            prompt.turns = Array(prompt.turns[..<last])
            examples.append(EvalExample(line: entry.line, prompt: prompt, reference: entry.example.turns[last].text))
        }
        guard !examples.isEmpty else {
            throw FineTuningError(.invalidData, "'\(path)' has no examples to evaluate", parameter: "data", location: DataLocation(file: path))
        }
        return examples
    }
}
