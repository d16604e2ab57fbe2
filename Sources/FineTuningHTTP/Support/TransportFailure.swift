public import FineTuning
/// Why a transport could not produce a response. Carried in `FineTuningError.providerCode` of
/// `transport` and `timeout` errors, so a retry policy can tell a request that never left this
/// machine (safe to re-send, even a create) from one that may have reached the server.
public enum TransportFailure: String, Sendable, CaseIterable {
    /// The host name (or the proxy's) could not be resolved: nothing was sent.
    case hostNotFound = "transport_host_not_found"
    /// The server refused the connection: nothing was sent.
    case connectionRefused = "transport_connection_refused"
    /// The connection broke while sending or receiving (reset, closed early, truncated body).
    case connectionLost = "transport_connection_lost"
    /// The request did not finish in time.
    case timedOut = "transport_timed_out"
    /// The TLS handshake or certificate check failed.
    case tls = "transport_tls"
    /// The response was larger than the configured limit.
    case responseTooLarge = "transport_response_too_large"
    /// A request body file could not be read.
    case unreadableBody = "transport_unreadable_body"
    /// A recorded exchange was asked for that the HAR archive does not hold.
    case notRecorded = "transport_not_recorded"
    /// Any other failure.
    case other = "transport_other"

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
        FineTuningError(self == .timedOut ? .timeout : .transport, message, provider: provider, providerCode: rawValue)
    }
}

extension FineTuningError {
    /// The transport failure behind this error, if it is one.
    public var transportFailure: TransportFailure? {
        guard code == .transport || code == .timeout else { return nil }
        return providerCode.flatMap(TransportFailure.init(rawValue:))
    }
}
