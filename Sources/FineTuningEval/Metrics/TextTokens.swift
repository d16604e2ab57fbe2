/// The word tokens metrics compare: lowercased, every character that is not a letter or a digit
/// treated as a separator (so "Settings > Account" and "settings account" are the same words).
enum TextTokens {
    static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }
    }
}
