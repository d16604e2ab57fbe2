import FineTuning
import FineTuningHTTP
import Foundation

/// The shared `ProviderHTTPClient` with Bedrock's exception names refined into error codes.
struct BedrockClient: Sendable {
    let http: ProviderHTTPClient

    func get(_ path: String, query: [URLQueryItem] = []) async throws -> JSONValue {
        do { return try await http.get(path, query: query) } catch { throw BedrockErrorParsing.refine(error) }
    }

    func post(_ path: String, body: JSONValue?, idempotent: Bool) async throws -> JSONValue {
        do { return try await http.post(path, body: body, idempotent: idempotent) } catch { throw BedrockErrorParsing.refine(error) }
    }
}
