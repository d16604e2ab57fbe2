import FineTuning
import Foundation

/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE` as `--database` takes it. The password is registered
/// with `KnownSecrets` the moment it is read, and `description` never shows it.
public struct PostgresDatabaseURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    var password: String?
    public var database: String

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(parsing text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme, Self.isPostgres(scheme + "://") else {
            throw FineTuningError(
                .invalidRequest, "--database must be a file path or postgres://USER:PASSWORD@HOST:PORT/DATABASE, got '\(Self.withoutUserInfo(text))'",
                parameter: "database")
        }
        guard let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty else {
            throw FineTuningError(
                .invalidRequest, "--database \(Self.withoutUserInfo(text)) needs a user and a host (postgres://USER:PASSWORD@HOST:PORT/DATABASE)",
                parameter: "database")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw FineTuningError(.invalidRequest, "--database \(Self.withoutUserInfo(text)): the port must be from 1 to 65535, got \(port)", parameter: "database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password?.removingPercentEncoding ?? components.password
        for spelling in [components.password, password].compactMap({ $0 }) { KnownSecrets.shared.register(spelling) }
        self.database = database.isEmpty ? user : database
    }

    /// `text` with whatever stands between `://` and `@` replaced, for messages about a URL that did not parse.
    static func withoutUserInfo(_ text: String) -> String {
        text.replacingOccurrences(of: "://[^/]*@", with: "://\(KnownSecrets.placeholder)@", options: .regularExpression)
    }

    /// The URL without its password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}
