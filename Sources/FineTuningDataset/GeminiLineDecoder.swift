/// `{"systemInstruction"?:{"parts":[{"text"}]},"contents":[{"role":"user"|"model","parts":[{"text"}|{...}]}]}`.
enum GeminiLineDecoder: JSONLineDecoder {
    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline {
        var outline = ExampleOutline()
        if let system = tape.member("systemInstruction", of: 0) {
            if tape[system].kind == .object {
                var turn = ExampleOutline.Turn(role: .system, path: .systemInstruction)
                readParts(of: system, into: &turn, in: tape, problems: &problems)
                outline.turns.append(turn)
            } else {
                problems.append(.wrongType("systemInstruction", expected: "an object", at: system, in: tape))
            }
        }
        guard let contents = tape.member("contents", of: 0) else {
            problems.append(FieldProblem("contents", "missing"))
            return outline
        }
        guard tape[contents].kind == .array else {
            problems.append(.wrongType("contents", expected: "an array", at: contents, in: tape))
            return outline
        }
        var index = 0
        tape.forEachElement(of: contents) { content in
            defer { index += 1 }
            let path = TurnPath.content(index)
            guard tape[content].kind == .object else {
                problems.append(.wrongType(path.description, expected: "an object", at: content, in: tape))
                return
            }
            guard let role = tape.member("role", of: content) else {
                problems.append(FieldProblem(path.roleField, "missing"))
                return
            }
            let normalized: TrainingExample.Role
            if tape.stringEquals(role, "user") { normalized = .user }
            else if tape.stringEquals(role, "model") { normalized = .assistant }
            else if tape[role].kind == .string {
                problems.append(FieldProblem(path.roleField, "unknown role '\(tape.string(at: role))' (expected user or model)"))
                return
            } else {
                problems.append(.wrongType(path.roleField, expected: "a string", at: role, in: tape))
                return
            }
            var turn = ExampleOutline.Turn(role: normalized, path: path)
            readParts(of: content, into: &turn, in: tape, problems: &problems)
            outline.turns.append(turn)
        }
        return outline
    }

    private static func readParts(of content: Int, into turn: inout ExampleOutline.Turn, in tape: JSONTape, problems: inout [FieldProblem]) {
        guard let parts = tape.member("parts", of: content) else {
            problems.append(FieldProblem(turn.path.textField, "missing"))
            return
        }
        guard tape[parts].kind == .array else {
            problems.append(.wrongType(turn.path.textField, expected: "an array", at: parts, in: tape))
            return
        }
        var index = 0
        tape.forEachElement(of: parts) { part in
            defer { index += 1 }
            guard tape[part].kind == .object else {
                problems.append(.wrongType("\(turn.path.textField)[\(index)]", expected: "an object", at: part, in: tape))
                return
            }
            if let text = tape.member("text", of: part) {
                if tape[text].kind == .string { turn.appendText(text, from: tape) }
                else { problems.append(.wrongType("\(turn.path.textField)[\(index)].text", expected: "a string", at: text, in: tape)) }
            } else if tape[part].count > 0 {
                turn.hasContent = true  // fileData, inlineData, functionCall, functionResponse
                turn.hasNonTextParts = true
            }
        }
    }
}
