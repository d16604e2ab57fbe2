import Foundation
import Synchronization

/// The one place that knows which values are secret in this process, and scrubs them from text. Values
/// are registered where they enter: credentials from the environment (`register(environment:)`), the
/// values of credential headers the transport sends, the user info of URLs. Every text that leaves the
/// process (errors on stderr and in `--json`, log lines, HAR recordings, plugin errors and logs) goes
/// through `scrub`, which also removes secrets of a well-known shape (bearer tokens, `sk-` keys, Google
/// API keys and access tokens) the process was never told about, such as one a server echoes back.
public final class KnownSecrets: Sendable {
    /// The process-wide registry.
    public static let shared = KnownSecrets()

    /// What replaces a secret.
    public static let placeholder = "REDACTED"

    /// Values shorter than this are not registered: scrubbing them would garble ordinary text.
    public static let minimumLength = 6

    /// Every registered spelling, longest first (so a value containing another is replaced whole).
    private let spellings = Mutex<[String]>([])

    public init() {}

    /// Registers `value` (and its percent-encoded and JSON-escaped spellings) as secret.
    public func register(_ value: String) {
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.count >= Self.minimumLength, value != Self.placeholder else { return }
        var forms: Set<String> = [value, value.replacingOccurrences(of: "/", with: "\\/")]
        if let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.insert(encoded) }
        spellings.withLock { spellings in
            let new = forms.subtracting(spellings)
            guard !new.isEmpty else { return }
            spellings = (spellings + new).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        }
    }

    /// Registers the value of every variable whose name has a word marking a credential (`OPENAI_API_KEY`,
    /// `AZURE_OPENAI_AD_TOKEN`, `AWS_SECRET_ACCESS_KEY`, ..., but not a `_FILE` or `_PATH` naming one)
    /// and the user info of every variable that holds a URL.
    public func register(environment: [String: String]) {
        for (name, value) in environment {
            let words = Set(name.uppercased().split(separator: "_").map(String.init))
            let marksSecret = !words.isDisjoint(with: Self.secretWords) && words.isDisjoint(with: ["FILE", "PATH", "DIR"])
            if marksSecret, !value.hasPrefix("/") { register(value) }
            registerUserInfo(ofURL: value)
        }
    }

    /// The words of a variable name that mark its value secret.
    static let secretWords: Set<String> = ["KEY", "APIKEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASS", "CREDENTIAL", "CREDENTIALS", "AUTH"]

    /// Registers the user name and password of `text` when it is a URL that has them.
    public func registerUserInfo(ofURL text: String) {
        guard text.contains("@"), let components = URLComponents(string: text), components.scheme != nil else { return }
        if let password = components.password { register(password) }
        if let user = components.user { register(user) }
        if let password = components.percentEncodedPassword { register(password) }
    }

    /// `text` with every registered secret and every secret of a well-known shape replaced.
    public func scrub(_ text: String) -> String {
        let known = spellings.withLock { $0 }
        var result = text
        // Shapes first: a recognised token is replaced whole even when a registered value is part of it.
        for pattern in Self.secretShapes {
            result = pattern.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "$1" + Self.placeholder)
        }
        for secret in known where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        return result
    }

    /// Secret shapes in free text; group 1 is kept, the rest is replaced.
    private static let secretShapes: [NSRegularExpression] = [
        "(\\b(?:Bearer|Basic)\\s+)(?!\(placeholder)\\b)[A-Za-z0-9._~+/=-]+",
        "(\\b)sk-[A-Za-z0-9_-]{8,}",
        "(\\b)AIza[0-9A-Za-z_-]{20,}",
        "(\\b)ya29\\.[0-9A-Za-z._-]+",
    ].map { try! NSRegularExpression(pattern: $0) }
}

extension FineTuningError {
    /// The error with every known or recognisable secret scrubbed from its text fields.
    public func redacted(by secrets: KnownSecrets = .shared) -> FineTuningError {
        var copy = self
        copy.message = secrets.scrub(message)
        copy.details = details.map(secrets.scrub)
        copy.parameter = parameter.map(secrets.scrub)
        copy.providerCode = providerCode.map(secrets.scrub)
        if var location = copy.location {
            location.file = secrets.scrub(location.file)
            copy.location = location
        }
        return copy
    }
}
