import FineTuning
public import FineTuningHTTP
import FineTuningVertex
import Foundation

/// Answers through Vertex AI's `generateContent` on a Gemini model, a tuned model's endpoint or
/// another resource name.
public struct GenerateContentAnswerer: ModelAnswerer {
    public let label: String
    let model: String
    let inference: VertexInference

    public init(model: String, environment: [String: String], transport: any HTTPTransport, label: String? = nil) throws {
        self.model = model
        self.label = label ?? "vertex_ai/\(model)"
        inference = try VertexInference(environment: environment, transport: transport)
    }

    public func answers(_ examples: [EvalExample], options: GenerationOptions, scoreReferences: Bool, progress: @escaping @Sendable (Int) -> Void) async throws -> [ModelAnswer] {
        var answers: [ModelAnswer] = []
        for example in examples {
            var configuration: [String: JSONValue] = ["maxOutputTokens": .integer(Int64(options.maxTokens)), "temperature": .number(options.temperature)]
            if options.temperature > 0 { configuration["seed"] = .integer(Int64(Int32(truncatingIfNeeded: options.seed))) }
            var body: [String: JSONValue] = ["contents": Self.contents(example.prompt), "generationConfig": .object(configuration)]
            if let system = example.prompt.systemPrompt { body["systemInstruction"] = ["parts": [["text": .string(system)]]] }
            let started = ContinuousClock.now
            let response = try await inference.generateContent(model: model, body: .object(body))
            answers.append(ModelAnswer(
                text: try Self.text(of: response, model: model),
                generatedTokens: response["usageMetadata"]?["candidatesTokenCount"]?.int64Value.map(Int.init),
                seconds: (ContinuousClock.now - started).inSeconds))
            progress(answers.count)
        }
        return answers
    }

    /// Gemini `contents`: user turns as `user`, assistant turns as `model`.
    static func contents(_ prompt: TrainingExample) -> JSONValue {
        .array(prompt.turns.map { turn in
            ["role": turn.role == .assistant ? "model" : "user", "parts": [["text": .string(turn.text)]]]
        })
    }

    /// The text parts of `candidates[0].content`; a blocked prompt or a candidate without text is an error naming the reason.
    static func text(of response: JSONValue, model: String) throws -> String {
        guard let candidate = response["candidates"]?.arrayValue?.first else {
            let reason = response["promptFeedback"]?["blockReason"]?.stringValue.map { " (prompt blocked: \($0))" } ?? ""
            throw FineTuningError(.transport, "the generateContent answer of '\(model)' has no candidates\(reason)", parameter: "model")
        }
        let parts = candidate["content"]?["parts"]?.arrayValue ?? []
        let texts = parts.compactMap { $0["text"]?.stringValue }
        guard !texts.isEmpty else {
            let reason = candidate["finishReason"]?.stringValue ?? "no reason given"
            throw FineTuningError(.transport, "the generateContent answer of '\(model)' has no text (finishReason \(reason))", parameter: "model")
        }
        return texts.joined()
    }
}
