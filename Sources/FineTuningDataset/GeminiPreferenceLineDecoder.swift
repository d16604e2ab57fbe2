/// Vertex AI Gemini preference data: the supervised `systemInstruction` and `contents` (ending with a
/// user turn) plus `completions`, a pair of `{"score": 1 | 0, "completion": {model turn}}` where 1 marks
/// the preferred and 0 the dispreferred answer (Vertex AI, "Prepare preference tuning data for Gemini models").
enum GeminiPreferenceLineDecoder: JSONLineDecoder {
    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline {
        var outline = ExampleOutline()
        GeminiLineDecoder.readSystemInstruction(into: &outline, in: tape, problems: &problems)
        GeminiLineDecoder.readContents(into: &outline, in: tape, problems: &problems)
        guard let completions = tape.required(tape.member("completions", of: 0), .array, field: "completions", problems: &problems) else { return outline }
        guard tape[completions].count == 2 else {
            problems.append(FieldProblem("completions", "must hold exactly two completions (score 1: preferred, score 0: dispreferred), found \(tape[completions].count)"))
            return outline
        }
        var index = 0
        tape.forEachElement(of: completions) { element in
            defer { index += 1 }
            let field = "completions[\(index)]"
            guard tape[element].kind == .object else {
                problems.append(.wrongType(field, expected: "an object", at: element, in: tape))
                return
            }
            let output: PreferenceOutput
            guard let score = tape.required(tape.member("score", of: element), .number, field: field + ".score", problems: &problems) else { return }
            switch tape.double(at: score) {
            case 1: output = .preferred
            case 0: output = .nonPreferred
            default:
                problems.append(FieldProblem(field + ".score", "must be 1 (preferred) or 0 (dispreferred), got \(tape.value(at: score).jsonText)"))
                return
            }
            guard let completion = tape.required(tape.member("completion", of: element), .object, field: field + ".completion", problems: &problems),
                  var turn = GeminiLineDecoder.turn(completion, path: .completion(index), in: tape, problems: &problems)
            else { return }
            turn.output = output
            outline.turns.append(turn)
        }
        return outline
    }
}
