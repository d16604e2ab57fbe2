import FineTuning
import Foundation

extension GatewayStore {
    /// Records a new job before the backend is asked for it (counted as its first staging attempt);
    /// pollers take it up (replaying the create) only after `firstPollAfter`, when the request that
    /// made it has died.
    func insert(_ job: StoredJob, firstPollAfter: TimeInterval) async throws {
        let request = String(decoding: try JSONEncoder().encode(job.request), as: UTF8.self)
        var statements = [SQLStatement(
            """
            INSERT INTO job (id, owner, model, training_file, validation_file, request, client_token, status, created_at, next_poll_at,
                staging_attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            """,
            [.text(job.id), .text(job.owner), .text(job.model), .text(job.trainingFile), SQLValue(job.validationFile), .text(request),
             .text(job.clientToken), .text(job.status.storedName), .integer(job.createdAt), .real(Date().timeIntervalSince1970 + firstPollAfter)])]
        for (key, value) in job.metadata.sorted(by: { $0.key < $1.key }) {
            statements.append(SQLStatement("INSERT INTO job_metadata (job_id, key, value) VALUES (?, ?, ?)", [.text(job.id), .text(key), .text(value)]))
        }
        try await database.write(statements)
    }

    /// Forgets a job the backend refused (it was never acknowledged to the client).
    func deleteJob(_ id: String) async throws {
        try await database.write([
            SQLStatement("DELETE FROM job_metadata WHERE job_id = ?", [.text(id)]),
            SQLStatement("DELETE FROM job WHERE id = ?", [.text(id)]),
        ])
    }

    /// Stores the backend's view of the job; `nextPoll` is when a poller should look again.
    func update(_ job: StoredJob, from backend: FineTuningJob, nextPoll: Date) async throws {
        let model = backend.status == .succeeded && backend.tunedModel != nil ? job.gatewayModelID(provider: backend.provider) : nil
        let snapshot = String(decoding: try WireFormat.encoder().encode(backend), as: UTF8.self)
        let finished = backend.status.isTerminal ? Int64((backend.finishedAt ?? Date()).timeIntervalSince1970) : nil
        try await database.write(SQLStatement(
            "UPDATE job SET backend_job_id = ?, status = ?, fine_tuned_model = ?, finished_at = ?, snapshot = ?, next_poll_at = ? WHERE id = ?",
            [.text(backend.id.description), .text(backend.status.name), SQLValue(model), SQLValue(finished), .text(snapshot),
             .real(nextPoll.timeIntervalSince1970), .text(job.id)]))
    }

    /// Counts one more attempt to create the staged job on its backend; the attempts so far, this one
    /// included (nil when the job is no longer staging).
    func countStagingAttempt(onJob id: String) async throws -> Int? {
        try await database.write(SQLStatement(
            "UPDATE job SET staging_attempts = staging_attempts + 1 WHERE id = ? AND status = 'staging' RETURNING staging_attempts",
            [.text(id)])).first.map { Int(try $0.integer("staging_attempts")) }
    }

    /// Ends a job whose create could not be replayed after a crash, with the reason.
    func failStaging(_ id: String, error: JobError) async throws {
        let text = String(decoding: try JSONEncoder().encode(error), as: UTF8.self)
        try await database.write(SQLStatement(
            "UPDATE job SET status = 'failed', gateway_error = ?, finished_at = ? WHERE id = ? AND status = 'staging'",
            [.text(text), .integer(Int64(Date().timeIntervalSince1970)), .text(id)]))
    }

    /// Moves the job's next poll (after a `Retry-After`, or a backend error).
    func postponePoll(_ id: String, until date: Date) async throws {
        try await database.write(SQLStatement("UPDATE job SET next_poll_at = ? WHERE id = ?", [.real(date.timeIntervalSince1970), .text(id)]))
    }

    /// The job, when `principal` may see it (nil exactly as for a missing one).
    func job(_ id: String, visibleTo principal: Principal) async throws -> StoredJob? {
        try await renderedJob(id, visibleTo: principal)?.job
    }

    /// The job with its OpenAI object, when `principal` may see it (nil exactly as for a missing one).
    func renderedJob(_ id: String, visibleTo principal: Principal) async throws -> RenderedJob? {
        let owner = principal.ownerCondition()
        return try await renderedJobs(selectedBy: SQLStatement("SELECT id, seq, version FROM job WHERE id = ?" + owner.sql, [.text(id)] + owner.arguments)).first
    }

    /// One page of the jobs `principal` may see, newest first, after the job `after`, carrying every
    /// `metadata` pair; `hasMore` tells whether older ones follow.
    func jobs(visibleTo principal: Principal, after: String?, limit: Int, metadata: [String: String]) async throws -> (jobs: [RenderedJob], hasMore: Bool) {
        let jobs = try await renderedJobs(selectedBy: pageStatement(visibleTo: principal, after: after, limit: limit + 1, metadata: metadata))
        return (Array(jobs.prefix(limit)), jobs.count > limit)
    }

    /// The stamps of up to `limit` jobs of `jobs(visibleTo:after:limit:metadata:)`, newest first.
    func pageStatement(visibleTo principal: Principal, after: String?, limit: Int, metadata: [String: String]) -> SQLStatement {
        let owner = principal.ownerCondition()
        var statement = SQLStatement("SELECT id, seq, version FROM job WHERE 1 = 1" + owner.sql, owner.arguments)
        if let after {
            statement.sql += " AND seq < (SELECT seq FROM job WHERE id = ?)"
            statement.arguments.append(.text(after))
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            statement.sql += " AND EXISTS (SELECT 1 FROM job_metadata WHERE job_id = job.id AND key = ? AND value = ?)"
            statement.arguments += [.text(key), .text(value)]
        }
        statement.sql += " ORDER BY seq DESC LIMIT ?"
        statement.arguments.append(SQLValue(limit))
        return statement
    }

    /// The tuned models `principal` may see: jobs that succeeded with a model, newest first.
    func tunedModels(visibleTo principal: Principal) async throws -> [StoredJob] {
        let owner = principal.ownerCondition()
        return try await renderedJobs(selectedBy: SQLStatement(
            "SELECT id, seq, version FROM job WHERE fine_tuned_model IS NOT NULL AND status = 'succeeded'" + owner.sql + " ORDER BY seq DESC",
            owner.arguments)
        ).map(\.job)
    }

    /// Job counts by stored status, for `/metrics`.
    func jobCountsByStatus() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await database.read(SQLStatement("SELECT status, COUNT(*) AS n FROM job GROUP BY status")) {
            counts[try row.text("status")] = Int(try row.integer("n"))
        }
        return counts
    }

    /// The jobs whose `id`, `seq` and `version` `stamps` selects, in its order: the ones read lately
    /// and unchanged since from the memo, the others read whole (in one more query) and kept. A job
    /// deleted between the two queries is left out.
    private func renderedJobs(selectedBy stamps: SQLStatement) async throws -> [RenderedJob] {
        let wanted = try await database.read(stamps).map { (key: try $0.text("id"), stamp: try RowStamp($0)) }
        var found = jobMemo.values(wanted)
        let missing = zip(wanted, found).filter { $1 == nil }.map(\.0.stamp.seq)
        if !missing.isEmpty {
            var read: [Int64: RenderedJob] = [:]
            // In batches, well below both databases' limits on bound values (a key may own many models).
            for start in stride(from: 0, to: missing.count, by: 500) {
                let batch = missing[start..<min(start + 500, missing.count)]
                let placeholders = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                for row in try await database.read(SQLStatement("SELECT * FROM job WHERE seq IN (\(placeholders))", batch.map(SQLValue.integer))) {
                    let job = RenderedJob(try StoredJob(row: row))
                    jobMemo.keep(job, job.job.id, at: try RowStamp(row))
                    read[try row.integer("seq")] = job
                }
            }
            found = zip(wanted, found).map { $1 ?? read[$0.stamp.seq] }
        }
        return found.compactMap { $0 }
    }
}

extension StoredJob {
    init(row: SQLRow) throws {
        let requestText = try row.text("request")
        let model = try row.text("model"), trainingFile = try row.text("training_file")
        self.init(
            id: try row.text("id"), owner: try row.text("owner"), model: model, trainingFile: trainingFile,
            validationFile: try row.optionalText("validation_file"),
            request: (try? JSONDecoder().decode(JobCreateRequest.self, from: Data(requestText.utf8)))
                ?? JobCreateRequest(model: model, trainingFile: trainingFile),
            clientToken: try row.text("client_token"), backendJobID: try row.optionalText("backend_job_id").flatMap(JobID.init),
            status: GatewayJobStatus(storedName: try row.text("status")), fineTunedModel: try row.optionalText("fine_tuned_model"),
            createdAt: try row.integer("created_at"), finishedAt: try row.optionalInteger("finished_at"),
            snapshot: try row.optionalText("snapshot").flatMap { try? WireFormat.decoder().decode(FineTuningJob.self, from: Data($0.utf8)) },
            gatewayError: try row.optionalText("gateway_error").flatMap { try? JSONDecoder().decode(JobError.self, from: Data($0.utf8)) },
            nextPollAt: try row.real("next_poll_at"), leaseOwner: try row.optionalText("lease_owner"),
            stagingAttempts: Int(try row.integer("staging_attempts")))
    }
}
