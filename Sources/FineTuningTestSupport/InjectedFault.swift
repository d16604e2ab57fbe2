import Foundation

/// A fault a test server injects into one exchange, as networks, gateways and overloaded servers
/// produce them. Every fault but `unavailable` strikes after the server did the work (the job exists,
/// the file is stored), as when the answer is lost on the way back.
public enum InjectedFault: String, CaseIterable, Sendable {
    /// The connection is reset without an answer.
    case reset
    /// Half the body, then the connection closes.
    case truncate
    /// No answer for `stallSeconds`.
    case stall
    /// A 200 whose body is not JSON (an HTML error page with control characters).
    case garble
    /// 503 before doing anything.
    case unavailable = "503"

    /// `normal`, the answer to the work done, broken by this fault; `unavailable` answers `overloaded`.
    public func apply(to normal: TestHTTPResponse, stallSeconds: Double, overloaded: TestHTTPResponse) -> TestHTTPResponse {
        switch self {
        case .unavailable: return overloaded
        case .reset: return TestHTTPResponse(fault: .resetWithoutResponse)
        case .truncate:
            var truncated = normal
            truncated.fault = .truncateBody(sentBytes: normal.body.count / 2)
            return truncated
        case .stall:
            var stalled = normal
            stalled.delay = stallSeconds
            return stalled
        case .garble: return .text("<html><body>502 Bad Gateway</body></html>\u{0}\u{1B}[2J")
        }
    }
}

/// The operations of a fine-tuning API a fault can be injected into.
public enum FaultedOperation: String, CaseIterable, Sendable {
    case upload, create, get, list, cancel
}
