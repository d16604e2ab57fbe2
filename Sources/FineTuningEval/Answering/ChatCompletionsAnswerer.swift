import FineTuning
public import FineTuningHTTP
import FineTuningOpenAI
import Foundation

/// Answers through OpenAI-style chat completions: OpenAI, Azure OpenAI (the model is the
/// deployment) and any compatible server, our own `finetune serve` included.
public struct ChatCompletionsAnswerer: ModelAnswerer {
    public let label: String
    let model: String
    let inference: OpenAIInference

    public init(provider: String, model: String, environment: [String: String], transport: any HTTPTransport, label: String? = nil) throws {
        self.model = model
        self.label = label ?? "\(provider)/\(model)"
        inference = try OpenAIInference(provider: provider, environment: environment, transport: transport)
    }

    public func answers(_ examples: [EvalExample], options: GenerationOptions, scoreReferences: Bool, progress: @escaping @Sendable (Int) -> Void) async throws -> [ModelAnswer] {
        var answers: [ModelAnswer] = []
        for example in examples {
            var body: [String: JSONValue] = [
                "model": .string(model), "messages": example.prompt.chatMessages,
                "max_tokens": .integer(Int64(options.maxTokens)), "temperature": .number(options.temperature),
            ]
            if options.temperature > 0 { body["seed"] = .integer(Int64(truncatingIfNeeded: options.seed)) }
            let started = ContinuousClock.now
            let response = try await inference.chatCompletion(model: model, body: .object(body))
            answers.append(ModelAnswer(
                text: try Self.text(of: response, model: model),
                generatedTokens: response["usage"]?["completion_tokens"]?.int64Value.map(Int.init),
                seconds: (ContinuousClock.now - started).inSeconds))
            progress(answers.count)
        }
        return answers
    }

    /// `choices[0].message.content`; a refusal or a missing content is an error that says which.
    static func text(of response: JSONValue, model: String) throws -> String {
        guard let message = response["choices"]?.arrayValue?.first?["message"] else {
            throw FineTuningError(.transport, "the chat completion for '\(model)' has no choices[0].message: \(response.jsonText.prefix(200))", parameter: "model")
        }
        if let content = message["content"]?.stringValue { return content }
        if let refusal = message["refusal"]?.stringValue { return refusal }
        throw FineTuningError(.transport, "the chat completion for '\(model)' has no text content in choices[0].message", parameter: "model")
    }
}
