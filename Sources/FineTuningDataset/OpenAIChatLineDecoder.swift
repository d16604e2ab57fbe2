/// `{"messages":[{"role","content","weight"?,"tool_calls"?,"tool_call_id"?}...],"tools"?:[...]}`; content is
/// a string, an array of content parts, or null on an assistant turn that only calls tools. Each message's
/// members are read in one pass, and field paths are spelled out only when a problem is reported.
enum OpenAIChatLineDecoder: JSONLineDecoder {
    /// The members of one message that matter.
    private struct MessageMembers {
        var role: Int?
        var content: Int?
        var weight: Int?
        var toolCalls: Int?
        var toolCallID: Int?

        init(_ message: Int, in tape: JSONTape) {
            tape.forEachMember(of: message) { key, value in
                if tape.stringEquals(key, "role") { role = value }
                else if tape.stringEquals(key, "content") { content = value }
                else if tape.stringEquals(key, "weight") { weight = value }
                else if tape.stringEquals(key, "tool_calls") { toolCalls = value }
                else if tape.stringEquals(key, "tool_call_id") { toolCallID = value }
            }
        }
    }

    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline {
        var outline = ExampleOutline()
        var messages: Int?
        tape.forEachMember(of: 0) { key, value in
            if tape.stringEquals(key, "messages") { messages = value }
            else if tape.stringEquals(key, "tools") { readTools(value, field: "tools", into: &outline, in: tape, problems: &problems) }
        }
        guard let messages = tape.required(messages, .array, field: "messages", problems: &problems) else { return outline }
        readMessages(messages, path: TurnPath.message, into: &outline, in: tape, problems: &problems)
        return outline
    }

    /// Keeps the `tools` array at `value` for conversion.
    static func readTools(_ value: Int, field: String, into outline: inout ExampleOutline, in tape: JSONTape, problems: inout [FieldProblem]) {
        if tape[value].kind == .array { outline.toolsToken = value }
        else { problems.append(.wrongType(field, expected: "an array", at: value, in: tape)) }
    }

    /// Appends a turn for each message of the array at `messages`; `path` spells where each one sits.
    static func readMessages(
        _ messages: Int, path: (Int) -> TurnPath, into outline: inout ExampleOutline, in tape: JSONTape, problems: inout [FieldProblem]
    ) {
        outline.turns.reserveCapacity(outline.turns.count + Int(tape[messages].count))
        var index = 0
        tape.forEachElement(of: messages) { message in
            defer { index += 1 }
            let path = path(index)
            guard tape[message].kind == .object else {
                problems.append(.wrongType(path.description, expected: "an object", at: message, in: tape))
                return
            }
            let members = MessageMembers(message, in: tape)
            guard let role = role(members.role, path: path, in: tape, problems: &problems) else { return }
            var turn = ExampleOutline.Turn(role: role, path: path)
            readContent(members, into: &turn, in: tape, problems: &problems)
            if let weight = members.weight {
                switch tape.double(at: weight) {
                case let value? where value == 0 || value == 1: turn.weight = value
                case .some: problems.append(FieldProblem(path.description + ".weight", "weight must be 0 or 1"))
                case nil: problems.append(.wrongType(path.description + ".weight", expected: "0 or 1", at: weight, in: tape))
                }
            }
            if let calls = members.toolCalls {
                if tape[calls].kind == .array {
                    turn.toolCallsToken = calls
                    turn.hasContent = turn.hasContent || tape[calls].count > 0
                } else {
                    problems.append(.wrongType(path.description + ".tool_calls", expected: "an array", at: calls, in: tape))
                }
            }
            if let callID = members.toolCallID {
                if tape[callID].kind == .string { turn.toolCallIDToken = callID }
                else { problems.append(.wrongType(path.description + ".tool_call_id", expected: "a string", at: callID, in: tape)) }
            }
            outline.turns.append(turn)
        }
    }

    private static func role(_ role: Int?, path: TurnPath, in tape: JSONTape, problems: inout [FieldProblem]) -> TrainingExample.Role? {
        guard let role else {
            problems.append(FieldProblem(path.roleField, "missing"))
            return nil
        }
        guard tape[role].kind == .string else {
            problems.append(.wrongType(path.roleField, expected: "a string", at: role, in: tape))
            return nil
        }
        if tape.stringEquals(role, "user") { return .user }
        if tape.stringEquals(role, "assistant") { return .assistant }
        if tape.stringEquals(role, "system") { return .system }
        if tape.stringEquals(role, "tool") { return .tool }
        problems.append(FieldProblem(path.roleField, "unknown role '\(tape.string(at: role))' (expected system, user, assistant or tool)"))
        return nil
    }

    private static func readContent(_ members: MessageMembers, into turn: inout ExampleOutline.Turn, in tape: JSONTape, problems: inout [FieldProblem]) {
        guard let content = members.content else {
            if members.toolCalls == nil { problems.append(FieldProblem(turn.path.textField, "missing")) }
            return
        }
        switch tape[content].kind {
        case .string:
            turn.appendText(content, from: tape)
        case .null:
            break
        case .array:
            var partIndex = 0
            tape.forEachElement(of: content) { part in
                defer { partIndex += 1 }
                guard tape[part].kind == .object else {
                    problems.append(.wrongType("\(turn.path.textField)[\(partIndex)]", expected: "a content part object", at: part, in: tape))
                    return
                }
                if let type = tape.member("type", of: part), tape.stringEquals(type, "text") {
                    guard let text = tape.member("text", of: part), tape[text].kind == .string else {
                        problems.append(FieldProblem("\(turn.path.textField)[\(partIndex)].text", "missing or not a string"))
                        return
                    }
                    turn.appendText(text, from: tape)
                } else {
                    turn.hasContent = true  // image, audio or file part
                    turn.hasNonTextParts = true
                }
            }
        default:
            problems.append(.wrongType(turn.path.textField, expected: "a string or an array of content parts", at: content, in: tape))
        }
    }
}
