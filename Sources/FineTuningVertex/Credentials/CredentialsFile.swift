import FineTuning
import Foundation

/// A Google credentials JSON file (`GOOGLE_APPLICATION_CREDENTIALS` or gcloud's
/// application-default file), turned into the source its `type` names.
enum CredentialsFile {
    /// The source described by the file at `path`; a missing, unreadable or unsupported file is a
    /// `configuration` error naming the file and the variable that pointed at it.
    static func source(path: String, origin: String, exchange: OAuthTokenExchange) throws -> any GoogleCredentialSource {
        let provider = exchange.provider
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FineTuningError(
                .configuration, "\(origin) points at \(path), which does not exist or cannot be read", provider: provider, parameter: origin)
        }
        guard let json = try? JSONValue(parsing: data), json.objectValue != nil else {
            throw FineTuningError(.configuration, "\(origin) file \(path) is not a JSON object", provider: provider, parameter: origin)
        }
        switch json["type"]?.stringValue {
        case "service_account":
            return try ServiceAccountCredentials(json: json, name: "service-account key \(path) (\(origin))", exchange: exchange)
        case "authorized_user":
            return try AuthorizedUserCredentials(json: json, name: "authorized-user credentials \(path) (\(origin))", exchange: exchange)
        case let type:
            throw FineTuningError(
                .configuration,
                "\(origin) file \(path) has type '\(type ?? "none")'; supported: service_account, authorized_user (or set VERTEX_ACCESS_TOKEN to a token)",
                provider: provider, parameter: origin)
        }
    }

    /// The project a credentials file names (`project_id`, else `quota_project_id`), without
    /// reading the key itself; nil when there is no readable file.
    static func projectHint(path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), let json = try? JSONValue(parsing: data) else { return nil }
        return json["project_id"]?.stringValue ?? json["quota_project_id"]?.stringValue
    }

    /// A string field that must be present and non-empty.
    static func requiredField(_ key: String, in json: JSONValue, source: String, provider: String) throws -> String {
        guard let value = json[key]?.stringValue, !value.isEmpty else {
            throw FineTuningError(.configuration, "\(source) has no '\(key)'", provider: provider, parameter: key)
        }
        return value
    }
}
