public import FineTuning

/// Runs a tuned model for `/v1/chat/completions`. The gateway knows no backend: whoever starts it
/// (the `finetune serve` command) passes the generators of the backends that can serve locally.
public protocol TunedModelGenerator: Sendable {
    /// True when this generator runs the tuned models of `provider`'s jobs.
    func serves(provider: String) -> Bool
    /// The assistant's reply to `messages`. Blocking: the gateway calls it off the cooperative pool.
    func generate(model: TunedModel, messages: [ChatMessage], maxTokens: Int) throws -> String
}

/// One chat turn as OpenAI's API sends it.
public struct ChatMessage: Sendable, Hashable, Codable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
