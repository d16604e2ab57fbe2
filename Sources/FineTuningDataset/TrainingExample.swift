public import FineTuningBase
/// One training example in the toolkit's normalized form, the pivot of every conversion: an optional
/// system prompt, the conversation turns in order, and the pass-through pieces some formats carry.
public struct TrainingExample: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case system, user, assistant, tool
    }

    public struct Turn: Sendable, Hashable, Codable {
        public var role: Role
        public var text: String
        /// OpenAI's per-message `weight` (0 or 1) on assistant turns; nil when absent.
        public var weight: Double?
        /// OpenAI `tool_calls` of an assistant turn, kept as JSON.
        public var toolCalls: JSONValue?
        /// OpenAI `tool_call_id` of a tool turn.
        public var toolCallID: String?

        public init(role: Role, text: String, weight: Double? = nil, toolCalls: JSONValue? = nil, toolCallID: String? = nil) {
            self.role = role
            self.text = text
            self.weight = weight
            self.toolCalls = toolCalls
            self.toolCallID = toolCallID
        }

        enum CodingKeys: String, CodingKey {
            case role, text, weight, toolCalls = "tool_calls", toolCallID = "tool_call_id"
        }
    }

    public var systemPrompt: String?
    /// User, assistant and tool turns (the system prompt is kept apart).
    public var turns: [Turn]
    /// OpenAI `tools` definitions, kept as JSON.
    public var tools: JSONValue?

    public init(systemPrompt: String? = nil, turns: [Turn], tools: JSONValue? = nil) {
        self.systemPrompt = systemPrompt
        self.turns = turns
        self.tools = tools
    }

    enum CodingKeys: String, CodingKey {
        case systemPrompt = "system_prompt", turns, tools
    }

    /// Whether the example uses tool definitions, tool calls or tool turns.
    var usesTools: Bool {
        tools != nil || turns.contains { $0.role == .tool || $0.toolCalls != nil }
    }
}
