/// Which providers a scenario applies to (`transport` in the scenario file).
public enum ScenarioTransport: String, Codable, Sendable, Hashable {
    /// Every provider, whether it talks HTTP or not (the default).
    case any
    /// Only providers that make HTTP calls: the scenario's point is an HTTP exchange (a status code,
    /// a retry, a response body). A target that declares no HTTP reports it skipped.
    case http
}
