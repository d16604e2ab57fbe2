public import Foundation

/// What `HARRecordingTransport` removes before anything reaches a fixture, and what
/// `HARReplayTransport` applies to live requests before matching them (so a request with a real
/// key or project number matches its scrubbed recording).
public struct HARScrubRules: Sendable {
    /// A regular-expression replacement applied to URLs, header values and bodies.
    public struct Replacement: Sendable {
        public let pattern: String
        public let template: String
        private let expression: NSRegularExpression

        /// `template` may refer to groups (`$1`). An invalid pattern is a programming error.
        public init(_ pattern: String, with template: String) {
            guard let expression = try? NSRegularExpression(pattern: pattern) else {
                preconditionFailure("invalid HAR scrub pattern: \(pattern)")
            }
            self.pattern = pattern
            self.template = template
            self.expression = expression
        }

        func apply(_ text: String) -> String {
            expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
    }

    /// Secret headers and query parameters, and secret shapes in text.
    public var redaction: Redaction
    public var replacements: [Replacement]

    public init(
        headerNames: Set<String> = Redaction.defaultHeaderNames, queryParameters: Set<String> = Redaction.defaultQueryParameters,
        replacements: [Replacement] = HARScrubRules.defaultReplacements
    ) {
        redaction = Redaction(headerNames: headerNames, queryParameters: queryParameters)
        self.replacements = replacements
    }

    /// Secrets, Google project numbers and credential fields in JSON bodies.
    public static let standard = HARScrubRules()

    public static let defaultReplacements: [Replacement] = [
        Replacement("projects/[0-9]+", with: "projects/PROJECT"),
        Replacement(
            "\"(access_token|refresh_token|id_token|client_secret|private_key|private_key_id|api_key)\"(\\s*):(\\s*)\"[^\"]*\"",
            with: "\"$1\"$2:$3\"\(Redaction.placeholder)\""),
    ]

    /// A URL with secret query values replaced and the replacements applied.
    public func url(_ url: URL) -> String {
        apply(redaction.url(url))
    }

    /// A header value: redacted entirely for a secret header, scrubbed otherwise.
    public func header(name: String, value: String) -> String {
        redaction.isSecretHeader(name) ? Redaction.placeholder : text(value)
    }

    /// A body or other free text with secret shapes redacted and the replacements applied.
    public func text(_ text: String) -> String {
        apply(redaction.text(text))
    }

    private func apply(_ text: String) -> String {
        replacements.reduce(text) { $1.apply($0) }
    }
}
