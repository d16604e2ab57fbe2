public import FineTuningBase

/// One training example in the toolkit's normalized form, the pivot of every conversion: an optional
/// system prompt, the conversation turns in order, and the pass-through pieces some formats carry.
/// A preference example's preferred output is its last turn; the non-preferred one is kept apart.
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
    /// OpenAI preference data's `parallel_tool_calls`; nil when absent.
    public var parallelToolCalls: Bool?
    /// The rejected answer of a preference pair (the preferred one is the last turn); nil for
    /// supervised examples.
    public var nonPreferredOutput: Turn?

    public init(
        systemPrompt: String? = nil, turns: [Turn], tools: JSONValue? = nil, parallelToolCalls: Bool? = nil, nonPreferredOutput: Turn? = nil
    ) {
        self.systemPrompt = systemPrompt
        self.turns = turns
        self.tools = tools
        self.parallelToolCalls = parallelToolCalls
        self.nonPreferredOutput = nonPreferredOutput
    }

    enum CodingKeys: String, CodingKey {
        case systemPrompt = "system_prompt", turns, tools, parallelToolCalls = "parallel_tool_calls"
        case nonPreferredOutput = "non_preferred_output"
    }

    /// Whether the example is a preference pair.
    public var isPreferencePair: Bool { nonPreferredOutput != nil }

    /// Whether the example uses tool definitions (an empty `tools` array defines none), tool calls or tool turns.
    var usesTools: Bool {
        tools?.arrayValue?.isEmpty == false || turns.contains { $0.role == .tool || $0.toolCalls != nil } || nonPreferredOutput?.toolCalls != nil
    }
}
