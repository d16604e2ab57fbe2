public import FineTuning
public import Foundation
import HTTPTypes

/// The HTTP mechanism every HTTP adapter shares: builds JSON requests against a base URL, adds
/// credentials, sends through the transport, decodes JSON, and maps failures to `FineTuningError`.
/// An adapter supplies only its base URL, its credentials and how to read its error body.
public struct ProviderHTTPClient: Sendable {
    /// Headers carrying credentials, asked for before every request (so tokens can refresh).
    public typealias Authorizer = @Sendable () async throws -> HTTPHeaders

    public let provider: String
    public let baseURL: URL
    public let transport: any HTTPTransport
    public let authorize: Authorizer
    public let parseError: ProviderErrorParser
    /// Query items added to every request (Azure's `api-version`).
    public let commonQuery: [URLQueryItem]

    public init(
        provider: String, baseURL: URL, transport: any HTTPTransport, commonQuery: [URLQueryItem] = [],
        authorize: @escaping Authorizer, parseError: @escaping ProviderErrorParser
    ) {
        self.provider = provider
        self.baseURL = baseURL
        self.transport = transport
        self.commonQuery = commonQuery
        self.authorize = authorize
        self.parseError = parseError
    }

    /// The URL of `path` (relative to the base URL) with `query` and the common query items.
    public func url(_ path: String, query: [URLQueryItem] = []) -> URL {
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        let joined = path.hasPrefix("/") ? base + path : base + "/" + path
        var components = URLComponents(string: joined)!
        let items = commonQuery + query
        if !items.isEmpty { components.queryItems = (components.queryItems ?? []) + items }
        // URLComponents leaves '+' alone in queries; servers read it as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url!
    }

    /// GET `path` and decode the JSON answer.
    public func get(_ path: String, query: [URLQueryItem] = []) async throws -> JSONValue {
        try await json(HTTPRequest(method: .get, url: url(path, query: query)))
    }

    /// POST a JSON body (or none) and decode the JSON answer. `idempotent` marks a POST that is
    /// safe to re-send (a cancel); a create must not be marked.
    public func post(_ path: String, body: JSONValue?, query: [URLQueryItem] = [], idempotent: Bool = false) async throws -> JSONValue {
        var headers = HTTPHeaders()
        var payload = HTTPBody.empty
        if let body {
            headers["Content-Type"] = "application/json"
            payload = .data(body.serialized())
        }
        return try await json(HTTPRequest(method: .post, url: url(path, query: query), headers: headers, body: payload, isIdempotent: idempotent))
    }

    /// Sends `request` with credentials and returns the decoded JSON body of a success.
    public func json(_ request: HTTPRequest) async throws -> JSONValue {
        let response = try await send(request)
        return try decode(response)
    }

    /// Sends `request` with credentials; a non-success status becomes the mapped error.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        for (name, value) in try await authorize() { request.headers[name] = value }
        if request.headers["Accept"] == nil { request.headers["Accept"] = "application/json" }
        let response = try await transport.send(request)
        guard response.isSuccess else {
            throw HTTPErrorMapping.error(for: response, provider: provider, parse: parseError)
        }
        return response
    }

    /// Decodes a success body as JSON; an empty body is `{}`. A body that is not JSON is a
    /// transport error carrying the status and an excerpt.
    public func decode(_ response: HTTPResponse) throws -> JSONValue {
        if response.body.isEmpty { return .object([:]) }
        do {
            return try JSONValue(parsing: response.body)
        } catch {
            throw FineTuningError(
                .transport, "\(provider) answered HTTP \(response.status) with a body that is not valid JSON; \(HTTPErrorMapping.bodyExcerpt(response.body))",
                provider: provider, httpStatus: response.status)
        }
    }
}
