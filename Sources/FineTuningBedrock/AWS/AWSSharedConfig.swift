import Foundation

/// The AWS CLI's shared files: `~/.aws/credentials` (sections `[name]`) and `~/.aws/config`
/// (sections `[profile name]`, and `[default]`), INI syntax with `#` / `;` comments.
struct AWSSharedConfig: Sendable {
    /// Profile name -> key -> value, credentials file over config file.
    private(set) var profiles: [String: [String: String]] = [:]

    /// Reads both files as the environment names them; a missing file adds nothing.
    init(environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let configPath = environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config"
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials"
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        if let text = try? String(contentsOfFile: configPath, encoding: .utf8) { merge(Self.parse(text, profilePrefix: true)) }
        if let text = try? String(contentsOfFile: credentialsPath, encoding: .utf8) { merge(Self.parse(text, profilePrefix: false)) }
    }

    let configPath: String
    let credentialsPath: String

    /// The settings of `profile`, or nil when neither file has it.
    func profile(_ name: String) -> [String: String]? { profiles[name] }

    private mutating func merge(_ other: [String: [String: String]]) {
        for (name, values) in other { profiles[name, default: [:]].merge(values) { $1 } }
    }

    /// Sections of an INI text; in the config file `[profile x]` names profile `x`.
    static func parse(_ text: String, profilePrefix: Bool) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        var section: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                var name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if profilePrefix, name.hasPrefix("profile ") { name = name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces) }
                section = name
                continue
            }
            guard let section, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            result[section, default: [:]][key] = value
        }
        return result
    }
}
