/// The toolkit's token estimate: one token per four characters (Unicode scalars) of text, rounded up per
/// text. It is a rough stand-in for the providers' tokenizers (OpenAI documents about four characters per
/// token for English; code, non-Latin scripts and per-message overhead make real counts differ).
public enum TokenEstimate {
    public static let charactersPerToken = 4
    public static let method = "ceil(characters / 4) per text, characters counted as Unicode scalars"

    public static func tokens(forCharacters characters: Int) -> Int {
        (characters + charactersPerToken - 1) / charactersPerToken
    }
}
