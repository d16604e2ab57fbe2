/// The SQL database under the gateway's store: SQLite through GRDB or PostgreSQL through PostgresNIO.
/// The store's queries are written once against this protocol; each implementation brings its own
/// connection handling, schema migrations (run when it opens) and the few dialect differences.
protocol GatewayDatabase: Sendable {
    /// Runs one query and returns its rows (statements that change rows return them with `RETURNING`).
    func read(_ statement: SQLStatement) async throws -> [SQLRow]

    /// Runs `statements` in one transaction, committed before this returns; the rows of each, in order.
    @discardableResult
    func write(_ statements: [SQLStatement]) async throws -> [[SQLRow]]

    /// What follows the row selection of a poll claim: PostgreSQL's `FOR UPDATE SKIP LOCKED`, so
    /// concurrent instances never wait for each other's rows; empty on SQLite, whose writes are serial.
    var skipLockedRows: String { get }

    /// Closes the connections.
    func close() async
}

extension GatewayDatabase {
    /// Runs one statement in its own transaction and returns its rows.
    @discardableResult
    func write(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await write([statement])[0]
    }
}
