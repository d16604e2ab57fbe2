/// Why a transport could not produce a response. Carried in `FineTuningError.transportFailure` of
/// `transport` and `timeout` errors, so a retry policy can tell a request that never left this
/// machine (safe to re-send, even a create) from one that may have reached the server. Its raw
/// value is the wire form's `transport_failure`.
public enum TransportFailure: String, Sendable, Codable, CaseIterable {
    /// The host name (or the proxy's) could not be resolved: nothing was sent.
    case hostNotFound = "host_not_found"
    /// The server refused the connection: nothing was sent.
    case connectionRefused = "connection_refused"
    /// The connection broke while sending or receiving (reset, closed early, truncated body).
    case connectionLost = "connection_lost"
    /// The request did not finish in time.
    case timedOut = "timed_out"
    /// The TLS handshake or certificate check failed.
    case tls = "tls"
    /// The response was larger than the configured limit.
    case responseTooLarge = "response_too_large"
    /// A request body file could not be read.
    case unreadableBody = "unreadable_body"
    /// A recorded exchange was asked for that the HAR archive does not hold.
    case notRecorded = "not_recorded"
    /// Any other failure.
    case other = "other"

    /// True when the request certainly never reached the server.
    public var requestWasNotSent: Bool {
        self == .hostNotFound || self == .connectionRefused
    }

    /// False for failures that repeat identically when retried (a replay miss, an unreadable
    /// body file, an oversized response).
    public var mayBeTransient: Bool {
        self != .notRecorded && self != .unreadableBody && self != .responseTooLarge
    }

    /// The error carrying this failure: code `timeout` for `timedOut`, `transport` otherwise.
    /// `message` should already be redacted.
    public func error(_ message: String, provider: String? = nil) -> FineTuningError {
        FineTuningError(self == .timedOut ? .timeout : .transport, message, provider: provider, transportFailure: self)
    }
}
