import FineTuning
import FineTuningHTTP
import Foundation

/// Asks a Google OAuth 2.0 token endpoint (or the metadata server) for an access token and reads
/// the standard answer `{"access_token","expires_in","token_type"}`. A refusal becomes an
/// `authentication` error naming the credential source and the endpoint's own error code.
struct OAuthTokenExchange: Sendable {
    let transport: any HTTPTransport
    let provider: String

    /// POSTs an `application/x-www-form-urlencoded` grant to `tokenURI`.
    func exchange(form: [(String, String)], tokenURI: String, source: String, now: Date) async throws -> AccessToken {
        guard let url = URL(string: tokenURI), url.scheme != nil else {
            throw FineTuningError(.configuration, "\(source): token_uri '\(tokenURI)' is not a URL", provider: provider, parameter: "token_uri")
        }
        let body = form.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(
            method: .post, url: url, headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: .data(Data(body.utf8)), isIdempotent: true)
        return try await send(request, source: source, now: now)
    }

    /// Sends `request` and reads the token from its answer.
    func send(_ request: HTTPRequest, source: String, now: Date) async throws -> AccessToken {
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch var error as FineTuningError {
            error.message = "\(source): could not reach \(request.url.host ?? request.url.absoluteString) for an access token: \(error.message)"
            error.provider = provider
            throw error
        }
        let json = try? JSONValue(parsing: response.body)
        guard response.isSuccess else {
            let code = json?["error"]?.stringValue ?? json?["error"]?["status"]?.stringValue
            let description = json?["error_description"]?.stringValue ?? json?["error"]?["message"]?.stringValue
                ?? HTTPErrorMapping.bodyExcerpt(response.body)
            throw FineTuningError(
                response.status >= 500 ? .providerUnavailable : .authentication,
                "\(source) was refused an access token by \(request.url.host ?? "the token endpoint") (HTTP \(response.status)\(code.map { ", \($0)" } ?? "")): \(description)",
                provider: provider, httpStatus: response.status, providerCode: code)
        }
        guard let token = json?["access_token"]?.stringValue, !token.isEmpty else {
            throw FineTuningError(
                .authentication, "\(source): the token endpoint answered without an access_token", provider: provider, httpStatus: response.status)
        }
        let expiresIn = json?["expires_in"]?.doubleValue
        return AccessToken(value: token, expiresAt: expiresIn.map { now.addingTimeInterval($0) })
    }

    /// `application/x-www-form-urlencoded` encoding of one key or value.
    static func formEncode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
    }
}
