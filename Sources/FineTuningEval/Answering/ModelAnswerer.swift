import FineTuning

/// A model's answer to one example.
public struct ModelAnswer: Sendable, Hashable, Codable {
    public var text: String
    /// Mean negative log-likelihood per token of the reference answer (models that can score it).
    public var referenceLoss: Double?
    /// Tokens generated, when the backend reports them.
    public var generatedTokens: Int?
    /// Time the backend spent producing this answer (decoding for local models, the request otherwise).
    public var seconds: Double

    public init(text: String, referenceLoss: Double? = nil, generatedTokens: Int? = nil, seconds: Double) {
        self.text = text
        self.referenceLoss = referenceLoss
        self.generatedTokens = generatedTokens
        self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case text, referenceLoss = "reference_loss", generatedTokens = "generated_tokens", seconds
    }
}

/// How answers are generated: greedy when `temperature` is 0.
public struct GenerationOptions: Sendable, Hashable {
    public var maxTokens: Int
    public var temperature: Double
    public var seed: UInt64

    public init(maxTokens: Int = 64, temperature: Double = 0, seed: UInt64 = 42) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.seed = seed
    }
}

/// A model that answers evaluation prompts through its provider's inference API.
public protocol ModelAnswerer: Sendable {
    /// How the model is shown in tables and reports.
    var label: String { get }
    /// Answers every example in order; `progress` gets the number answered so far.
    func answers(_ examples: [EvalExample], options: GenerationOptions, scoreReferences: Bool, progress: @escaping @Sendable (Int) -> Void) async throws -> [ModelAnswer]
}

extension TrainingExample {
    /// The prompt as OpenAI-style chat messages (`[{"role": ..., "content": ...}]`).
    var chatMessages: JSONValue {
        var messages: [JSONValue] = []
        if let systemPrompt { messages.append(["role": "system", "content": .string(systemPrompt)]) }
        for turn in turns { messages.append(["role": .string(turn.role.rawValue), "content": .string(turn.text)]) }
        return .array(messages)
    }
}
