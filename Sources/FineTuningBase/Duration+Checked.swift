extension Duration {
    /// The longest number of seconds read from outside (about 31 years): longer is not a wait anyone means.
    public static let longestCheckedSeconds: Double = 1e9

    /// `seconds` as a duration when it is a finite number from 0 to `longestCheckedSeconds`, nil otherwise.
    /// Numbers from outside (flags, headers, JSON documents) go through it: `Duration.seconds(_:)` traps on
    /// a value that is not finite or too large (`1e300`).
    public static func checkedSeconds(_ seconds: Double) -> Duration? {
        guard seconds.isFinite, seconds >= 0, seconds <= longestCheckedSeconds else { return nil }
        return .seconds(seconds)
    }

    /// The same for a keyed JSON member, throwing a decoding error naming it when it is out of range.
    public static func decodeCheckedSeconds<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Duration? {
        guard let seconds = try container.decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard let duration = checkedSeconds(seconds) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(key.stringValue) must be a number of seconds from 0 to \(Int(longestCheckedSeconds)), got \(seconds)")
        }
        return duration
    }
}
