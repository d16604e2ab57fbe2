/// Amazon Bedrock's Claude 3 fine-tuning JSONL: `{"system"?: "...", "messages": [{"role": "user" |
/// "assistant", "content": "..."}]}`. The system prompt is a top-level string, messages hold only
/// user and assistant turns with string content (no tools), and they alternate.
enum BedrockClaudeLineDecoder: JSONLineDecoder {
    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline {
        var outline = ExampleOutline()
        var messages: Int?
        tape.forEachMember(of: 0) { key, value in
            if tape.stringEquals(key, "messages") { messages = value }
            else if tape.stringEquals(key, "system") {
                guard tape[value].kind == .string else {
                    problems.append(.wrongType("system", expected: "a string", at: value, in: tape))
                    return
                }
                var turn = ExampleOutline.Turn(role: .system, path: .field("system"))
                turn.appendText(value, from: tape)
                outline.turns.append(turn)
            }
        }
        guard let messages = tape.required(messages, .array, field: "messages", problems: &problems) else { return outline }
        var index = 0
        tape.forEachElement(of: messages) { message in
            defer { index += 1 }
            let path = TurnPath.message(index)
            guard tape[message].kind == .object else {
                problems.append(.wrongType(path.description, expected: "an object", at: message, in: tape))
                return
            }
            guard let role = tape.member("role", of: message) else {
                problems.append(FieldProblem(path.roleField, "missing"))
                return
            }
            let normalized: TrainingExample.Role
            if tape.stringEquals(role, "user") { normalized = .user }
            else if tape.stringEquals(role, "assistant") { normalized = .assistant }
            else if tape[role].kind == .string {
                let hint = tape.stringEquals(role, "system") ? " (the system prompt is the top-level \"system\" string)" : " (expected user or assistant)"
                problems.append(FieldProblem(path.roleField, "unknown role '\(tape.string(at: role))'" + hint))
                return
            } else {
                problems.append(.wrongType(path.roleField, expected: "a string", at: role, in: tape))
                return
            }
            var turn = ExampleOutline.Turn(role: normalized, path: path)
            guard let content = tape.member("content", of: message) else {
                problems.append(FieldProblem(path.textField, "missing"))
                return
            }
            guard tape[content].kind == .string else {
                problems.append(.wrongType(path.textField, expected: "a string", at: content, in: tape))
                return
            }
            turn.appendText(content, from: tape)
            outline.turns.append(turn)
        }
        return outline
    }
}
