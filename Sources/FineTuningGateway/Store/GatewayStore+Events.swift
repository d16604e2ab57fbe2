import FineTuning
import Foundation

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
        let statements = try events.map { event in
            let metrics = try event.metrics.map { String(decoding: try WireFormat.encoder().encode($0), as: UTF8.self) }
            return SQLStatement(
                """
                INSERT INTO job_event (job_id, backend_event_id, created_at, level, message, metrics) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (job_id, backend_event_id) DO NOTHING
                """,
                [.text(id), .text(event.id), .integer(Int64((event.createdAt ?? Date()).timeIntervalSince1970)), .text(event.level.rawValue),
                 .text(event.message), SQLValue(metrics)])
        }
        try await database.write(statements)
    }

    /// The job's events newest first, older than the event `after`, at most `limit`, and whether more follow.
    func events(ofJob id: String, after: String?, limit: Int) async throws -> (events: [StoredEvent], hasMore: Bool) {
        let before = after.map { StoredEvent.sequence(ofPublicID: $0) ?? 0 } ?? Int64.max
        let events = try await database.read(SQLStatement(
            "SELECT * FROM job_event WHERE job_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", [.text(id), .integer(before), SQLValue(limit + 1)])
        ).map(StoredEvent.init(row:))
        return (Array(events.prefix(limit)), events.count > limit)
    }

    /// Every event of the job carrying metrics, oldest first (the dashboard's loss chart).
    func metricEvents(ofJob id: String) async throws -> [StoredEvent] {
        try await database.read(SQLStatement("SELECT * FROM job_event WHERE job_id = ? AND metrics IS NOT NULL ORDER BY seq", [.text(id)]))
            .map(StoredEvent.init(row:))
    }
}

extension StoredEvent {
    init(row: SQLRow) throws {
        let metricsText = try row.optionalText("metrics")
        self.init(
            sequence: try row.integer("seq"),
            event: JobEvent(
                id: try row.text("backend_event_id"), createdAt: Date(timeIntervalSince1970: Double(try row.integer("created_at"))),
                level: JobEvent.Level(rawValue: try row.text("level")) ?? .info, message: try row.text("message"),
                metrics: metricsText.flatMap { try? WireFormat.decoder().decode(TrainingMetrics.self, from: Data($0.utf8)) }))
    }
}
