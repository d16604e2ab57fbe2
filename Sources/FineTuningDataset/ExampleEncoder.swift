import FineTuningBase
import Foundation

/// Writes normalized examples in one format. An example the format cannot hold (tools in CSV, a system
/// prompt in prompt/completion, several turns in a single-pair format) is refused with the reason, never
/// silently cut down.
struct ExampleEncoder {
    struct Unrepresentable: Error {
        var reason: String
    }

    let format: DatasetFormat
    let output: OutputFile
    private var written = 0

    init(format: DatasetFormat, output: OutputFile) throws {
        self.format = format
        self.output = output
        if format == .csv { try output.write("prompt,completion\n") }
    }

    /// Writes `example`, or throws `Unrepresentable` (and writes nothing).
    mutating func write(_ example: TrainingExample) throws {
        if example.isPreferencePair, !format.isPreference {
            throw Unrepresentable(reason: "a preference pair (preferred and non-preferred answer) has no place in \(format.rawValue) data")
        }
        switch format {
        case .openAIChat: try output.write(Self.openAIChat(example).jsonText + "\n")
        case .geminiContents: try output.write(Self.gemini(example).jsonText + "\n")
        case .promptCompletion:
            let (prompt, completion) = try Self.singlePair(example)
            try output.write(JSONValue.object(["prompt": .string(prompt), "completion": .string(completion)]).jsonText + "\n")
        case .csv:
            let (prompt, completion) = try Self.singlePair(example)
            try output.write(Self.csvField(prompt) + "," + Self.csvField(completion) + "\n")
        case .conversationExport:
            try output.write(Self.conversation(example, session: "example-\(written + 1)"))
        case .bedrockClaude: try output.write(Self.bedrockClaude(example).jsonText + "\n")
        case .openAIPreference: try output.write(Self.openAIPreference(example).jsonText + "\n")
        case .geminiPreference: try output.write(Self.geminiPreference(example).jsonText + "\n")
        }
        written += 1
    }

    /// Puts the output file in place; until then the target is untouched.
    func finish() throws { try output.commit() }

    static func openAIChat(_ example: TrainingExample) -> JSONValue {
        var messages: [JSONValue] = []
        if let system = example.systemPrompt { messages.append(["role": "system", "content": .string(system)]) }
        messages += example.turns.map(openAIMessage)
        var object: [String: JSONValue] = ["messages": .array(messages)]
        if let tools = example.tools { object["tools"] = tools }
        return .object(object)
    }

    /// One OpenAI chat message.
    static func openAIMessage(_ turn: TrainingExample.Turn) -> JSONValue {
        var message: [String: JSONValue] = ["role": .string(turn.role.rawValue), "content": .string(turn.text)]
        if let weight = turn.weight { message["weight"] = Int64(exactly: weight).map(JSONValue.integer) ?? .number(weight) }
        if let calls = turn.toolCalls {
            message["tool_calls"] = calls
            if turn.text.isEmpty { message["content"] = .null }
        }
        if let callID = turn.toolCallID { message["tool_call_id"] = .string(callID) }
        return .object(message)
    }

    /// OpenAI's preference shape: the prompt under `input`, each answer as a one-message array.
    static func openAIPreference(_ example: TrainingExample) throws -> JSONValue {
        let (prompt, preferred, nonPreferred) = try preferencePair(example)
        var input: [String: JSONValue] = ["messages": openAIChat(prompt)["messages"] ?? []]
        if let tools = example.tools { input["tools"] = tools }
        if let parallel = example.parallelToolCalls { input["parallel_tool_calls"] = .bool(parallel) }
        return [
            "input": .object(input),
            "preferred_output": [openAIMessage(preferred)],
            "non_preferred_output": [openAIMessage(nonPreferred)],
        ]
    }

    /// Vertex's Gemini preference shape: the prompt as supervised Gemini data plus scored `completions`
    /// (1 preferred, 0 dispreferred). `parallel_tool_calls` has no meaning without tools, which Gemini
    /// preference data cannot hold, so it is not carried.
    static func geminiPreference(_ example: TrainingExample) throws -> JSONValue {
        let (prompt, preferred, nonPreferred) = try preferencePair(example)
        var object = try geminiMembers(prompt)
        if preferred.weight == 0 || nonPreferred.weight == 0 { throw Unrepresentable(reason: "an answer with weight 0 has no Gemini equivalent") }
        object["completions"] = [
            ["score": 1, "completion": geminiContent(preferred)],
            ["score": 0, "completion": geminiContent(nonPreferred)],
        ]
        return .object(object)
    }

    /// The prompt (every turn but the last), the preferred answer (the last turn) and the non-preferred one.
    static func preferencePair(_ example: TrainingExample) throws -> (TrainingExample, TrainingExample.Turn, TrainingExample.Turn) {
        guard let nonPreferred = example.nonPreferredOutput, let preferred = example.turns.last, preferred.role == .assistant else {
            throw Unrepresentable(reason: "preference data needs a preferred and a non-preferred answer; this example has one answer only")
        }
        var prompt = example
        prompt.turns.removeLast()
        prompt.nonPreferredOutput = nil
        return (prompt, preferred, nonPreferred)
    }

    /// Bedrock's Claude shape: the system prompt at the top, plain user / assistant messages.
    static func bedrockClaude(_ example: TrainingExample) throws -> JSONValue {
        if example.usesTools { throw Unrepresentable(reason: "Bedrock's Claude fine-tuning format has no tools or tool calls") }
        var object: [String: JSONValue] = [
            "messages": .array(example.turns.map { ["role": .string($0.role.rawValue), "content": .string($0.text)] }),
        ]
        if let system = example.systemPrompt { object["system"] = .string(system) }
        return .object(object)
    }

    static func gemini(_ example: TrainingExample) throws -> JSONValue {
        .object(try geminiMembers(example))
    }

    /// The members of a supervised Gemini example: `contents` and the optional `systemInstruction`.
    static func geminiMembers(_ example: TrainingExample) throws -> [String: JSONValue] {
        if example.usesTools { throw Unrepresentable(reason: "tool definitions and tool calls have no Gemini text equivalent here") }
        if example.turns.contains(where: { $0.weight == 0 }) {
            throw Unrepresentable(reason: "a turn with weight 0 (not trained on) has no Gemini equivalent")
        }
        var object: [String: JSONValue] = ["contents": .array(example.turns.map(geminiContent))]
        if let system = example.systemPrompt { object["systemInstruction"] = ["parts": [["text": .string(system)]]] }
        return object
    }

    /// One Gemini `Content` with a text part.
    static func geminiContent(_ turn: TrainingExample.Turn) -> JSONValue {
        ["role": turn.role == .assistant ? "model" : "user", "parts": [["text": .string(turn.text)]]]
    }

    static func singlePair(_ example: TrainingExample) throws -> (String, String) {
        guard example.systemPrompt == nil else { throw Unrepresentable(reason: "a system prompt has no place in prompt/completion data") }
        guard example.turns.count == 2, example.turns[0].role == .user, example.turns[1].role == .assistant, !example.usesTools else {
            throw Unrepresentable(reason: "only one user turn followed by one assistant turn fits prompt/completion data")
        }
        if example.turns[1].weight == 0 { throw Unrepresentable(reason: "a completion with weight 0 has no prompt/completion equivalent") }
        return (example.turns[0].text, example.turns[1].text)
    }

    /// One message per line; each assistant turn answers the user turn before it.
    static func conversation(_ example: TrainingExample, session: String) throws -> String {
        if example.usesTools { throw Unrepresentable(reason: "tool calls have no place in a conversation export") }
        var lines = ""
        var previousID: String?
        var index = 0
        func add(_ role: String, _ text: String) {
            index += 1
            let id = "\(session)-\(index)"
            var message: [String: JSONValue] = ["id": .string(id), "session_id": .string(session), "role": .string(role), "content": .string(text)]
            message["related_message"] = previousID.map { .string($0) } ?? .null
            lines += JSONValue.object(message).jsonText + "\n"
            previousID = id
        }
        if let system = example.systemPrompt { add("system", system) }
        for turn in example.turns {
            if turn.weight == 0 { throw Unrepresentable(reason: "a turn with weight 0 has no conversation-export equivalent") }
            add(turn.role.rawValue, turn.text)
        }
        return lines
    }

    /// RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
