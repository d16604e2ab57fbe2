public import Foundation

/// What the test server sends back, including deliberate misbehaviour.
public struct TestHTTPResponse: Sendable {
    /// Ways to break an exchange on purpose.
    public enum Fault: Sendable, Hashable {
        /// Declare the full Content-Length, send only the first `sentBytes` of the body, then close.
        case truncateBody(sentBytes: Int)
        /// Send the head and the first `sentBytes` of the body, then reset the connection (RST).
        case resetAfter(sentBytes: Int)
        /// Close the connection without answering.
        case closeWithoutResponse
        /// Reset the connection (RST) without answering.
        case resetWithoutResponse
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// Seconds to wait before sending anything.
    public var delay: Double
    /// Send the body with chunked transfer encoding instead of a Content-Length.
    public var chunked: Bool
    public var fault: Fault?

    public init(
        status: Int = 200, headers: [(name: String, value: String)] = [], body: Data = Data(), delay: Double = 0,
        chunked: Bool = false, fault: Fault? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.chunked = chunked
        self.fault = fault
    }

    /// A JSON response.
    public static func json(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
    }

    /// A plain-text response.
    public static func text(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", "text/plain")] + headers, body: Data(text.utf8))
    }

    /// `text` gzip-encoded, with `Content-Encoding: gzip`.
    public static func gzipped(_ text: String, contentType: String = "application/json") -> TestHTTPResponse {
        TestHTTPResponse(
            headers: [("Content-Type", contentType), ("Content-Encoding", "gzip")], body: Gzip.stored(Data(text.utf8)))
    }

    /// A redirect to `location`.
    public static func redirect(to location: String, status: Int = 302) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Location", location)])
    }
}
