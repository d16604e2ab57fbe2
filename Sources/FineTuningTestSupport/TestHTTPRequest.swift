public import Foundation

/// A request as the test server received it.
public struct TestHTTPRequest: Sendable {
    public var method: String
    /// The request target as sent: a path with its query (`/v1/jobs?limit=2`), or an absolute URL
    /// when the client spoke to the server as a proxy.
    public var target: String
    public var headers: [(name: String, value: String)]
    /// The body, kept only up to `TestHTTPServer.bodyStorageLimit` bytes (larger bodies are counted
    /// and dropped, so a gigabyte upload does not fill memory).
    public var body: Data
    /// How many body bytes arrived, stored or not.
    public var bodyByteCount: Int
    /// Which accepted connection carried the request (1 for the first).
    public var connection: Int

    /// The path without the query.
    public var path: String {
        let pathAndQuery = target.hasPrefix("/") ? target : (URLComponents(string: target)?.percentEncodedPath ?? target)
        return String(pathAndQuery.prefix { $0 != "?" })
    }

    /// Query items, decoded.
    public var query: [String: String] {
        let items = URLComponents(string: "http://test" + (target.hasPrefix("/") ? target : "/"))?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
