/// Conversation exports hold one message per JSON line, `{"id","session_id","role","content",
/// "related_message"}`, where `related_message` is the id of the message being answered. Every assistant
/// message that answers a user message of the same session becomes one user/assistant example (with the
/// session's first system message, if any, as its system prompt). Pairing needs the whole session, so this
/// format keeps every message in memory: memory grows with the file, unlike the other formats.
struct ConversationExportReader {
    struct Message {
        var line: Int
        var id: String
        var session: String
        var role: TrainingExample.Role
        var text: String
        var repliesTo: String?
    }

    let lines: LineReader

    func forEachExample(_ body: (_ line: Int, _ result: Result<TrainingExample, FieldProblem>) throws -> Void) throws {
        var sessions: [String: [Message]] = [:]
        var sessionOrder: [String] = []
        let tape = JSONTape()
        try JSONLines(lines: lines, tape: tape).forEachObject { line, outcome in
            switch outcome {
            case .failure(let problem): try body(line, .failure(problem))
            case .success:
                switch Self.message(in: tape, line: line) {
                case .failure(let problem): try body(line, .failure(problem))
                case .success(let message):
                    if sessions[message.session] == nil { sessionOrder.append(message.session) }
                    sessions[message.session, default: []].append(message)
                }
            }
            return true
        }
        for session in sessionOrder {
            try pair(sessions[session]!, body)
        }
    }

    private func pair(_ messages: [Message], _ body: (_ line: Int, _ result: Result<TrainingExample, FieldProblem>) throws -> Void) throws {
        var byID: [String: Message] = [:]
        for message in messages {
            if byID[message.id] != nil {
                try body(message.line, .failure(FieldProblem("id", "duplicate message id '\(message.id)' in session '\(message.session)'")))
            }
            byID[message.id] = message
        }
        let system = messages.first { $0.role == .system }?.text
        for message in messages where message.role == .assistant {
            guard let target = message.repliesTo else {
                try body(message.line, .failure(FieldProblem("related_message", "assistant message '\(message.id)' does not say which message it answers")))
                continue
            }
            guard let question = byID[target], question.role == .user else {
                try body(message.line, .failure(FieldProblem("related_message", "'\(target)' is not a user message of session '\(message.session)'")))
                continue
            }
            try body(message.line, .success(TrainingExample(
                systemPrompt: system,
                turns: [.init(role: .user, text: question.text), .init(role: .assistant, text: message.text)])))
        }
    }

    private static func message(in tape: JSONTape, line: Int) -> Result<Message, FieldProblem> {
        func identifier(_ key: StaticString, required: Bool) -> Result<String?, FieldProblem> {
            guard let token = tape.member(key, of: 0), tape[token].kind != .null else {
                return required ? .failure(FieldProblem(key.description, "missing")) : .success(nil)
            }
            switch tape[token].kind {
            case .string: return .success(tape.string(at: token))
            case .number: return .success(tape.value(at: token).jsonText)
            default: return .failure(.wrongType(key.description, expected: "a string or a number", at: token, in: tape))
            }
        }
        do {
            let id = try identifier("id", required: true).get()!
            let session = try identifier("session_id", required: true).get()!
            let repliesTo = try identifier("related_message", required: false).get()
            guard let roleToken = tape.member("role", of: 0) else { return .failure(FieldProblem("role", "missing")) }
            let role: TrainingExample.Role
            switch tape[roleToken].kind == .string ? tape.string(at: roleToken) : nil {
            case "user": role = .user
            case "assistant": role = .assistant
            case "system": role = .system
            case let other?: return .failure(FieldProblem("role", "unknown role '\(other)' (expected user, assistant or system)"))
            case nil: return .failure(.wrongType("role", expected: "a string", at: roleToken, in: tape))
            }
            guard let content = tape.member("content", of: 0) else { return .failure(FieldProblem("content", "missing")) }
            guard tape[content].kind == .string else { return .failure(.wrongType("content", expected: "a string", at: content, in: tape)) }
            return .success(Message(line: line, id: id, session: session, role: role, text: tape.string(at: content), repliesTo: repliesTo))
        } catch {
            return .failure(error)
        }
    }

    /// Where conversation-export turns live, for problem locations.
    static func path(_ index: Int, _ role: TrainingExample.Role) -> TurnPath { .field("content") }
}
