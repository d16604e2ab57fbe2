/// What validation and statistics need to know about one example, without its text: per turn the role,
/// where it sits, its size in characters and whether it has any visible content. For JSON lines the
/// outline also remembers which tape tokens hold the text, so the full `TrainingExample` can be built
/// on demand (conversion) without parsing twice.
struct ExampleOutline {
    struct Turn {
        var role: TrainingExample.Role
        var path: TurnPath
        var characters = 0
        /// Visible text, or non-text content such as tool calls or file parts.
        var hasContent = false
        var weight: Double?
        /// Image, audio, file or function parts, which `TrainingExample` does not carry.
        var hasNonTextParts = false
        /// The first string token of the text (most turns have exactly one), then any others, joined in order.
        /// Kept apart so a one-text turn costs no array allocation.
        var firstTextToken: Int?
        var moreTextTokens: [Int] = []
        var toolCallsToken: Int?
        var toolCallIDToken: Int?
        /// Which answer of a preference pair this turn is; nil for the prompt's turns.
        var output: PreferenceOutput?

        var textTokens: [Int] { firstTextToken.map { [$0] + moreTextTokens } ?? [] }

        /// Adds the string token at `token` to the turn's text.
        mutating func appendText(_ token: Int, from tape: JSONTape) {
            if firstTextToken == nil { firstTextToken = token } else { moreTextTokens.append(token) }
            characters += Int(tape[token].count)
            if tape[token].flags & JSONTape.Token.visible != 0 { hasContent = true }
        }
    }

    /// All turns in source order, a system turn included.
    var turns: [Turn] = []
    var toolsToken: Int?
    /// OpenAI preference data's `input.parallel_tool_calls`.
    var parallelToolCallsToken: Int?

    /// The turns of the prompt (and of a supervised conversation): every turn that is no preference output.
    var promptTurns: [Turn] { turns.filter { $0.output == nil } }

    var characters: Int { turns.reduce(0) { $0 + $1.characters } }

    init() {}

    /// The outline of an already materialized example.
    init(_ example: TrainingExample, paths: (_ index: Int, _ role: TrainingExample.Role) -> TurnPath) {
        var all: [(TrainingExample.Role, String, Double?, Bool)] = []
        if let system = example.systemPrompt { all.append((.system, system, nil, false)) }
        all += example.turns.map { ($0.role, $0.text, $0.weight, $0.toolCalls != nil) }
        turns = all.enumerated().map { index, turn in
            let (role, text, weight, hasToolCalls) = turn
            return Turn(
                role: role, path: paths(index, role), characters: text.unicodeScalars.count,
                hasContent: hasToolCalls || text.contains { !$0.isWhitespace }, weight: weight)
        }
    }

    /// Builds the example from the tape the outline was read from. The preferred output of a
    /// preference pair becomes the last turn, the non-preferred one `nonPreferredOutput`.
    func example(from tape: JSONTape) -> TrainingExample {
        var example = TrainingExample(turns: [])
        var preferred: TrainingExample.Turn?
        for turn in turns {
            let text = turn.textTokens.map { tape.string(at: $0) }.joined()
            if turn.role == .system {
                example.systemPrompt = example.systemPrompt.map { $0 + "\n" + text } ?? text
                continue
            }
            let built = TrainingExample.Turn(
                role: turn.role, text: text, weight: turn.weight,
                toolCalls: turn.toolCallsToken.map { tape.value(at: $0) },
                toolCallID: turn.toolCallIDToken.map { tape.string(at: $0) })
            switch turn.output {
            case nil: example.turns.append(built)
            case .preferred: preferred = built
            case .nonPreferred: example.nonPreferredOutput = built
            }
        }
        if let preferred { example.turns.append(preferred) }
        example.tools = toolsToken.map { tape.value(at: $0) }
        example.parallelToolCalls = parallelToolCallsToken.map { tape[$0].flags & JSONTape.Token.isTrue != 0 }
        return example
    }
}

/// The two answers of a preference example.
enum PreferenceOutput {
    case preferred
    case nonPreferred
}
