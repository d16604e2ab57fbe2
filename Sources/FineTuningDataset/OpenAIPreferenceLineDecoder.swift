/// OpenAI preference (DPO) data: `{"input": {"messages": [...], "tools"?: [...], "parallel_tool_calls"?: bool},
/// "preferred_output": [one assistant message], "non_preferred_output": [one assistant message]}`. Messages
/// are read exactly as in chat data; the two outputs are marked as the pair's answers.
enum OpenAIPreferenceLineDecoder: JSONLineDecoder {
    static func outline(of tape: JSONTape, problems: inout [FieldProblem]) -> ExampleOutline {
        var outline = ExampleOutline()
        var input: Int?
        var preferred: Int?
        var nonPreferred: Int?
        tape.forEachMember(of: 0) { key, value in
            if tape.stringEquals(key, "input") { input = value }
            else if tape.stringEquals(key, "preferred_output") { preferred = value }
            else if tape.stringEquals(key, "non_preferred_output") { nonPreferred = value }
        }
        if let input = tape.required(input, .object, field: "input", problems: &problems) {
            readInput(input, into: &outline, in: tape, problems: &problems)
        }
        for (array, field, output) in [(preferred, "preferred_output", PreferenceOutput.preferred), (nonPreferred, "non_preferred_output", .nonPreferred)] {
            guard let array = tape.required(array, .array, field: field, problems: &problems) else { continue }
            guard tape[array].count == 1 else {
                problems.append(FieldProblem(field, "must hold exactly one assistant message, found \(tape[array].count)"))
                continue
            }
            let first = outline.turns.count
            OpenAIChatLineDecoder.readMessages(array, path: { .messageIn(field, $0) }, into: &outline, in: tape, problems: &problems)
            for index in first..<outline.turns.count { outline.turns[index].output = output }
        }
        return outline
    }

    private static func readInput(_ input: Int, into outline: inout ExampleOutline, in tape: JSONTape, problems: inout [FieldProblem]) {
        var messages: Int?
        tape.forEachMember(of: input) { key, value in
            if tape.stringEquals(key, "messages") { messages = value }
            else if tape.stringEquals(key, "tools") {
                OpenAIChatLineDecoder.readTools(value, field: "input.tools", into: &outline, in: tape, problems: &problems)
            } else if tape.stringEquals(key, "parallel_tool_calls") {
                if tape[value].kind == .bool { outline.parallelToolCallsToken = value }
                else { problems.append(.wrongType("input.parallel_tool_calls", expected: "a boolean", at: value, in: tape)) }
            }
        }
        guard let messages = tape.required(messages, .array, field: "input.messages", problems: &problems) else { return }
        OpenAIChatLineDecoder.readMessages(messages, path: { .messageIn("input.messages", $0) }, into: &outline, in: tape, problems: &problems)
    }
}
