extension Duration {
    /// The duration in seconds, for wire forms and C APIs that count in (fractional) seconds.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration as messages write it, the same everywhere (plugin timeouts, conformance runs):
    /// `60 s`, `0.5 s`.
    public var secondsText: String {
        let seconds = inSeconds
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
