/// `{"messages":[{"role","content","weight"?,"tool_calls"?,"tool_call_id"?}...],"tools"?:[...]}`; content is
/// a string, an array of content parts, or null on an assistant turn that only calls tools.
enum OpenAIChatLineDecoder: JSONLineDecoder {
    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline {
        var outline = ExampleOutline()
        if let tools = tape.member("tools", of: 0) {
            if tape[tools].kind == .array { outline.toolsToken = tools }
            else { problems.append(.wrongType("tools", expected: "an array", at: tools, in: tape)) }
        }
        guard let messages = tape.member("messages", of: 0) else {
            problems.append(FieldProblem("messages", "missing"))
            return outline
        }
        guard tape[messages].kind == .array else {
            problems.append(.wrongType("messages", expected: "an array", at: messages, in: tape))
            return outline
        }
        var index = 0
        tape.forEachElement(of: messages) { message in
            defer { index += 1 }
            let path = TurnPath.message(index)
            guard tape[message].kind == .object else {
                problems.append(.wrongType(path.description, expected: "an object", at: message, in: tape))
                return
            }
            guard let role = role(of: message, path: path, in: tape, problems: &problems) else { return }
            var turn = ExampleOutline.Turn(role: role, path: path)
            readContent(of: message, into: &turn, in: tape, problems: &problems)
            if let weight = tape.member("weight", of: message) {
                if let value = tape.double(at: weight) { turn.weight = value }
                else { problems.append(.wrongType(path.description + ".weight", expected: "0 or 1", at: weight, in: tape)) }
            }
            if let calls = tape.member("tool_calls", of: message) {
                if tape[calls].kind == .array {
                    turn.toolCallsToken = calls
                    turn.hasContent = turn.hasContent || tape[calls].count > 0
                } else {
                    problems.append(.wrongType(path.description + ".tool_calls", expected: "an array", at: calls, in: tape))
                }
            }
            if let callID = tape.member("tool_call_id", of: message) {
                if tape[callID].kind == .string { turn.toolCallIDToken = callID }
                else { problems.append(.wrongType(path.description + ".tool_call_id", expected: "a string", at: callID, in: tape)) }
            }
            outline.turns.append(turn)
        }
        return outline
    }

    private static func role(of message: Int, path: TurnPath, in tape: JSONTape, problems: inout [FieldProblem]) -> TrainingExample.Role? {
        guard let role = tape.member("role", of: message) else {
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

    private static func readContent(of message: Int, into turn: inout ExampleOutline.Turn, in tape: JSONTape, problems: inout [FieldProblem]) {
        let field = turn.path.textField
        guard let content = tape.member("content", of: message) else {
            if tape.member("tool_calls", of: message) == nil { problems.append(FieldProblem(field, "missing")) }
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
                let partField = "\(field)[\(partIndex)]"
                guard tape[part].kind == .object else {
                    problems.append(.wrongType(partField, expected: "a content part object", at: part, in: tape))
                    return
                }
                if let type = tape.member("type", of: part), tape.stringEquals(type, "text") {
                    guard let text = tape.member("text", of: part), tape[text].kind == .string else {
                        problems.append(FieldProblem(partField + ".text", "missing or not a string"))
                        return
                    }
                    turn.appendText(text, from: tape)
                } else {
                    turn.hasContent = true  // image, audio or file part
                }
            }
        default:
            problems.append(.wrongType(field, expected: "a string or an array of content parts", at: content, in: tape))
        }
    }
}
