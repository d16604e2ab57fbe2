/// Conversation exports hold one message per record (JSON Lines, or one JSON array) in either of two shapes:
///
/// - embedded, as the Flask service this project grew from exports its database: `{"content", "role",
///   "session_id", "related_message": {"content", "role"}}`, the answer embedded in the message it answers,
///   no ids. A user message with an assistant `related_message` (or an assistant message with a user one)
///   is one user/assistant example; the same pair seen from both sides counts once, and a question
///   without an answer (`related_message` null) is no example.
/// - id-linked: `{"id", "session_id", "role", "content", "related_message"}` where `related_message` is the
///   id of the message being answered. Every assistant message that answers a user message of the same
///   session becomes one example (with the session's first system message, if any, as its system prompt).
///   Pairing needs the whole session, so these messages are kept in memory until the file ends.
struct ConversationExportReader {
    struct Message {
        var line: Int
        var id: String
        var session: String
        var role: TrainingExample.Role
        var text: String
        var repliesTo: String?
    }

    /// A message with its answer (or question) embedded.
    struct EmbeddedPair: Hashable {
        var session: String?
        var question: String
        var answer: String
    }

    private enum Record {
        case linked(Message)
        case embedded(EmbeddedPair)
        /// A user or system message without an id or an answer (an unanswered question): no example.
        case unanswered
    }

    let lines: any JSONRecordReader

    func forEachExample(_ body: (_ line: Int, _ result: Result<TrainingExample, FieldProblem>) throws -> Void) throws {
        var sessions: [String: [Message]] = [:]
        var sessionOrder: [String] = []
        var pairsSeen = Set<EmbeddedPair>()
        let tape = JSONTape()
        try JSONLines(lines: lines, tape: tape).forEachObject { line, outcome in
            switch outcome.flatMap({ _ in Self.record(in: tape, line: line) }) {
            case .failure(let problem): try body(line, .failure(problem))
            case .success(.embedded(let pair)):
                if pairsSeen.insert(pair).inserted {
                    try body(line, .success(TrainingExample(turns: [.init(role: .user, text: pair.question), .init(role: .assistant, text: pair.answer)])))
                }
            case .success(.unanswered): break
            case .success(.linked(let message)):
                if sessions[message.session] == nil { sessionOrder.append(message.session) }
                sessions[message.session, default: []].append(message)
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

    private static func record(in tape: JSONTape, line: Int) -> Result<Record, FieldProblem> {
        do {
            let role = try Self.role(of: 0, field: "role", in: tape)
            let text = try Self.content(of: 0, field: "content", in: tape)
            let session = try identifier("session_id", in: tape)
            if let related = tape.member("related_message", of: 0), tape[related].kind == .object {
                let otherRole = try Self.role(of: related, field: "related_message.role", in: tape)
                let otherText = try Self.content(of: related, field: "related_message.content", in: tape)
                switch (role, otherRole) {
                case (.user, .assistant): return .success(.embedded(EmbeddedPair(session: session, question: text, answer: otherText)))
                case (.assistant, .user): return .success(.embedded(EmbeddedPair(session: session, question: otherText, answer: text)))
                default:
                    return .failure(FieldProblem("related_message.role", "a \(role.rawValue) message cannot be paired with a \(otherRole.rawValue) message (expected user and assistant)"))
                }
            }
            let repliesTo = try identifier("related_message", in: tape)
            guard let id = try identifier("id", in: tape) else {
                if repliesTo == nil, role != .assistant { return .success(.unanswered) }
                return .failure(FieldProblem("id", "missing (a message without an id needs its answer embedded as related_message: {\"content\", \"role\"})"))
            }
            guard let session else { return .failure(FieldProblem("session_id", "missing")) }
            return .success(.linked(Message(line: line, id: id, session: session, role: role, text: text, repliesTo: repliesTo)))
        } catch {
            return .failure(error)
        }
    }

    /// A string or number member of the record, or nil when absent or null.
    private static func identifier(_ key: StaticString, in tape: JSONTape) throws(FieldProblem) -> String? {
        guard let token = tape.member(key, of: 0), tape[token].kind != .null else { return nil }
        switch tape[token].kind {
        case .string: return tape.string(at: token)
        case .number: return tape.value(at: token).jsonText
        default: throw .wrongType(key.description, expected: "a string or a number", at: token, in: tape)
        }
    }

    private static func role(of object: Int, field: String, in tape: JSONTape) throws(FieldProblem) -> TrainingExample.Role {
        guard let token = tape.member("role", of: object) else { throw FieldProblem(field, "missing") }
        switch tape[token].kind == .string ? tape.string(at: token) : nil {
        case "user": return .user
        case "assistant": return .assistant
        case "system": return .system
        case let other?: throw FieldProblem(field, "unknown role '\(other)' (expected user, assistant or system)")
        case nil: throw .wrongType(field, expected: "a string", at: token, in: tape)
        }
    }

    private static func content(of object: Int, field: String, in tape: JSONTape) throws(FieldProblem) -> String {
        guard let token = tape.member("content", of: object) else { throw FieldProblem(field, "missing") }
        guard tape[token].kind == .string else { throw .wrongType(field, expected: "a string", at: token, in: tape) }
        return tape.string(at: token)
    }

    /// Where conversation-export turns live, for problem locations.
    static func path(_ index: Int, _ role: TrainingExample.Role) -> TurnPath { .field("content") }
}
