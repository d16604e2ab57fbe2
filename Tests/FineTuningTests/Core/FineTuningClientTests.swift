import FineTuning
import Foundation
import Synchronization
import Testing

@Suite struct FineTuningClientTests {
    final class Updates: Sendable {
        private let items = Mutex<[JobUpdate]>([])
        func append(_ update: JobUpdate) { items.withLock { $0.append(update) } }
        var all: [JobUpdate] { items.withLock { $0 } }
    }

    func client(_ provider: ScriptedProvider) throws -> FineTuningClient {
        let registry = ProviderRegistry()
        try registry.register(provider)
        return FineTuningClient(registry: registry)
    }

    static let job1 = JobID(provider: "scripted", native: "job-1")

    @Test func createRoutesTranslatesAndPassesRemoteDataThrough() async throws {
        let provider = ScriptedProvider()
        let created = try await client(provider).createJob(CreateJobRequest(
            model: "scripted/gpt-4o-mini", trainingData: .providerFile(id: "file-abc123"), hyperparameters: Hyperparameters(epochs: 3, weightDecay: 0.1),
            labels: ["team": "ml"], translation: .lenient))
        #expect(created.job.id.description == "scripted:job-1")
        let request = try #require(provider.createdRequests.first)
        #expect(request.baseModel == "gpt-4o-mini")
        #expect(request.trainingData == .providerFile(id: "file-abc123"))
        #expect(request.hyperparameters.native == ["n_epochs": 3])
        #expect(created.warnings.count == 1 && created.warnings[0].contains("weight_decay"))
        #expect(!request.clientToken.isEmpty)
    }

    @Test func aVertexDatasetResourceNameReachesTheProvider() async throws {
        let provider = ScriptedProvider()
        let dataset = "projects/p/locations/us-central1/datasets/123"
        _ = try await client(provider).createJob(CreateJobRequest(model: "scripted/m", trainingData: DataReference(parsing: dataset)))
        #expect(provider.createdRequests.first?.trainingData == .resourceName(dataset))
    }

    @Test func createRefusesAMissingLocalFileBeforeCallingTheProvider() async throws {
        let provider = ScriptedProvider()
        let error = await #expect(throws: FineTuningError.self) {
            try await client(provider).createJob(CreateJobRequest(model: "scripted/m", trainingData: .localFile(path: "missing/train.jsonl")))
        }
        #expect(error?.parameter == "training_file")
        #expect(provider.createdRequests.isEmpty)
    }

    @Test func createIsStrictByDefault() async throws {
        let provider = ScriptedProvider()
        await #expect(throws: FineTuningError.self) {
            try await client(provider).createJob(CreateJobRequest(model: "scripted/m", trainingData: .providerFile(id: "file-1"), hyperparameters: Hyperparameters(epochs: 51)))
        }
        #expect(provider.createdRequests.isEmpty)
    }

    @Test func listWalksEveryPage() async throws {
        let jobs = try await client(ScriptedProvider(jobCount: 5, pageSize: 2)).jobs(provider: "scripted").collect()
        #expect(jobs.map(\.id.native) == (0..<5).map { "job-\($0)" })
    }

    @Test func waitReportsEveryStateChangeAndNewEventThenReturnsTheFinalJob() async throws {
        let provider = ScriptedProvider(script: [.queued, .running, .running, .succeeded])
        let updates = Updates()
        let job = try await client(provider).wait(for: Self.job1, options: WaitOptions(clock: ImmediateClock())) { updates.append($0) }
        #expect(job.status == .succeeded)
        #expect(job.tunedModel?.name == "tuned-job-1")
        let statuses = updates.all.compactMap { if case .status(let job) = $0 { job.status } else { nil } }
        #expect(statuses == [.queued, .running, .succeeded])
        let eventIDs = updates.all.compactMap { if case .event(let event) = $0 { event.id } else { nil } }
        #expect(eventIDs == ["event-0", "event-1", "event-2", "event-3"])
        #expect(updates.all.contains { if case .progress = $0 { true } else { false } })
    }

    @Test(arguments: [(ProviderDescriptor.EventOrder.oldestFirst, 0), (.newestFirst, 50)])
    func waitReportsEveryNewEventOnceAcrossPages(order: ProviderDescriptor.EventOrder, firstReported: Int) async throws {
        // 150 new events per poll, 100 per page: new events span pages in both orders. A newest-first
        // listing's first poll reads one page (the newest 100); after that nothing new is missed.
        let provider = ScriptedProvider(script: [.running, .running, .succeeded], eventsPerPoll: 150, eventOrder: order)
        let updates = Updates()
        _ = try await client(provider).wait(for: Self.job1, options: WaitOptions(clock: ImmediateClock())) { updates.append($0) }
        let reported = updates.all.compactMap { if case .event(let event) = $0 { event.id } else { nil } }
        #expect(reported == (firstReported..<450).map { "event-\($0)" })
    }

    @Test func waitTimesOutWithTheJobStillRunning() async throws {
        let provider = ScriptedProvider(script: [.running])
        let error = await #expect(throws: FineTuningError.self) {
            try await client(provider).wait(for: Self.job1, options: WaitOptions(pollInterval: .seconds(1), timeout: .seconds(5), clock: ImmediateClock()))
        }
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("running") == true)
    }

    @Test func waitBacksOffWhileNothingChanges() async throws {
        let clock = ImmediateClock()
        let provider = ScriptedProvider(script: [.running, .running, .running, .running, .succeeded], capabilities: [], reportsProgress: false)
        _ = try await client(provider).wait(for: Self.job1, options: WaitOptions(pollInterval: .seconds(1), maxPollInterval: .seconds(2), clock: clock))
        #expect(clock.sleeps == [.seconds(1), .seconds(1.5), .seconds(2), .seconds(2)])
    }

    @Test func anUndeclaredCapabilityIsUnsupportedNamingProviderAndCapability() async throws {
        let error = await #expect(throws: FineTuningError.self) {
            try await client(ScriptedProvider()).pauseJob(Self.job1)
        }
        #expect(error?.code == .unsupported)
        #expect(error?.provider == "scripted")
        #expect(error?.parameter == "pause_resume")
    }
}
