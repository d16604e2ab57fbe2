import FineTuning
import Foundation
import Synchronization

/// A provider for facade tests: its jobs advance through a script of states, one per `getJob`,
/// and it records what it was asked. It stands in for a backend, not for the facade under test.
final class ScriptedProvider: FineTuningProvider, Sendable {
    let descriptor: ProviderDescriptor
    private struct State {
        var script: [JobStatus]
        var polls = 0
        var createdRequests: [ProviderJobRequest] = []
    }
    private let state: Mutex<State>
    private let pageSize: Int
    private let jobCount: Int
    private let reportsProgress: Bool
    private let eventsPerPoll: Int

    init(id: String = "scripted", script: [JobStatus] = [.queued, .running, .succeeded], jobCount: Int = 0, pageSize: Int = 2,
         capabilities: Set<ProviderCapability> = [.events], reportsProgress: Bool = true, eventsPerPoll: Int = 1,
         eventOrder: ProviderDescriptor.EventOrder = .newestFirst, dataset: DatasetRequirements = DatasetRequirements(format: .openAIChat)) {
        descriptor = ProviderDescriptor(
            id: id, displayName: "Scripted test provider", capabilities: capabilities,
            hyperparameters: TestHyperparameterTables.hosted(provider: id), dataset: dataset, pollInterval: .milliseconds(10),
            eventOrder: eventOrder)
        state = Mutex(State(script: script))
        self.jobCount = jobCount
        self.pageSize = pageSize
        self.reportsProgress = reportsProgress
        self.eventsPerPoll = eventsPerPoll
    }

    var pollCount: Int { state.withLock { $0.polls } }
    var createdRequests: [ProviderJobRequest] { state.withLock { $0.createdRequests } }

    func job(_ native: String, _ status: JobStatus, step: Int? = nil) -> FineTuningJob {
        FineTuningJob(
            id: JobID(provider: descriptor.id, native: native), baseModel: "base", status: status, providerStatus: status.name,
            tunedModel: status == .succeeded ? TunedModel(name: "tuned-\(native)") : nil,
            progress: step.map { JobProgress(completedSteps: $0, totalSteps: 10) })
    }

    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        state.withLock { $0.createdRequests.append(request) }
        return job("job-1", .queued)
    }

    func getJob(id: String) async throws -> FineTuningJob {
        let status = state.withLock { state in
            state.polls += 1
            return state.script.count > 1 ? state.script.removeFirst() : state.script[0]
        }
        return job(id, status, step: reportsProgress ? pollCount : nil)
    }

    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        let start = Int(page.cursor ?? "0")!
        let end = min(jobCount, start + (page.limit ?? pageSize))
        let items = (start..<end).map { job("job-\($0)", .succeeded) }
        return Page(items: items, nextCursor: end < jobCount ? String(end) : nil)
    }

    func cancelJob(id: String) async throws -> FineTuningJob { job(id, .cancelling) }

    /// `eventsPerPoll` new events per `getJob` so far, paged by index in the descriptor's order; an
    /// oldest-first listing always gives a cursor (as the local backend does), a newest-first one none at the end.
    func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        let all = (0..<(pollCount * eventsPerPoll)).map { index in
            JobEvent(id: "event-\(index)", createdAt: Date(timeIntervalSince1970: Double(index)), message: "step \(index)",
                     metrics: TrainingMetrics(step: index, trainLoss: 2.0 / Double(index + 1)))
        }
        let ordered = descriptor.eventOrder == .oldestFirst ? all : all.reversed()
        let start = min(ordered.count, Int(page.cursor ?? "0")!)
        let end = min(ordered.count, start + (page.limit ?? ordered.count))
        let more = end < ordered.count || descriptor.eventOrder == .oldestFirst
        return Page(items: Array(ordered[start..<end]), nextCursor: more ? String(end) : nil)
    }
}
