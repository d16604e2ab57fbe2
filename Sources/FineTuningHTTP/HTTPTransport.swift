import FineTuning
public import Foundation
public import HTTPTypes

/// Sends one HTTP request and returns the response. Every adapter and plugin talks HTTP only
/// through this protocol, so any of them can run against libcurl, a HAR replay or a HAR recorder.
///
/// A transport returns every response it received, whatever its status; it throws only when no
/// complete response arrived (a `FineTuningError` with code `transport` or `timeout`).
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// An HTTP request.
public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// The whole exchange must finish within this time (nil: the transport's default).
    public var timeout: Duration?
    /// Whether the request may be re-sent after it may have reached the server. Defaults to true
    /// for GET, HEAD, PUT, DELETE and OPTIONS; a caller sets it for a POST that is safe to repeat
    /// (a cancel).
    public var isIdempotent: Bool

    public init(
        method: HTTPMethod, url: URL, headers: HTTPHeaders = HTTPHeaders(), body: HTTPBody = .empty,
        timeout: Duration? = nil, isIdempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent ?? [.get, .head, .put, .delete, .options].contains(method)
    }
}

/// What a request carries.
public enum HTTPBody: Sendable, Hashable {
    case empty
    case data(Data)
    /// A file streamed from disk, never read into memory whole.
    case file(path: String)
    /// multipart/form-data; file parts are streamed from disk.
    case multipart(MultipartForm)
}

/// A multipart/form-data body.
public struct MultipartForm: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case field(name: String, value: String)
        case file(name: String, path: String, filename: String, contentType: String)
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }
}

/// An HTTP response, body fully read.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Ordered header fields with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name, value) }
    }

    public init(_ fields: [(String, String)]) {
        for (name, value) in fields { add(name, value) }
    }

    /// The first value of `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value }
        set {
            fields.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            if let newValue { fields.append((name, newValue)) }
        }
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.map { "\($0.name.lowercased()):\($0.value)" } == rhs.fields.map { "\($0.name.lowercased()):\($0.value)" }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name.lowercased())
            hasher.combine(field.value)
        }
    }
}
