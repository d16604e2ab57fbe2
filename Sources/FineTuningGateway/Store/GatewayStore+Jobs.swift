import FineTuning
import Foundation
import GRDB

extension GatewayStore {
    /// Records a new job before the backend is asked for it; pollers take it up (replaying the
    /// create) only after `firstPollAfter`, when the request that made it has died.
    func insert(_ job: StoredJob, firstPollAfter: TimeInterval) async throws {
        let request = String(decoding: try JSONEncoder().encode(job.request), as: UTF8.self)
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO job (id, owner, model, training_file, validation_file, request, client_token, status, created_at, next_poll_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    job.id, job.owner, job.model, job.trainingFile, job.validationFile, request, job.clientToken, job.status.storedName,
                    job.createdAt, Date().timeIntervalSince1970 + firstPollAfter,
                ])
            for (key, value) in job.metadata {
                try db.execute(sql: "INSERT INTO job_metadata (job_id, key, value) VALUES (?, ?, ?)", arguments: [job.id, key, value])
            }
        }
    }

    /// Forgets a job the backend refused (it was never acknowledged to the client).
    func deleteJob(_ id: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM job_metadata WHERE job_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM job WHERE id = ?", arguments: [id])
        }
    }

    /// Stores the backend's view of the job; `nextPoll` is when a poller should look again.
    func update(_ job: StoredJob, from backend: FineTuningJob, nextPoll: Date) async throws {
        let id = job.id
        let model = backend.status == .succeeded && backend.tunedModel != nil ? job.gatewayModelID(provider: backend.provider) : nil
        let snapshot = String(decoding: try WireFormat.encoder().encode(backend), as: UTF8.self)
        let finished = backend.status.isTerminal ? Int64((backend.finishedAt ?? Date()).timeIntervalSince1970) : nil
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE job SET backend_job_id = ?, status = ?, fine_tuned_model = ?, finished_at = ?, snapshot = ?, next_poll_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    backend.id.description, backend.status.name, model, finished, snapshot,
                    nextPoll.timeIntervalSince1970, id,
                ])
        }
    }

    /// Ends a job whose create could not be replayed after a crash, with the reason.
    func failStaging(_ id: String, error: JobError) async throws {
        let text = String(decoding: try JSONEncoder().encode(error), as: UTF8.self)
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE job SET status = 'failed', gateway_error = ?, finished_at = ? WHERE id = ? AND status = 'staging'",
                arguments: [text, Int64(Date().timeIntervalSince1970), id])
        }
    }

    /// Moves the job's next poll (after a `Retry-After`, or a backend error).
    func postponePoll(_ id: String, until date: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE job SET next_poll_at = ? WHERE id = ?", arguments: [date.timeIntervalSince1970, id])
        }
    }

    /// The job, when `principal` may see it (nil exactly as for a missing one).
    func job(_ id: String, visibleTo principal: Principal) async throws -> StoredJob? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ? AND (? IS NULL OR owner = ?)", arguments: [id, principal.ownerFilter, principal.ownerFilter])
                .map(StoredJob.init(row:))
        }
    }

    /// One page of the jobs `principal` may see, newest first, after the job `after`, carrying every
    /// `metadata` pair; `hasMore` tells whether older ones follow.
    func jobs(visibleTo principal: Principal, after: String?, limit: Int, metadata: [String: String]) async throws -> (jobs: [StoredJob], hasMore: Bool) {
        try await pool.read { db in
            var sql = "SELECT * FROM job WHERE (? IS NULL OR owner = ?)"
            var arguments: StatementArguments = [principal.ownerFilter, principal.ownerFilter]
            if let after {
                sql += " AND seq < (SELECT seq FROM job WHERE id = ?)"
                arguments += [after]
            }
            for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
                sql += " AND EXISTS (SELECT 1 FROM job_metadata WHERE job_id = job.id AND key = ? AND value = ?)"
                arguments += [key, value]
            }
            sql += " ORDER BY seq DESC LIMIT ?"
            arguments += [limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments).map(StoredJob.init(row:))
            return (Array(rows.prefix(limit)), rows.count > limit)
        }
    }

    /// Jobs not yet in a final state whose next poll is due, oldest first.
    func jobsDueForPoll(at date: Date, limit: Int = 64) async throws -> [StoredJob] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM job WHERE status NOT IN ('succeeded', 'failed', 'cancelled', 'expired') AND next_poll_at <= ? ORDER BY next_poll_at LIMIT ?",
                arguments: [date.timeIntervalSince1970, limit]
            ).map(StoredJob.init(row:))
        }
    }

    /// The tuned models `principal` may see: jobs that succeeded with a model, newest first.
    func tunedModels(visibleTo principal: Principal) async throws -> [StoredJob] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM job WHERE fine_tuned_model IS NOT NULL AND status = 'succeeded' AND (? IS NULL OR owner = ?) ORDER BY seq DESC",
                arguments: [principal.ownerFilter, principal.ownerFilter]
            ).map(StoredJob.init(row:))
        }
    }

    /// Job counts by stored status, for `/metrics`.
    func jobCountsByStatus() async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM job GROUP BY status") {
                counts[row["status"]] = row["n"]
            }
            return counts
        }
    }
}

extension StoredJob {
    init(row: Row) {
        let requestText: String = row["request"]
        let snapshotText: String? = row["snapshot"]
        let backendID: String? = row["backend_job_id"]
        let gatewayError: String? = row["gateway_error"]
        self.init(
            id: row["id"], owner: row["owner"], model: row["model"], trainingFile: row["training_file"],
            validationFile: row["validation_file"],
            request: (try? JSONDecoder().decode(JobCreateRequest.self, from: Data(requestText.utf8)))
                ?? JobCreateRequest(model: row["model"], trainingFile: row["training_file"]),
            clientToken: row["client_token"], backendJobID: backendID.flatMap(JobID.init),
            status: GatewayJobStatus(storedName: row["status"]), fineTunedModel: row["fine_tuned_model"],
            createdAt: row["created_at"], finishedAt: row["finished_at"],
            snapshot: snapshotText.flatMap { try? WireFormat.decoder().decode(FineTuningJob.self, from: Data($0.utf8)) },
            gatewayError: gatewayError.flatMap { try? JSONDecoder().decode(JobError.self, from: Data($0.utf8)) },
            nextPollAt: row["next_poll_at"])
    }
}
