/// The training-data formats the toolkit reads, writes and converts between.
public enum DatasetFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// OpenAI chat JSONL: `{"messages":[{"role","content"}...]}` with optional `weight` and `tools`.
    case openAIChat = "openai_chat"
    /// Gemini JSONL: `{"contents":[{"role","parts":[{"text"}]}], "systemInstruction":{...}}`.
    case geminiContents = "gemini"
    /// `{"prompt": "...", "completion": "..."}` JSONL.
    case promptCompletion = "prompt_completion"
    /// CSV with a `prompt,completion` header (RFC 4180).
    case csv
    /// Conversation exports: one message per record with role, content, session_id and `related_message`,
    /// either the answer itself embedded (`{"content", "role"}`, the seed service's export) or the id of the
    /// message it replies to.
    case conversationExport = "conversation_export"
    /// Amazon Bedrock Claude 3 JSONL: `{"system"?: "...", "messages": [{"role": "user"|"assistant", "content": "..."}]}`.
    case bedrockClaude = "bedrock_claude"
    /// OpenAI preference (DPO) JSONL: `{"input": {"messages": [...], "tools"?, "parallel_tool_calls"?},
    /// "preferred_output": [assistant message], "non_preferred_output": [assistant message]}`.
    case openAIPreference = "openai_preference"
    /// Vertex AI Gemini preference JSONL: `{"systemInstruction"?, "contents": [... ending with a user turn],
    /// "completions": [{"score": 1, "completion": {model turn}}, {"score": 0, "completion": {...}}]}`.
    case geminiPreference = "gemini_preference"

    /// Whether each example is a prompt with a preferred and a non-preferred answer.
    public var isPreference: Bool { self == .openAIPreference || self == .geminiPreference }

    /// What the format calls the answering role.
    var assistantRoleName: String { self == .geminiContents || self == .geminiPreference ? "model" : "assistant" }
}
