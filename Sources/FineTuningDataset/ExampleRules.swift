/// The checks every example must pass, whatever file it came from: roles in an order the format allows,
/// a final turn from the assistant (model), visible content in every turn, valid weights, and the
/// target provider's per-example limits. A preference example's prompt must instead end with the user,
/// and it must have exactly one preferred and one non-preferred assistant answer.
enum ExampleRules {
    static func check(_ outline: ExampleOutline, format: DatasetFormat, requirements: DatasetRequirements?) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let assistantName = format.assistantRoleName
        let prompt = format.isPreference ? outline.promptTurns : outline.turns
        guard let last = prompt.last else {
            problems.append(FieldProblem(nil, "no conversation turns"))
            return problems
        }
        var previous: TrainingExample.Role?
        var sawConversation = false
        for (index, turn) in prompt.enumerated() {
            if turn.role == .system {
                if index > 0 { problems.append(FieldProblem(turn.path.roleField, "a system prompt is only allowed as the first turn")) }
                if requirements?.allowsSystemPrompt == false {
                    problems.append(FieldProblem(turn.path.description, "the target provider does not accept a system prompt"))
                }
            } else if !sawConversation {
                sawConversation = true
                if turn.role != .user {
                    problems.append(FieldProblem(turn.path.roleField, "the conversation must start with a user turn"))
                }
            } else if format == .geminiContents || format == .geminiPreference || format == .bedrockClaude, turn.role == previous {
                problems.append(FieldProblem(turn.path.roleField, "user and \(assistantName) turns must alternate"))
            }
            if !turn.hasContent { problems.append(FieldProblem(turn.path.textField, "empty text")) }
            if turn.weight != nil, turn.role != .assistant {
                problems.append(FieldProblem(turn.path.description + ".weight", "weight is only allowed on assistant turns"))
            }
            previous = turn.role
        }
        if format.isPreference {
            if last.role != .user, last.role != .tool {
                problems.append(FieldProblem(last.path.roleField, "the prompt must end with a user turn (the answers are the preference outputs)"))
            }
            problems += outputProblems(outline, format: format)
        } else if last.role != .assistant {
            problems.append(FieldProblem(last.path.roleField, "the last turn must be from the \(assistantName)"))
        }
        if let limit = requirements?.maxExampleCharacters {
            let characters = outline.characters
            if characters > limit {
                problems.append(FieldProblem(nil, "example has \(characters) characters, more than the limit of \(limit)"))
            }
        }
        return problems
    }

    /// One preferred and one non-preferred answer, each from the assistant (model).
    private static func outputProblems(_ outline: ExampleOutline, format: DatasetFormat) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let outputs = outline.turns.filter { $0.output != nil }
        for turn in outputs {
            if turn.role != .assistant {
                problems.append(FieldProblem(turn.path.roleField, "an answer must be from the \(format.assistantRoleName), not \(turn.role.rawValue)"))
            }
            if !turn.hasContent { problems.append(FieldProblem(turn.path.textField, "empty text")) }
            if turn.weight != nil { problems.append(FieldProblem(turn.path.description + ".weight", "a preference answer takes no weight")) }
        }
        let preferred = outputs.filter { $0.output == .preferred }.count
        let nonPreferred = outputs.count - preferred
        if preferred != 1 || nonPreferred != 1 {
            let field = format == .geminiPreference ? "completions" : nil
            problems.append(FieldProblem(field, "needs exactly one preferred and one non-preferred answer, found \(preferred) and \(nonPreferred)"))
        }
        return problems
    }
}
