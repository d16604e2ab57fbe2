import FineTuning
import Foundation
import NIOCore
import Testing
@testable import FineTuningGateway

/// The store's contract, one body per behaviour run over SQLite and PostgreSQL: keys, files, jobs with
/// metadata and pages, events, poll leases, and migrations that run once.
@Suite struct GatewayStoreTests {
    static let alice = Principal(name: "alice", isAdmin: false)
    static let bob = Principal(name: "bob", isAdmin: false)
    static let admin = Principal(name: "root", isAdmin: true)

    static func job(_ id: String, owner: String = "alice", metadata: [String: String] = [:]) -> StoredJob {
        var request = JobCreateRequest(model: "openai/gpt-4o-mini-2024-07-18", trainingFile: "file-1")
        request.metadata = metadata.isEmpty ? nil : metadata
        return StoredJob(
            id: id, owner: owner, model: request.model, trainingFile: "file-1", validationFile: nil, request: request, clientToken: "token-\(id)",
            backendJobID: nil, status: .staging, fineTunedModel: nil, createdAt: 1_700_000_000, finishedAt: nil, snapshot: nil, gatewayError: nil)
    }

    static func backend(_ native: String, _ status: JobStatus, model: String? = nil) -> FineTuningJob {
        FineTuningJob(
            id: JobID(provider: "openai", native: native), baseModel: "gpt-4o-mini-2024-07-18", status: status, providerStatus: status.name,
            tunedModel: model.map { TunedModel(name: $0) })
    }

    @Test(arguments: TestDatabase.allCases)
    func keysAreCreatedOnceListedAndRevoked(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            let key = try await store.createKey(name: "alice", isAdmin: false)
            _ = try await store.createKey(name: "root", isAdmin: true)
            await #expect(throws: FineTuningError.self) { try await store.createKey(name: "alice", isAdmin: true) }
            await #expect(throws: FineTuningError.self) { try await store.createKey(name: "no spaces", isAdmin: false) }
            #expect(try await store.principal(forKey: key) == Self.alice)
            #expect(try await store.principal(forKey: key + "0") == nil)
            #expect(try await store.keys().map { [$0.name, "\($0.isAdmin)", "\($0.revokedAt == nil)"] } == [["alice", "false", "true"], ["root", "true", "true"]])
            try await store.revokeKey(name: "alice")
            #expect(try await store.principal(forKey: key) == nil)
            #expect(try await store.keys().first?.revokedAt != nil)
            await #expect(throws: FineTuningError.self) { try await store.revokeKey(name: "alice") }
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func filesAreSeenByTheirOwnerAndTheirContentIsFreedWithTheLastOne(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            func file(_ id: String, owner: String, purpose: String = "fine-tune", sha256: String) -> StoredFile {
                StoredFile(id: id, owner: owner, filename: "\(id).jsonl", purpose: purpose, bytes: 5_000_000_000, sha256: sha256, blobPath: "/blobs/\(sha256).jsonl", createdAt: 1_700_000_000)
            }
            try await store.insert(file("file-a", owner: "alice", sha256: "aaa"))
            try await store.insert(file("file-b", owner: "alice", purpose: "batch", sha256: "aaa"))
            try await store.insert(file("file-c", owner: "bob", sha256: "ccc"))
            #expect(try await store.file("file-a", visibleTo: Self.alice) == file("file-a", owner: "alice", sha256: "aaa"))
            #expect(try await store.file("file-c", visibleTo: Self.alice) == nil)
            #expect(try await store.file("file-c", visibleTo: Self.admin)?.owner == "bob")
            #expect(try await store.files(visibleTo: Self.alice, purpose: nil).map(\.id) == ["file-b", "file-a"], "newest first")
            #expect(try await store.files(visibleTo: Self.alice, purpose: "fine-tune").map(\.id) == ["file-a"])
            #expect(try await store.files(visibleTo: Self.admin, purpose: nil).count == 3)
            #expect(try await store.deleteFile(file("file-a", owner: "alice", sha256: "aaa")) == nil, "file-b still holds the content")
            #expect(try await store.deleteFile(file("file-b", owner: "alice", sha256: "aaa")) == "/blobs/aaa.jsonl")
            #expect(try await store.files(visibleTo: Self.alice, purpose: nil).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func jobsPageNewestFirstFilterByMetadataAndKeepTheBackendsState(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            for (index, team) in ["a", "b", "a"].enumerated() {
                try await store.insert(Self.job("ftjob-\(index)", metadata: ["team": team, "run": "\(index)"]), firstPollAfter: 30)
            }
            try await store.insert(Self.job("ftjob-bob", owner: "bob"), firstPollAfter: 30)
            let first = try await store.jobs(visibleTo: Self.alice, after: nil, limit: 2, metadata: [:])
            #expect(first.jobs.map(\.job.id) == ["ftjob-2", "ftjob-1"])
            #expect(first.hasMore)
            let second = try await store.jobs(visibleTo: Self.alice, after: "ftjob-1", limit: 2, metadata: [:])
            #expect(second.jobs.map(\.job.id) == ["ftjob-0"])
            #expect(!second.hasMore)
            #expect(try await store.jobs(visibleTo: Self.alice, after: nil, limit: 10, metadata: ["team": "a"]).jobs.map(\.job.id) == ["ftjob-2", "ftjob-0"])
            #expect(try await store.jobs(visibleTo: Self.alice, after: nil, limit: 10, metadata: ["team": "a", "run": "2"]).jobs.map(\.job.id) == ["ftjob-2"])
            #expect(try await store.jobs(visibleTo: Self.admin, after: nil, limit: 10, metadata: [:]).jobs.count == 4)
            #expect(try await store.job("ftjob-bob", visibleTo: Self.alice) == nil)

            let stored = try #require(try await store.job("ftjob-0", visibleTo: Self.alice))
            #expect(stored.metadata == ["team": "a", "run": "0"])
            #expect(stored.status == .staging)
            try await store.update(stored, from: Self.backend("ftjob-up0", .succeeded, model: "ft:gpt-4o-mini:org::up0"), nextPoll: Date())
            let updated = try #require(try await store.job("ftjob-0", visibleTo: Self.alice))
            #expect(updated.status == .backend(.succeeded))
            #expect(updated.backendJobID == JobID(provider: "openai", native: "ftjob-up0"))
            #expect(updated.fineTunedModel == "ft:openai:alice::ftjob-0")
            #expect(updated.snapshot?.tunedModel?.name == "ft:gpt-4o-mini:org::up0")
            #expect(updated.finishedAt != nil)
            let rendered = try #require(try await store.renderedJob("ftjob-0", visibleTo: Self.alice))
            #expect(rendered.object == ByteBuffer(bytes: OpenAIObjects.job(updated).serialized()), "the changed row is serialized again")
            #expect(try await store.tunedModels(visibleTo: Self.alice).map(\.id) == ["ftjob-0"])
            #expect(try await store.tunedModels(visibleTo: Self.bob).isEmpty)

            try await store.failStaging("ftjob-1", error: JobError(code: "invalid_request", message: "no such model"))
            #expect(try await store.job("ftjob-1", visibleTo: Self.alice)?.gatewayError?.message == "no such model")
            try await store.deleteJob("ftjob-2")
            #expect(try await store.job("ftjob-2", visibleTo: Self.admin) == nil)
            #expect(try await store.jobCountsByStatus() == ["succeeded": 1, "failed": 1, "staging": 1])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func everyUpdateOfAJobRaisesItsVersionSoNoReadIsStale(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            try await store.insert(Self.job("ftjob-0"), firstPollAfter: 30)
            func version() async throws -> SQLValue? {
                try await store.database.read(SQLStatement("SELECT version FROM job WHERE id = ?", ["ftjob-0"])).first?["version"]
            }
            #expect(try await version() == .integer(0))
            let first = try #require(try await store.renderedJob("ftjob-0", visibleTo: Self.alice))
            #expect(try await store.renderedJob("ftjob-0", visibleTo: Self.alice) === first, "an unchanged job is answered from the memo")
            #expect(try await store.jobs(visibleTo: Self.alice, after: nil, limit: 1, metadata: [:]).jobs.first === first)

            // An update the store did not write (another instance's, a newer migration's) raises it too.
            try await store.database.write(SQLStatement("UPDATE job SET model = ? WHERE id = ?", ["openai/gpt-4.1-mini", "ftjob-0"]))
            #expect(try await version() == .integer(1))
            #expect(try await store.renderedJob("ftjob-0", visibleTo: Self.alice)?.job.model == "openai/gpt-4.1-mini")
            try await store.postponePoll("ftjob-0", until: Date())
            #expect(try await version() == .integer(2))
            try await store.update(Self.job("ftjob-0"), from: Self.backend("ftjob-up0", .running), nextPoll: Date())
            #expect(try await version() == .integer(3))
            #expect(try await store.jobs(visibleTo: Self.alice, after: nil, limit: 1, metadata: [:]).jobs.first?.job.status == .backend(.running))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func eventsAreCopiedOnceAndPagedNewestFirst(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            try await store.insert(Self.job("ftjob-0"), firstPollAfter: 30)
            let events = (1...5).map { step in
                JobEvent(
                    id: "event-\(step)", createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(step)), message: "step \(step)",
                    metrics: step.isMultiple(of: 2) ? TrainingMetrics(step: step, trainLoss: 1.0 / Double(step)) : nil)
            }
            try await store.append(Array(events.prefix(3)), toJob: "ftjob-0")
            try await store.append(events, toJob: "ftjob-0")
            let page = try await store.events(ofJob: "ftjob-0", after: nil, limit: 2)
            #expect(page.events.map(\.event.message) == ["step 5", "step 4"])
            #expect(page.hasMore)
            let rest = try await store.events(ofJob: "ftjob-0", after: page.events[1].publicID, limit: 10)
            #expect(rest.events.map(\.event.message) == ["step 3", "step 2", "step 1"])
            #expect(!rest.hasMore)
            #expect(try await store.metricEvents(ofJob: "ftjob-0").map { $0.event.metrics?.trainLoss } == [0.5, 0.25])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func stagingAttemptsAreCountedWhileTheJobIsStaging(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            try await store.insert(Self.job("ftjob-0"), firstPollAfter: 30)
            #expect(try await store.job("ftjob-0", visibleTo: Self.admin)?.stagingAttempts == 1, "the request's own attempt")
            #expect(try await store.countStagingAttempt(onJob: "ftjob-0") == 2)
            #expect(try await store.countStagingAttempt(onJob: "ftjob-0") == 3)
            try await store.failStaging("ftjob-0", error: JobError(code: "plugin_abi", message: "gave up"))
            #expect(try await store.countStagingAttempt(onJob: "ftjob-0") == nil, "a job no longer staging is not attempted")
            #expect(try await store.job("ftjob-0", visibleTo: Self.admin)?.stagingAttempts == 3)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aLeaseKeepsAJobWithOneInstanceUntilItExpires(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            try await store.insert(Self.job("ftjob-due"), firstPollAfter: -1)
            try await store.insert(Self.job("ftjob-later"), firstPollAfter: 3600)
            try await store.insert(Self.job("ftjob-done"), firstPollAfter: -1)
            try await store.update(try #require(try await store.job("ftjob-done", visibleTo: Self.admin)), from: Self.backend("up-done", .succeeded), nextPoll: .distantPast)
            let now = Date()
            let claimed = try await store.claimJobsDueForPoll(by: "instance-a", at: now, leaseEnd: now.addingTimeInterval(10))
            #expect(claimed.map(\.id) == ["ftjob-due"], "not the job due later, nor the finished one")
            #expect(claimed.first?.leaseOwner == "instance-a")
            #expect(try await store.claimJobsDueForPoll(by: "instance-b", at: now, leaseEnd: now.addingTimeInterval(10)).isEmpty)
            #expect(try await store.claimJobsDueForPoll(by: "instance-a", at: now, leaseEnd: now.addingTimeInterval(10)).map(\.id) == ["ftjob-due"])
            #expect(try await store.renewLease(onJob: "ftjob-due", by: "instance-a", until: now.addingTimeInterval(20)))
            #expect(try await !store.renewLease(onJob: "ftjob-due", by: "instance-b", until: now.addingTimeInterval(20)))
            #expect(try await store.claimJobsDueForPoll(by: "instance-b", at: now.addingTimeInterval(19), leaseEnd: now.addingTimeInterval(30)).isEmpty)

            // instance-a stops renewing: once the lease has expired, instance-b takes the job over.
            let later = now.addingTimeInterval(21)
            #expect(try await store.claimJobsDueForPoll(by: "instance-b", at: later, leaseEnd: later.addingTimeInterval(10)).map(\.id) == ["ftjob-due"])
            #expect(try await !store.renewLease(onJob: "ftjob-due", by: "instance-a", until: later.addingTimeInterval(10)))
            #expect(try await store.job("ftjob-due", visibleTo: Self.admin)?.leaseOwner == "instance-b")

            // A lease given back (a graceful shutdown) is free at once.
            try await store.releaseLeases(of: "instance-b")
            #expect(try await store.claimJobsDueForPoll(by: "instance-a", at: later, leaseEnd: later.addingTimeInterval(10)).map(\.id) == ["ftjob-due"])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func thousandsOfTunedModelsAreReadInBatches(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            let count = 1_234
            try await store.database.write((0..<count).map { index in
                SQLStatement(
                    """
                    INSERT INTO job (id, owner, model, training_file, request, client_token, status, fine_tuned_model, created_at)
                    VALUES (?, 'alice', 'openai/gpt-4o-mini', 'file-1', '{}', ?, 'succeeded', ?, 1700000000)
                    """,
                    [.text("ftjob-\(index)"), .text("token-\(index)"), .text("ft:openai:alice::ftjob-\(index)")])
            })
            let models = try await store.tunedModels(visibleTo: Self.admin)
            #expect(models.count == count)
            #expect(models.first?.id == "ftjob-\(count - 1)", "newest first")
            #expect(try await store.tunedModels(visibleTo: Self.alice).count == count, "and again, from the memo")
        }
    }

    /// The steps of SQLite's plan for `statement`.
    static func plan(of statement: SQLStatement, in store: GatewayStore) async throws -> [String] {
        try await store.database.read(SQLStatement("EXPLAIN QUERY PLAN " + statement.sql, statement.arguments)).map { try $0.text("detail") }
    }

    @Test func theSweepReadsOnlyUnfinishedJobsThroughTheDueJobIndex() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            let steps = try await Self.plan(of: store.claimStatement(by: "instance-a", at: Date(), leaseEnd: Date(), limit: 64), in: store)
            #expect(steps.contains { $0.contains("USING INDEX job_due") }, "\(steps)")
            #expect(!steps.contains { $0.hasPrefix("SCAN job") }, "\(steps)")
        }
    }

    @Test func aKeysPageIsReadFromTheIndexAlone() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            for after in [nil, "ftjob-1"] {
                let steps = try await Self.plan(of: store.pageStatement(visibleTo: Self.alice, after: after, limit: 21, metadata: [:]), in: store)
                #expect(steps.first == "SEARCH job USING COVERING INDEX job_owner_stamps (owner=?)" || steps.first?.hasPrefix("SEARCH job USING COVERING INDEX job_owner_stamps (owner=? AND seq<?)") == true, "\(steps)")
                #expect(!steps.contains { $0.contains("TEMP B-TREE") }, "ordered by the index: \(steps)")
            }
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func concurrentClaimsNeverHandOneJobToTwoInstances(database: TestDatabase) async throws {
        try await database.withStore { store, location in
            let jobs = 120
            for index in 0..<jobs { try await store.insert(Self.job("ftjob-\(index)"), firstPollAfter: -1) }
            var stores = [store]
            for _ in 1..<4 { stores.append(try await GatewayStore.open(location)) }
            // Four instances claim small batches at once, "poll" them (the next poll moves an hour on) and
            // claim again until nothing is due: their claims overlap in time.
            let claims = try await withThrowingTaskGroup(of: (String, [String]).self) { group in
                for (index, instanceStore) in stores.enumerated() {
                    group.addTask {
                        var claimed: [String] = []
                        while true {
                            let now = Date()
                            let batch = try await instanceStore.claimJobsDueForPoll(by: "instance-\(index)", at: now, leaseEnd: now.addingTimeInterval(60), limit: 3)
                            if batch.isEmpty { return ("instance-\(index)", claimed) }
                            for job in batch { try await instanceStore.postponePoll(job.id, until: now.addingTimeInterval(3600)) }
                            claimed += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [String: [String]]()) { $0[$1.0] = $1.1 }
            }
            for other in stores.dropFirst() { await other.close() }
            let all = claims.values.flatMap { $0 }
            #expect(all.count == jobs, "every job claimed once: \(claims.mapValues(\.count))")
            #expect(Set(all).count == jobs)
            for id in ["ftjob-0", "ftjob-119"] {
                let owner = try await store.job(id, visibleTo: Self.admin)?.leaseOwner
                #expect(claims[owner ?? ""]?.contains(id) == true, "the stored lease owner is the instance that claimed \(id)")
            }
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func migrationsRunOnceAndReopeningKeepsTheData(database: TestDatabase) async throws {
        try await database.withStore { store, location in
            _ = try await store.createKey(name: "alice", isAdmin: false)
            async let reopened = GatewayStore.open(location)
            async let reopenedAgain = GatewayStore.open(location)
            let stores = try await [reopened, reopenedAgain]
            for other in stores {
                #expect(try await other.keys().map(\.name) == ["alice"])
                await other.close()
            }
            if database == .postgres {
                let versions = try await store.database.read(SQLStatement("SELECT version FROM schema_version ORDER BY version"))
                #expect(try versions.map { try $0.integer("version") } == PostgresGatewayDatabase.migrations.map(\.version))
            }
        }
    }

    @Test func aPostgresFailureNamesTheDatabaseButNeverThePassword() async throws {
        let server = try TestDatabase.requirePostgresServer()
        let wrongPassword = "wrong-password-\(UUID().uuidString.prefix(8))"
        let text = "postgres://\(server.user):\(wrongPassword)@\(server.host):\(server.port)/\(server.database)"
        let location = try GatewayDatabaseLocation(parsing: text)
        #expect(!location.description.contains(wrongPassword))
        let error = await #expect(throws: FineTuningError.self) { try await GatewayStore.open(location) }
        #expect(error?.message.contains("@\(server.host):\(server.port)/") == true, "names the database: \(error?.message ?? "")")
        #expect(error?.message.contains("password authentication failed") == true, "\(error?.message ?? "")")
        #expect(error.map { "\($0)" }?.contains(wrongPassword) == false)

        let refused = await #expect(throws: FineTuningError.self) {
            try await GatewayStore.open(GatewayDatabaseLocation(parsing: "postgres://\(server.user):\(wrongPassword)@127.0.0.1:1/db"))
        }
        #expect(refused.map { "\($0)" }?.contains(wrongPassword) == false)
        #expect(refused?.message.contains("@127.0.0.1:1/db") == true, "names the database: \(refused?.message ?? "")")
        #expect(refused?.message.contains("Connection refused") == true, "\(refused?.message ?? "")")
        for bad in ["postgres://:secret-password@/db", "postgres://user:secret-password@localhost:459819/db", "postgres://user:secret-password@host:port/db"] {
            let parseError = #expect(throws: FineTuningError.self) { try GatewayDatabaseLocation(parsing: bad) }
            #expect(parseError?.parameter == "database")
            #expect(parseError?.message.contains("secret") == false, "\(parseError?.message ?? "")")
        }
    }
}
