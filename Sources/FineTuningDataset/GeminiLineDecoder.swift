/// `{"systemInstruction"?:{"parts":[{"text"}]},"contents":[{"role":"user"|"model","parts":[{"text"}|{...}]}]}`.
/// The system instruction may also be spelled `system_instruction`, as Vertex's JSON parser accepts both.
enum GeminiLineDecoder: JSONLineDecoder {
    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline {
        var outline = ExampleOutline()
        readSystemInstruction(into: &outline, in: tape, problems: &problems)
        readContents(into: &outline, in: tape, problems: &problems)
        return outline
    }

    /// The optional top-level system instruction, as a system turn.
    static func readSystemInstruction(into outline: inout ExampleOutline, in tape: JSONTape, problems: inout [FieldProblem]) {
        guard let system = tape.member("systemInstruction", of: 0) ?? tape.member("system_instruction", of: 0) else { return }
        guard tape[system].kind == .object else {
            problems.append(.wrongType("systemInstruction", expected: "an object", at: system, in: tape))
            return
        }
        var turn = ExampleOutline.Turn(role: .system, path: .systemInstruction)
        readParts(of: system, into: &turn, in: tape, problems: &problems)
        outline.turns.append(turn)
    }

    /// The required top-level `contents`, one turn each.
    static func readContents(into outline: inout ExampleOutline, in tape: JSONTape, problems: inout [FieldProblem]) {
        guard let contents = tape.required(tape.member("contents", of: 0), .array, field: "contents", problems: &problems) else { return }
        var index = 0
        tape.forEachElement(of: contents) { content in
            defer { index += 1 }
            if let turn = turn(content, path: .content(index), in: tape, problems: &problems) { outline.turns.append(turn) }
        }
    }

    /// One `Content` (`role` user or model, `parts`), or nil when its role cannot be read.
    static func turn(_ content: Int, path: TurnPath, in tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline.Turn? {
        guard tape[content].kind == .object else {
            problems.append(.wrongType(path.description, expected: "an object", at: content, in: tape))
            return nil
        }
        guard let role = tape.member("role", of: content) else {
            problems.append(FieldProblem(path.roleField, "missing"))
            return nil
        }
        let normalized: TrainingExample.Role
        if tape.stringEquals(role, "user") { normalized = .user }
        else if tape.stringEquals(role, "model") { normalized = .assistant }
        else if tape[role].kind == .string {
            problems.append(FieldProblem(path.roleField, "unknown role '\(tape.string(at: role))' (expected user or model)"))
            return nil
        } else {
            problems.append(.wrongType(path.roleField, expected: "a string", at: role, in: tape))
            return nil
        }
        var turn = ExampleOutline.Turn(role: normalized, path: path)
        readParts(of: content, into: &turn, in: tape, problems: &problems)
        return turn
    }

    private static func readParts(of content: Int, into turn: inout ExampleOutline.Turn, in tape: JSONTape, problems: inout [FieldProblem]) {
        guard let parts = tape.required(tape.member("parts", of: content), .array, field: turn.path.textField, problems: &problems) else { return }
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
