import FineTuning
public import Foundation

/// Removes secrets from anything that may be printed, logged, thrown or recorded: credential
/// headers, credential query parameters and, through `KnownSecrets`, every value known to be secret and
/// bearer tokens or keys inside free text. Errors, log lines, debug descriptions and HAR recordings all go
/// through it.
public struct Redaction: Sendable, Hashable {
    /// What replaces a secret.
    public static let placeholder = KnownSecrets.placeholder

    /// Header names (lower-cased) whose values are secret.
    public var headerNames: Set<String>
    /// Query parameter names (lower-cased) whose values are secret.
    public var queryParameters: Set<String>

    public init(headerNames: Set<String> = Redaction.defaultHeaderNames, queryParameters: Set<String> = Redaction.defaultQueryParameters) {
        self.headerNames = Set(headerNames.map { $0.lowercased() })
        self.queryParameters = Set(queryParameters.map { $0.lowercased() })
    }

    /// The rules used when nothing else is configured.
    public static let standard = Redaction()

    public static let defaultHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key",
        "cookie", "set-cookie", "x-amz-security-token", "x-goog-iam-authorization-token",
    ]

    public static let defaultQueryParameters: Set<String> = [
        "key", "api_key", "api-key", "apikey", "access_token", "id_token", "refresh_token", "token",
        "client_secret", "sig", "signature", "x-goog-signature", "x-goog-credential", "x-amz-signature",
        "x-amz-credential", "x-amz-security-token",
    ]

    /// Whether `name` is a secret header.
    public func isSecretHeader(_ name: String) -> Bool {
        headerNames.contains(name.lowercased())
    }

    /// `headers` with secret values replaced.
    public func headers(_ headers: HTTPHeaders) -> HTTPHeaders {
        HTTPHeaders(headers.map { field in (field.name, isSecretHeader(field.name) ? Redaction.placeholder : field.value) })
    }

    /// `url` as text with secret query values replaced (and any user:password removed).
    public func url(_ url: URL) -> String {
        self.url(url.absoluteString)
    }

    /// A URL given as text, with secret query values and user info replaced.
    public func url(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return self.text(text) }
        if components.password != nil { components.password = Redaction.placeholder }
        if let items = components.percentEncodedQueryItems {
            components.percentEncodedQueryItems = items.map { item in
                queryParameters.contains(item.name.lowercased()) && item.value != nil
                    ? URLQueryItem(name: item.name, value: Redaction.placeholder) : item
            }
        }
        return components.string ?? self.text(text)
    }

    /// Free text (an error message, a log line, a body excerpt) with every secret `KnownSecrets` knows or
    /// recognises and `name=value` query secrets replaced.
    public func text(_ text: String) -> String {
        var result = KnownSecrets.shared.scrub(text)
        let names = queryParameters.map(NSRegularExpression.escapedPattern(for:)).sorted().joined(separator: "|")
        if !names.isEmpty, let query = try? NSRegularExpression(pattern: "([?&;](?:\(names))=)[^&#\\s\"']+", options: [.caseInsensitive]) {
            result = query.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "$1" + Redaction.placeholder)
        }
        return result
    }

    /// Registers the values of the secret headers in `headers` with `KnownSecrets`, so that a server
    /// echoing them back (in an error, a body, a log) never gets them printed. The transport calls it for
    /// every request it sends.
    public func registerSecrets(in headers: HTTPHeaders) {
        for field in headers where isSecretHeader(field.name) {
            KnownSecrets.shared.register(field.value)
            // The credential without its scheme ("Bearer", "Basic", ...), as servers often echo it.
            if let space = field.value.firstIndex(of: " ") { KnownSecrets.shared.register(String(field.value[field.value.index(after: space)...])) }
        }
    }
}
