extension String {
    /// The text with every control character written as a visible escape (`\n`, `\t`, `\u{1B}`, ...), so
    /// text taken from data or from a provider can be printed on a terminal without repainting it (ANSI
    /// sequences), breaking a one-item-per-line format (line breaks) or hiding text (bidirectional overrides).
    /// Characters in `kept` are left as they are (a multi-line block keeps its `\n`).
    public func escapingControlCharacters(keeping kept: Set<Unicode.Scalar> = []) -> String {
        guard unicodeScalars.contains(where: { Self.needsEscape($0) && !kept.contains($0) }) else { return self }
        var escaped = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard Self.needsEscape(scalar), !kept.contains(scalar) else {
                escaped.append(scalar)
                continue
            }
            let replacement: String
            switch scalar {
            case "\n": replacement = "\\n"
            case "\r": replacement = "\\r"
            case "\t": replacement = "\\t"
            default: replacement = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            escaped.append(contentsOf: replacement.unicodeScalars)
        }
        return String(escaped)
    }

    /// C0 and C1 controls, DEL, line and paragraph separators, and bidirectional embedding, override and
    /// isolate marks.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
