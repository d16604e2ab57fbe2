/// Whether every provider must pass a scenario or only those declaring its capability.
public enum ScenarioTier: String, Codable, Sendable, Hashable, Comparable {
    /// Every provider must pass; a missing fixture is a failure.
    case required
    /// Runs only when the provider declares the scenario's capability; skipped otherwise.
    case optional

    public static func < (lhs: ScenarioTier, rhs: ScenarioTier) -> Bool {
        lhs == .required && rhs == .optional
    }
}
