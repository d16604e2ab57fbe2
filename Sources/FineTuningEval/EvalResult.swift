public import FineTuning

/// Everything one evaluation produced: per-model means with 95% bootstrap intervals, every
/// example's answers and scores, and where the time went. Encoded as `finetune eval --json`.
public struct EvalResult: Sendable, Codable {
    /// One model's summary.
    public struct ModelSummary: Sendable, Codable {
        public var model: String
        /// Per metric (in `metrics` order); a metric that did not apply to the model has count 0.
        public var metrics: [String: BootstrapInterval]
        /// Seconds the backend spent answering (decoding, or the requests).
        public var answerSeconds: Double
        public var generatedTokens: Int?
        public var lossCurve: LossCurve?

        enum CodingKeys: String, CodingKey {
            case model, metrics, answerSeconds = "answer_seconds", generatedTokens = "generated_tokens", lossCurve = "loss_curve"
        }
    }

    /// One model's answer to one example and its scores.
    public struct ScoredAnswer: Sendable, Codable {
        public var model: String
        public var answer: ModelAnswer
        public var scores: [String: Double]
    }

    /// One example with every model's answer: the per-example JSONL line.
    public struct ExampleRecord: Sendable, Codable {
        public var line: Int
        public var prompt: TrainingExample
        public var reference: String
        public var answers: [ScoredAnswer]
    }

    public var data: String
    public var metrics: [String]
    public var models: [ModelSummary]
    public var examples: [ExampleRecord]
    /// Wall-clock seconds of the whole evaluation, and the share of it not spent answering.
    public var totalSeconds: Double
    public var harnessSeconds: Double

    enum CodingKeys: String, CodingKey {
        case data, metrics, models, examples, totalSeconds = "total_seconds", harnessSeconds = "harness_seconds"
    }
}
