/// A deterministic random number generator (SplitMix64): the same seed gives the same sequence on
/// every machine, for data orders, validation splits and seeded tests.
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        defer { state &+= 0x9E37_79B9_7F4A_7C15 }
        return ContentHash.mix(state)
    }
}
