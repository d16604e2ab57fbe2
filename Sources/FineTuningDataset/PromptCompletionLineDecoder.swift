/// `{"prompt": "...", "completion": "..."}`: one user turn and one assistant turn.
enum PromptCompletionLineDecoder: JSONLineDecoder {
    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline {
        var outline = ExampleOutline()
        for (key, role): (StaticString, TrainingExample.Role) in [("prompt", .user), ("completion", .assistant)] {
            let name = key.description
            guard let value = tape.member(key, of: 0) else {
                problems.append(FieldProblem(name, "missing"))
                continue
            }
            guard tape[value].kind == .string else {
                problems.append(.wrongType(name, expected: "a string", at: value, in: tape))
                continue
            }
            var turn = ExampleOutline.Turn(role: role, path: .field(name))
            turn.appendText(value, from: tape)
            outline.turns.append(turn)
        }
        return outline
    }
}
