/// The normalized state of a fine-tuning job. A provider state the translation does not know is
/// kept as `unknown(raw)`: never silently mapped to another state.
public enum JobStatus: Sendable, Hashable, CustomStringConvertible {
    case queued
    case validating
    case running
    case paused
    case cancelling
    case succeeded
    case failed
    case cancelled
    case expired
    case unknown(String)

    /// The known cases, in lifecycle order.
    public static let known: [JobStatus] = [
        .queued, .validating, .running, .paused, .cancelling, .succeeded, .failed, .cancelled, .expired,
    ]

    /// The wire name (`unknown` for an unknown state; the raw state travels beside it).
    public var name: String {
        switch self {
        case .queued: "queued"
        case .validating: "validating"
        case .running: "running"
        case .paused: "paused"
        case .cancelling: "cancelling"
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .expired: "expired"
        case .unknown: "unknown"
        }
    }

    /// Parses a wire name; `unknown` (or any other text) needs the raw provider state.
    public init(name: String, providerStatus: String) {
        self = JobStatus.known.first { $0.name == name } ?? .unknown(providerStatus)
    }

    /// True once the job can no longer change.
    public var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .cancelled, .expired: true
        default: false
        }
    }

    public var description: String {
        if case .unknown(let raw) = self { return "unknown(\(raw))" }
        return name
    }
}
