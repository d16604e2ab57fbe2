/// The checks every example must pass, whatever file it came from: roles in an order the format allows,
/// a final turn from the assistant (model), visible content in every turn, valid weights, and the
/// target provider's per-example limits.
enum ExampleRules {
    static func check(_ outline: ExampleOutline, format: DatasetFormat, requirements: DatasetRequirements?) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let assistantName = format == .geminiContents ? "model" : "assistant"
        guard let last = outline.turns.last else {
            problems.append(FieldProblem(nil, "no conversation turns"))
            return problems
        }
        var previous: TrainingExample.Role?
        var sawConversation = false
        for (index, turn) in outline.turns.enumerated() {
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
            } else if format == .geminiContents, turn.role == previous {
                problems.append(FieldProblem(turn.path.roleField, "user and \(assistantName) turns must alternate"))
            }
            if !turn.hasContent { problems.append(FieldProblem(turn.path.textField, "empty text")) }
            if let weight = turn.weight {
                if turn.role != .assistant {
                    problems.append(FieldProblem(turn.path.description + ".weight", "weight is only allowed on assistant turns"))
                } else if weight != 0, weight != 1 {
                    problems.append(FieldProblem(turn.path.description + ".weight", "weight must be 0 or 1"))
                }
            }
            previous = turn.role
        }
        if last.role != .assistant {
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
}
