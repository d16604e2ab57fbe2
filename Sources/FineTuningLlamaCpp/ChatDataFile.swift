import FineTuning
import Foundation

/// Reads OpenAI chat JSONL (`{"messages":[{"role":..,"content":..}]}`) into the toolkit's
/// `TrainingExample`, keeping each example's line for error messages. Only what training needs is
/// read: text content (a string or text parts) of system, user and assistant messages.
public enum ChatDataFile {
    /// One example and the 1-based line it came from.
    public struct Entry: Sendable, Hashable {
        public var line: Int
        public var example: TrainingExample
    }

    /// Every example of `path`; the first problem is an `invalidData` error naming file, line and field.
    public static func read(path: String) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FineTuningError(.invalidData, "training file '\(path)' does not exist or cannot be read", provider: "llamacpp", location: DataLocation(file: path))
        }
        var entries: [Entry] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            entries.append(Entry(line: index + 1, example: try example(text, location: DataLocation(file: path, line: index + 1))))
        }
        guard !entries.isEmpty else {
            throw FineTuningError(.invalidData, "training file '\(path)' holds no examples", provider: "llamacpp", location: DataLocation(file: path))
        }
        return entries
    }

    static func example(_ text: String, location: DataLocation) throws -> TrainingExample {
        func problem(_ field: String?, _ message: String) -> FineTuningError {
            var location = location
            location.field = field
            return FineTuningError(.invalidData, message, provider: "llamacpp", location: location)
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: text)
        } catch {
            throw problem(nil, "not a JSON object: \(error)")
        }
        guard let messages = value["messages"]?.arrayValue, !messages.isEmpty else {
            throw problem("messages", "an OpenAI chat example needs a non-empty 'messages' array")
        }
        var example = TrainingExample(turns: [])
        for (index, message) in messages.enumerated() {
            let field = "messages[\(index)]"
            guard let roleName = message["role"]?.stringValue, let role = TrainingExample.Role(rawValue: roleName), role != .tool else {
                throw problem(field + ".role", "role must be system, user or assistant")
            }
            let content: String
            if let string = message["content"]?.stringValue {
                content = string
            } else if let parts = message["content"]?.arrayValue {
                content = parts.compactMap { $0["text"]?.stringValue }.joined()
            } else {
                throw problem(field + ".content", "content must be a string or a list of text parts")
            }
            if role == .system, index == 0 {
                example.systemPrompt = content
            } else if role == .system {
                throw problem(field + ".role", "a system message may only come first")
            } else {
                example.turns.append(TrainingExample.Turn(role: role, text: content, weight: message["weight"]?.doubleValue))
            }
        }
        guard example.turns.contains(where: { $0.role == .assistant && $0.weight != 0 }) else {
            throw problem("messages", "the example has no assistant message to learn")
        }
        return example
    }
}
