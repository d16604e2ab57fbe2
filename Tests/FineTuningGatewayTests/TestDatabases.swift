import FineTuning
import Foundation
import Logging
import PostgresNIO
import Testing
@testable import FineTuningGateway

/// The databases the store's tests run over: a SQLite file in a temporary directory, and a fresh
/// database on the PostgreSQL server `FINETUNE_TEST_POSTGRES_URL` names (scripts/test.sh starts a
/// private one). Without that variable the PostgreSQL cases fail under CI (`CI=true`) and are
/// skipped, with the reason, elsewhere.
enum TestDatabase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static let environment = ProcessInfo.processInfo.environment
    static let postgresServer = environment["FINETUNE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let missingPostgres =
        "FINETUNE_TEST_POSTGRES_URL is not set: scripts/test.sh starts a PostgreSQL cluster and sets it; by hand, "
        + "`bash scripts/start-test-postgres.sh $(mktemp -d)` prints a URL to set it to"

    /// A new, empty database of this kind (its own SQLite file, or its own PostgreSQL database).
    func makeLocation() async throws -> GatewayDatabaseLocation {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-store-\(UUID().uuidString)")
            return .sqlite(path: directory.appendingPathComponent("gateway.sqlite").path)
        case .postgres:
            return .postgres(try await Self.freshPostgresDatabase())
        }
    }

    /// Runs `body` on a store over a new database of this kind, closing it afterwards.
    func withStore(_ body: (GatewayStore, GatewayDatabaseLocation) async throws -> Void) async throws {
        let location = try await makeLocation()
        let store = try await GatewayStore.open(location)
        do {
            try await body(store, location)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// The server's URL, or a test failure under CI and a visible skip elsewhere.
    static func requirePostgresServer(sourceLocation: SourceLocation = #_sourceLocation) throws -> PostgresDatabaseURL {
        guard let postgresServer else {
            if environment["CI"] == "true" { throw FineTuningError(.configuration, missingPostgres) }
            try Test.cancel(Comment(rawValue: missingPostgres), sourceLocation: sourceLocation)
        }
        return try PostgresDatabaseURL(parsing: postgresServer)
    }

    /// Creates a database with a unique name on the test server and returns its URL.
    static func freshPostgresDatabase() async throws -> PostgresDatabaseURL {
        let server = try requirePostgresServer()
        var database = server
        database.database = "gateway_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let connection = try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: server.host, port: server.port, username: server.user, password: server.password, database: server.database, tls: .disable),
            id: 1, logger: Logger(label: "gateway-tests"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database.database)"), logger: Logger(label: "gateway-tests"))
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return database
    }
}
