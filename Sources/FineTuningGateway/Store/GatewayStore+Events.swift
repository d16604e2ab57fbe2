import FineTuning
import Foundation
import GRDB

/// An event copied from the backend, numbered in the order the gateway stored it.
struct StoredEvent: Sendable {
    var sequence: Int64
    var event: JobEvent

    /// The id clients see and pass back as `after`.
    var publicID: String { "ftevent-\(sequence)" }

    static func sequence(ofPublicID id: String) -> Int64? {
        id.hasPrefix("ftevent-") ? Int64(id.dropFirst("ftevent-".count)) : nil
    }
}

extension GatewayStore {
    /// Appends the backend's events, oldest first; events already stored (same backend id) are skipped.
    func append(_ events: [JobEvent], toJob id: String) async throws {
        guard !events.isEmpty else { return }
        let encoded = try events.map { event in
            (event, try event.metrics.map { String(decoding: try WireFormat.encoder().encode($0), as: UTF8.self) })
        }
        try await pool.write { db in
            for (event, metrics) in encoded {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO job_event (job_id, backend_event_id, created_at, level, message, metrics)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, event.id, Int64((event.createdAt ?? Date()).timeIntervalSince1970), event.level.rawValue, event.message, metrics])
            }
        }
    }

    /// The job's events newest first, older than the event `after`, at most `limit`, and whether more follow.
    func events(ofJob id: String, after: String?, limit: Int) async throws -> (events: [StoredEvent], hasMore: Bool) {
        let before = after.map { StoredEvent.sequence(ofPublicID: $0) ?? 0 } ?? Int64.max
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM job_event WHERE job_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", arguments: [id, before, limit + 1])
            let events = rows.map(StoredEvent.init(row:))
            return (Array(events.prefix(limit)), events.count > limit)
        }
    }

    /// Every event of the job carrying metrics, oldest first (the dashboard's loss chart).
    func metricEvents(ofJob id: String) async throws -> [StoredEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM job_event WHERE job_id = ? AND metrics IS NOT NULL ORDER BY seq", arguments: [id])
                .map(StoredEvent.init(row:))
        }
    }
}

extension StoredEvent {
    init(row: Row) {
        let metricsText: String? = row["metrics"]
        let level: String = row["level"]
        self.init(
            sequence: row["seq"],
            event: JobEvent(
                id: row["backend_event_id"], createdAt: Date(timeIntervalSince1970: Double(row["created_at"] as Int64)),
                level: JobEvent.Level(rawValue: level) ?? .info, message: row["message"],
                metrics: metricsText.flatMap { try? WireFormat.decoder().decode(TrainingMetrics.self, from: Data($0.utf8)) }))
    }
}
