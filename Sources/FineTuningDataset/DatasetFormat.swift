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
    /// Conversation exports: one message per JSONL line with role, content, session_id and
    /// `related_message` (the id of the message it replies to).
    case conversationExport = "conversation_export"
}
