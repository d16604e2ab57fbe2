import FineTuning
import Foundation
public import Logging

/// The gateway's store, the truth for keys, files, jobs and events, on either database `--database`
/// names: a SQLite file or a PostgreSQL server several instances share. Its queries are written once
/// over `GatewayDatabase`. Every acknowledged write is committed before the response is sent.
public struct GatewayStore: Sendable {
    let database: any GatewayDatabase

    /// Opens (creating when needed) the database at `location` and runs its pending migrations.
    public static func open(_ location: GatewayDatabaseLocation, logger: Logger = Logger(label: "finetune.serve")) async throws -> GatewayStore {
        switch location {
        case .sqlite(let path): GatewayStore(database: try SQLiteGatewayDatabase(path: path))
        case .postgres(let url): GatewayStore(database: try await PostgresGatewayDatabase.open(url, logger: logger))
        }
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
