import Foundation
import GRDB

/// The gateway's database in one SQLite file, through GRDB, in WAL mode so readers never wait for the
/// writer. Migrations are GRDB's (recorded in its `grdb_migrations` table) and run when it opens.
/// Statements are compiled once per connection and kept (GRDB's statement cache).
struct SQLiteGatewayDatabase: GatewayDatabase {
    /// The writer (GRDB serializes writes), which also creates the file and runs the migrations.
    let pool: DatabasePool
    /// Where reads run, off the cooperative pool: one connection per core.
    private let readers: SQLiteReaders

    /// Opens (creating when needed) the database at `path` and runs the pending migrations.
    init(path: String) throws {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        readers = try SQLiteReaders(path: path, count: ProcessInfo.processInfo.activeProcessorCount)
    }

    var skipLockedRows: String { "" }

    func read(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await readers.read { db in try Self.run(statement, in: db) }
    }

    func write(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try await pool.write { db in try statements.map { try Self.run($0, in: db) } }
    }

    func close() async {
        readers.close()
        try? pool.close()
    }

    private static func run(_ statement: SQLStatement, in db: Database) throws -> [SQLRow] {
        let arguments = StatementArguments(statement.arguments.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let integer): integer.databaseValue
            case .real(let real): real.databaseValue
            case .text(let text): text.databaseValue
            }
        })
        let compiled = try db.cachedStatement(sql: statement.sql)
        let columns = SQLColumns(compiled.columnNames)
        var rows: [SQLRow] = []
        // The cursor reuses one row as it steps, so each value is copied once, into the SQLRow.
        let cursor = try Row.fetchCursor(compiled, arguments: arguments)
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: (0..<row.count).map { index in
                switch (row[index] as DatabaseValue).storage {
                case .null: .null
                case .int64(let integer): .integer(integer)
                case .double(let real): .real(real)
                case .string(let text): .text(text)
                case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                }
            }))
        }
        return rows
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: keys, files, jobs, events") { db in
            try db.execute(sql: """
                CREATE TABLE api_key (
                    name TEXT PRIMARY KEY,
                    key_hash TEXT NOT NULL UNIQUE,
                    is_admin INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE TABLE file (
                    id TEXT PRIMARY KEY,
                    owner TEXT NOT NULL,
                    filename TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    blob_path TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX file_owner ON file(owner, created_at);
                CREATE TABLE job (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
                    created_at INTEGER NOT NULL,
                    finished_at INTEGER,
                    snapshot TEXT,
                    gateway_error TEXT,
                    next_poll_at REAL NOT NULL DEFAULT 0
                );
                CREATE INDEX job_owner ON job(owner, seq);
                CREATE INDEX job_active ON job(status, next_poll_at);
                CREATE TABLE job_metadata (
                    job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (job_id, key)
                );
                CREATE INDEX job_metadata_pair ON job_metadata(key, value);
                CREATE TABLE job_event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                    backend_event_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    level TEXT NOT NULL,
                    message TEXT NOT NULL,
                    metrics TEXT,
                    UNIQUE (job_id, backend_event_id)
                );
                CREATE INDEX job_event_job ON job_event(job_id, seq);
                """)
        }
        migrator.registerMigration("v2: poll leases") { db in
            try db.execute(sql: """
                ALTER TABLE job ADD COLUMN lease_owner TEXT;
                ALTER TABLE job ADD COLUMN lease_expires_at REAL;
                """)
        }
        migrator.registerMigration("v3: staging attempts") { db in
            try db.execute(sql: "ALTER TABLE job ADD COLUMN staging_attempts INTEGER NOT NULL DEFAULT 0")
        }
        // Every update of a job raises its version, so a reader knows a row unchanged from its stamp.
        migrator.registerMigration("v4: job versions") { db in
            try db.execute(sql: """
                ALTER TABLE job ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
                CREATE TRIGGER job_version AFTER UPDATE ON job FOR EACH ROW WHEN NEW.version = OLD.version
                BEGIN
                    UPDATE job SET version = OLD.version + 1 WHERE seq = OLD.seq;
                END;
                """)
        }
        // The pollers' sweep reads only unfinished jobs, however many finished ones the store holds
        // (its WHERE repeats this condition, GatewayStore.finishedStatuses, so the index applies).
        migrator.registerMigration("v5: due-job index") { db in
            try db.execute(sql: "CREATE INDEX job_due ON job(next_poll_at) WHERE status NOT IN ('succeeded', 'failed', 'cancelled', 'expired')")
        }
        return migrator
    }
}
