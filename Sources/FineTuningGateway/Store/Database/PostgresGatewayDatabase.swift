import FineTuning
import Foundation
import Logging
import PostgresNIO

/// The gateway's database on a PostgreSQL server, through PostgresNIO's connection pool, so several
/// gateway instances can share it. Its migrations are numbered in a `schema_version` table and run,
/// under an advisory lock (instances starting together take turns), when it opens.
final class PostgresGatewayDatabase: GatewayDatabase {
    let url: PostgresDatabaseURL
    private let client: PostgresClient
    private let logger: Logger
    private let running: Task<Void, Never>

    /// Runs the pending migrations on a connection of their own (so an unreachable server or a wrong
    /// password fails here, at once, with the server's reason), then opens the pool.
    static func open(_ url: PostgresDatabaseURL, logger: Logger) async throws -> PostgresGatewayDatabase {
        try await describingFailures(of: url) {
            let connection = try await PostgresConnection.connect(
                configuration: PostgresConnection.Configuration(
                    host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable),
                id: 0, logger: quieted(logger))
            do {
                try await migrate(connection, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        }
        return PostgresGatewayDatabase(url: url, logger: logger)
    }

    private init(url: PostgresDatabaseURL, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        configuration.options.maximumConnections = 10
        configuration.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: configuration, backgroundLogger: Self.quieted(logger))
        self.url = url
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
    }

    deinit { running.cancel() }

    /// PostgresNIO's own logging of failed connections (and of a first lease racing `run()`) is noise
    /// below errors: every failure reaches the caller, described.
    private static func quieted(_ logger: Logger) -> Logger {
        var logger = logger
        logger.logLevel = .error
        return logger
    }

    var skipLockedRows: String { " FOR UPDATE SKIP LOCKED" }

    func read(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await Self.describingFailures(of: url) {
            try await Self.rows(try await client.query(try Self.query(statement), logger: logger))
        }
    }

    func write(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try await Self.describingFailures(of: url) {
            let queries = try statements.map(Self.query)
            return try await client.withTransaction(logger: logger) { connection in
                var results: [[SQLRow]] = []
                for query in queries {
                    results.append(try await Self.rows(try await connection.query(query, logger: logger)))
                }
                return results
            }
        }
    }

    func close() async {
        running.cancel()
        await running.value
    }

    /// The statement with its `?` placeholders numbered (`$1`, `$2`, ...) and its arguments bound.
    static func query(_ statement: SQLStatement) throws -> PostgresQuery {
        var sql = ""
        var number = 0
        for character in statement.sql {
            if character == "?" {
                number += 1
                sql += "$\(number)"
            } else {
                sql.append(character)
            }
        }
        guard number == statement.arguments.count else {
            throw FineTuningError(.invalidRequest, "a gateway query has \(number) placeholders but \(statement.arguments.count) arguments")
        }
        var binds = PostgresBindings(capacity: number)
        for argument in statement.arguments {
            switch argument {
            case .null: binds.appendNull()
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            case .text(let text): binds.append(text)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    private static func rows(_ sequence: PostgresRowSequence) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        var columns: SQLColumns?
        for try await row in sequence {
            let rowColumns = columns ?? SQLColumns(row.map(\.columnName))
            columns = rowColumns
            rows.append(SQLRow(columns: rowColumns, values: try row.map(value(of:))))
        }
        return rows
    }

    private static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// Runs `body`, turning PostgresNIO's errors (whose descriptions say nothing, on purpose) into errors
    /// that name the database (never its password) and the server's message.
    private static func describingFailures<Result: Sendable>(of url: PostgresDatabaseURL, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as PSQLError {
            let reason = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
            throw FineTuningError(.transport, KnownSecrets.shared.scrub("the gateway's PostgreSQL database \(url): \(reason)"))
        } catch let error as FineTuningError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw FineTuningError(.transport, KnownSecrets.shared.scrub("the gateway's PostgreSQL database \(url): \(error)"))
        }
    }

    // MARK: - Migrations

    /// The schema, one numbered step at a time; a database records the steps it has run and a step
    /// never changes once released (a change is a new step).
    static let migrations: [(version: Int64, name: String, statements: [String])] = [
        (1, "keys, files, jobs, events", [
            """
            CREATE TABLE api_key (
                name TEXT PRIMARY KEY,
                key_hash TEXT NOT NULL UNIQUE,
                is_admin BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            // `rowid` is named like SQLite's implicit column so one query orders files on both.
            """
            CREATE TABLE file (
                rowid BIGSERIAL NOT NULL,
                id TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                filename TEXT NOT NULL,
                purpose TEXT NOT NULL,
                bytes BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                blob_path TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX file_owner ON file(owner, created_at)",
            "CREATE INDEX file_sha256 ON file(sha256)",
            """
            CREATE TABLE job (
                seq BIGSERIAL PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                owner TEXT NOT NULL,
                model TEXT NOT NULL,
                training_file TEXT NOT NULL,
                validation_file TEXT,
                request TEXT NOT NULL,
                client_token TEXT NOT NULL,
                backend_job_id TEXT,
                status TEXT NOT NULL,
                fine_tuned_model TEXT,
                created_at BIGINT NOT NULL,
                finished_at BIGINT,
                snapshot TEXT,
                gateway_error TEXT,
                next_poll_at DOUBLE PRECISION NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX job_owner ON job(owner, seq)",
            "CREATE INDEX job_active ON job(status, next_poll_at)",
            """
            CREATE TABLE job_metadata (
                job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (job_id, key)
            )
            """,
            "CREATE INDEX job_metadata_pair ON job_metadata(key, value)",
            """
            CREATE TABLE job_event (
                seq BIGSERIAL PRIMARY KEY,
                job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                backend_event_id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                level TEXT NOT NULL,
                message TEXT NOT NULL,
                metrics TEXT,
                UNIQUE (job_id, backend_event_id)
            )
            """,
            "CREATE INDEX job_event_job ON job_event(job_id, seq)",
        ]),
        (2, "poll leases", [
            "ALTER TABLE job ADD COLUMN lease_owner TEXT, ADD COLUMN lease_expires_at DOUBLE PRECISION",
        ]),
        (3, "staging attempts", [
            "ALTER TABLE job ADD COLUMN staging_attempts BIGINT NOT NULL DEFAULT 0",
        ]),
        // Every update of a job raises its version, so a reader knows a row unchanged from its stamp.
        (4, "job versions", [
            "ALTER TABLE job ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
            """
            CREATE FUNCTION job_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.version := OLD.version + 1;
                RETURN NEW;
            END
            $$
            """,
            "CREATE TRIGGER job_version BEFORE UPDATE ON job FOR EACH ROW EXECUTE FUNCTION job_next_version()",
        ]),
        // The pollers' sweep reads only unfinished jobs, however many finished ones the store holds
        // (its WHERE repeats this condition, GatewayStore.finishedStatuses, so the index applies).
        (5, "due-job index", [
            "CREATE INDEX job_due ON job(next_poll_at) WHERE status NOT IN ('succeeded', 'failed', 'cancelled', 'expired')",
        ]),
        // A key's page of jobs is read from the index alone (the stamps, GatewayStore.renderedJobs),
        // not from each job's row; it replaces job_owner, its prefix.
        (6, "job stamps by owner", [
            "CREATE INDEX job_owner_stamps ON job(owner, seq, id, version)",
            "DROP INDEX job_owner",
        ]),
    ]

    /// Any number, the same in every instance: the advisory lock that serialises migrations.
    private static let migrationLock: Int64 = 0x6674_6777_6d69_6772

    /// Runs the steps the database has not run yet, in one transaction that first takes the lock.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        let lock = try query(SQLStatement("SELECT pg_advisory_xact_lock(?)", [.integer(migrationLock)]))
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query(lock, logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                logger: logger)
            let current = try await rows(try await connection.query("SELECT COALESCE(MAX(version), 0) AS version FROM schema_version", logger: logger))
            let applied = try current.first?.integer("version") ?? 0
            for migration in migrations where migration.version > applied {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(try query(SQLStatement(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    [.integer(migration.version), .text(migration.name), .integer(Int64(Date().timeIntervalSince1970))])), logger: logger)
            }
        }
    }
}
