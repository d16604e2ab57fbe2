/// Where a turn sits in its source record, spelled the way the format spells it (`messages[2]`,
/// `contents[0]`, `systemInstruction`, `prompt`, CSV column names), for problem locations.
enum TurnPath: Hashable, Sendable {
    case message(Int)
    case content(Int)
    case systemInstruction
    case field(String)

    var description: String {
        switch self {
        case .message(let index): "messages[\(index)]"
        case .content(let index): "contents[\(index)]"
        case .systemInstruction: "systemInstruction"
        case .field(let name): name
        }
    }

    /// The path of the turn's text field.
    var textField: String {
        switch self {
        case .message: description + ".content"
        case .content, .systemInstruction: description + ".parts"
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
