import Foundation
import GRDB
import GRDBSQLite
import Synchronization

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

    /// Runs `statement` through SQLite's own interface, on the statement GRDB compiled and keeps for the
    /// connection: binding and reading values directly costs a fraction of GRDB's row decoding.
    private static func run(_ statement: SQLStatement, in db: Database) throws -> [SQLRow] {
        let compiled = try db.cachedStatement(sql: statement.sql)
        let handle = compiled.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle) }
        guard Int(sqlite3_bind_parameter_count(handle)) == statement.arguments.count else {
            throw DatabaseError(
                resultCode: .SQLITE_RANGE, message: "\(statement.arguments.count) arguments for \(sqlite3_bind_parameter_count(handle)) placeholders",
                sql: statement.sql)
        }
        for (index, argument) in zip(Int32(1)..., statement.arguments) {
            let code = switch argument {
            case .null: sqlite3_bind_null(handle, index)
            case .integer(let integer): sqlite3_bind_int64(handle, index, integer)
            case .real(let real): sqlite3_bind_double(handle, index, real)
            case .text(let text): sqlite3_bind_text(handle, index, text, -1, transientText)
            }
            guard code == SQLITE_OK else { throw error(code, in: db, sql: statement.sql) }
        }
        let columns = columnNames(of: compiled, sql: statement.sql)
        var rows: [SQLRow] = []
        while true {
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                if code == SQLITE_DONE { return rows }
                throw error(code, in: db, sql: statement.sql)
            }
            rows.append(SQLRow(columns: columns, values: (0..<sqlite3_column_count(handle)).map { column in
                switch sqlite3_column_type(handle, column) {
                case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, column))
                case SQLITE_FLOAT: .real(sqlite3_column_double(handle, column))
                case SQLITE_NULL: .null
                default:
                    // Text, or a blob read as UTF-8 text; the pointer is taken before the length, as SQLite asks.
                    .text(String(
                        decoding: UnsafeRawBufferPointer(start: sqlite3_column_text(handle, column), count: Int(sqlite3_column_bytes(handle, column))),
                        as: UTF8.self))
                }
            }))
        }
    }

    /// SQLite copies a bound text before `bind` returns (`SQLITE_TRANSIENT`), so a Swift string's
    /// temporary C copy may go.
    private static let transientText = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// The column names of the statements run lately, by SQL: the same few queries run again and again.
    private static let columnNamesBySQL = Mutex<[String: SQLColumns]>([:])

    private static func columnNames(of statement: Statement, sql: String) -> SQLColumns {
        // A column count that differs means the schema changed under the SQL (`SELECT *` after a migration).
        if let known = columnNamesBySQL.withLock({ $0[sql] }), known.names.count == Int(sqlite3_column_count(statement.sqliteStatement)) {
            return known
        }
        let columns = SQLColumns(statement.columnNames)
        columnNamesBySQL.withLock { $0.keep(columns, forKey: sql, capacity: 256) }
        return columns
    }

    private static func error(_ code: Int32, in db: Database, sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
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
        // A key's page of jobs is read from the index alone (the stamps, GatewayStore.renderedJobs),
        // not from each job's row; it replaces job_owner, its prefix.
        migrator.registerMigration("v6: job stamps by owner") { db in
            try db.execute(sql: """
                CREATE INDEX job_owner_stamps ON job(owner, seq, id, version);
                DROP INDEX job_owner;
                """)
        }
        return migrator
    }
}
