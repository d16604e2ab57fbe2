import Foundation

/// Poll leases: each unfinished job is polled by one gateway instance at a time. An instance claims due
/// jobs by writing itself as `lease_owner` with an expiry, atomically (PostgreSQL skips rows another
/// instance is claiming; SQLite's writes are serial), renews the lease before each poll, and keeps the
/// job while it keeps polling it. An instance stopping gracefully gives its leases back; when one dies
/// its leases expire and another instance claims the jobs on its next sweep.
extension GatewayStore {
    /// The statuses a poller never looks at again. The due-job index (migration 5) is partial on this
    /// very condition: a change here is a new migration of that index.
    static let finishedStatuses = "('succeeded', 'failed', 'cancelled', 'expired')"

    /// Claims for `instance`, until `leaseEnd`, up to `limit` unfinished jobs whose next poll is due at
    /// `date` and whose lease is free, expired or already its own; oldest due first.
    func claimJobsDueForPoll(by instance: String, at date: Date, leaseEnd: Date, limit: Int = 64) async throws -> [StoredJob] {
        let claimed = try await database.write(claimStatement(by: instance, at: date, leaseEnd: leaseEnd, limit: limit))
        return try claimed.map(StoredJob.init(row:)).sorted { $0.nextPollAt < $1.nextPollAt }
    }

    /// The statement of `claimJobsDueForPoll`.
    func claimStatement(by instance: String, at date: Date, leaseEnd: Date, limit: Int) -> SQLStatement {
        let now = SQLValue.real(date.timeIntervalSince1970)
        return SQLStatement(
            """
            UPDATE job SET lease_owner = ?, lease_expires_at = ? WHERE id IN (
                SELECT id FROM job
                WHERE status NOT IN \(Self.finishedStatuses) AND next_poll_at <= ?
                    AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires_at < ?)
                ORDER BY next_poll_at LIMIT ?\(database.skipLockedRows))
            RETURNING *
            """,
            [.text(instance), .real(leaseEnd.timeIntervalSince1970), now, .text(instance), now, SQLValue(limit)])
    }

    /// Extends `instance`'s lease on the job to `leaseEnd`; false when the lease is no longer its own
    /// (it expired and another instance claimed the job).
    func renewLease(onJob id: String, by instance: String, until leaseEnd: Date) async throws -> Bool {
        try await !database.write(SQLStatement(
            "UPDATE job SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? RETURNING id",
            [.real(leaseEnd.timeIntervalSince1970), .text(id), .text(instance)])).isEmpty
    }

    /// Gives back every lease `instance` holds (a graceful shutdown).
    func releaseLeases(of instance: String) async throws {
        try await database.write(SQLStatement("UPDATE job SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ?", [.text(instance)]))
    }
}
