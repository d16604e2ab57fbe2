import FineTuning
import FineTuningHTTP
import Foundation

/// The S3 calls this module makes, path-style (`{endpoint}/{bucket}/{key}`) so that regional
/// endpoints and local peers alike work; every request is SigV4-signed for service `s3`.
struct S3Client: Sendable {
    let endpoint: URL
    /// Already signing (`SigningTransport` for service `s3`).
    let transport: any HTTPTransport
    let provider: String

    /// The URL of an object, with `query` (`uploads`, `partNumber=1&uploadId=...`).
    func url(_ location: S3Location, query: [URLQueryItem] = []) -> URL {
        var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false)!
        let base = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        let key = location.key.split(separator: "/", omittingEmptySubsequences: false).map { SigV4Signer.uriEncode(String($0)) }.joined(separator: "/")
        components.percentEncodedPath = base + "/" + SigV4Signer.uriEncode(location.bucket) + (key.isEmpty ? "" : "/" + key)
        if !query.isEmpty {
            components.percentEncodedQuery = query.map { item in
                item.value.map { SigV4Signer.uriEncode(item.name) + "=" + SigV4Signer.uriEncode($0) } ?? SigV4Signer.uriEncode(item.name) + "="
            }.joined(separator: "&")
        }
        return components.url!
    }

    /// Sends a request; a non-success status becomes an error naming the S3 code and message.
    @discardableResult
    func send(_ method: HTTPMethod, _ location: S3Location, query: [URLQueryItem] = [], headers: HTTPHeaders = HTTPHeaders(), body: HTTPBody = .empty, idempotent: Bool = true) async throws -> HTTPResponse {
        let response = try await transport.send(HTTPRequest(method: method, url: url(location, query: query), headers: headers, body: body, isIdempotent: idempotent))
        guard response.isSuccess else { throw error(response, location: location) }
        return response
    }

    /// S3's XML error (`<Error><Code>NoSuchBucket</Code><Message>...</Message></Error>`) as a `FineTuningError`.
    func error(_ response: HTTPResponse, location: S3Location) -> FineTuningError {
        let text = String(decoding: response.body, as: UTF8.self)
        let code = XMLText.first("Code", in: text)
        let message = XMLText.first("Message", in: text) ?? "HTTP \(response.status)"
        let mapped: FineTuningError.Code = switch response.status {
        case 401: .authentication
        case 403: .permissionDenied
        case 404: .notFound
        case 429, 503: .rateLimited
        case 500...: .providerUnavailable
        default: .invalidRequest
        }
        return FineTuningError(mapped, "S3 \(location): \(message)", provider: provider, httpStatus: response.status, providerCode: code)
    }
}
