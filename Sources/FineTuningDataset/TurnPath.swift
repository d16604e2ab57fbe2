/// Where a turn sits in its source record, spelled the way the format spells it (`messages[2]`,
/// `contents[0]`, `systemInstruction`, `prompt`, CSV column names, `input.messages[0]`,
/// `completions[1].completion`), for problem locations.
enum TurnPath: Hashable, Sendable {
    case message(Int)
    case content(Int)
    case systemInstruction
    case field(String)
    /// An OpenAI message in another array than the top-level `messages` (`input.messages`, `preferred_output`).
    case messageIn(String, Int)
    /// The model turn of Vertex preference data's `completions[index]`.
    case completion(Int)

    var description: String {
        switch self {
        case .message(let index): "messages[\(index)]"
        case .content(let index): "contents[\(index)]"
        case .systemInstruction: "systemInstruction"
        case .field(let name): name
        case .messageIn(let array, let index): "\(array)[\(index)]"
        case .completion(let index): "completions[\(index)].completion"
        }
    }

    /// The path of the turn's text field.
    var textField: String {
        switch self {
        case .message, .messageIn: description + ".content"
        case .content, .systemInstruction, .completion: description + ".parts"
        case .field(let name): name
        }
    }

    /// The path of the turn's role field.
    var roleField: String {
        switch self {
        case .field(let name): name
        default: description + ".role"
        }
    }
}
