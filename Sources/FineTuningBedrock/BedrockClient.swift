import FineTuning
import FineTuningHTTP
import Foundation

/// Bedrock's JSON calls through the shared `ProviderHTTPClient` URL building and decoding, with
/// errors read the AWS way: the exception name (`x-amzn-ErrorType` header, or `__type` in the
/// body) decides the error code where the status alone does not.
struct BedrockClient: Sendable {
    let http: ProviderHTTPClient

    func get(_ path: String, query: [URLQueryItem] = []) async throws -> JSONValue {
        try await json(HTTPRequest(method: .get, url: http.url(path, query: query)))
    }

    func post(_ path: String, body: JSONValue?, idempotent: Bool) async throws -> JSONValue {
        var request = HTTPRequest(method: .post, url: http.url(path), isIdempotent: idempotent)
        if let body {
            request.headers["Content-Type"] = "application/json"
            request.body = .data(body.serialized())
        }
        return try await json(request)
    }

    private func json(_ request: HTTPRequest) async throws -> JSONValue {
        var request = request
        request.headers["Accept"] = "application/json"
        let response = try await http.transport.send(request)
        guard response.isSuccess else { throw BedrockErrorParsing.error(for: response, provider: http.provider) }
        return try http.decode(response)
    }
}
