import FineTuning
import Foundation
public import Logging

/// The gateway's store, the truth for keys, files, jobs and events, on either database `--database`
/// names: a SQLite file or a PostgreSQL server several instances share. Its queries are written once
/// over `GatewayDatabase`. Every acknowledged write is committed before the response is sent.
public struct GatewayStore: Sendable {
    let database: any GatewayDatabase
    /// Active keys seen lately, so most requests authenticate without a database read.
    let keyCache: APIKeyCache
    /// The jobs decoded and serialized lately, by id and stamp (this database's rows only: another
    /// database numbers its rows alike).
    let jobMemo = RowMemo<RenderedJob>(capacity: 4096)

    /// How long a key's principal is reused before the database is asked again: the longest a key
    /// revoked by another process (`finetune keys revoke`) keeps working.
    public static let defaultKeyCacheLifetime: Duration = .seconds(5)

    /// Opens (creating when needed) the database at `location` and runs its pending migrations.
    /// `keyCacheLifetime` on `clock` bounds how long an active key is trusted without a new read.
    public static func open(
        _ location: GatewayDatabaseLocation, logger: Logger = Logger(label: "finetune.serve"),
        keyCacheLifetime: Duration = defaultKeyCacheLifetime, clock: any Clock<Duration> = ContinuousClock()
    ) async throws -> GatewayStore {
        let database: any GatewayDatabase = switch location {
        case .sqlite(let path): try SQLiteGatewayDatabase(path: path)
        case .postgres(let url): try await PostgresGatewayDatabase.open(url, logger: logger)
        }
        return GatewayStore(database: database, keyCache: APIKeyCache(lifetime: keyCacheLifetime, clock: clock))
    }

    /// Closes the database's connections.
    public func close() async {
        await database.close()
    }
}

/// Where the store lives: a SQLite file, or a PostgreSQL database.
public enum GatewayDatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresDatabaseURL)

    /// A `postgres://` (or `postgresql://`) URL, or else a SQLite file path.
    public init(parsing text: String) throws {
        self = PostgresDatabaseURL.isPostgres(text) ? .postgres(try PostgresDatabaseURL(parsing: text)) : .sqlite(path: text)
    }

    /// The location as a person reads it (a PostgreSQL URL without its password).
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.description
        }
    }
}
