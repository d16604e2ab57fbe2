extension Duration {
    /// The duration in seconds, for wire forms and C APIs that count in (fractional) seconds.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
