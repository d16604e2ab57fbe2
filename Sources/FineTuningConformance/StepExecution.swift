import FineTuning
import Foundation

/// Runs one scenario step through a provider, resolving its inputs against `target.json`.
struct StepExecution {
    let step: ScenarioStep
    let provider: any FineTuningProvider
    let fixture: FixtureTarget

    /// The client token every conformance create carries, so fixtures can record it.
    static let clientToken = "conformance-token"

    func run() async throws -> StepValue {
        let inputs = step.inputs
        switch step.operation {
        case .create:
            return .job(try await provider.createJob(createRequest()))
        case .createUnstarted:
            var request = try createRequest()
            request.startsImmediately = false
            return .job(try await provider.createJob(request))
        case .start:
            return .job(try await provider.startJob(id: try jobID()))
        case .get:
            return .job(try await provider.getJob(id: try jobID()))
        case .cancel:
            return .job(try await provider.cancelJob(id: try jobID()))
        case .pause:
            return .job(try await provider.pauseJob(id: try jobID()))
        case .resume:
            return .job(try await provider.resumeJob(id: try jobID()))
        case .listAll:
            let (jobs, pages) = try await collectPages { page in try await provider.listJobs(page, filter: JobFilter()) }
            return .jobs(jobs, pages: pages)
        case .events:
            let id = try jobID()
            let (events, pages) = try await collectPages { page in try await provider.listEvents(jobID: id, page: page) }
            return .events(events, pages: pages)
        case .checkpoints:
            let id = try jobID()
            let (checkpoints, pages) = try await collectPages { page in try await provider.listCheckpoints(jobID: id, page: page) }
            return .checkpoints(checkpoints, pages: pages)
        }

        func jobID() throws -> String {
            guard let job = inputs.job else { throw ConformanceFailure("scenario step \(step.operation.rawValue) has no inputs.job") }
            return try fixture.resolve(job)
        }
    }

    /// The create request: target model and data, the method, hyperparameters translated with the
    /// descriptor's table for that method, the fixed client token.
    func createRequest() throws -> ProviderJobRequest {
        let inputs = step.inputs
        guard let model = inputs.model else { throw ConformanceFailure("create step has no inputs.model") }
        let trainingData: DataReference
        if let file = inputs.trainingFile {
            trainingData = .localFile(path: fixture.localFile(try fixture.resolve(file)))
        } else if let data = inputs.trainingData {
            // A provider without HTTP holds its data locally: `training_data` is then a file.
            let reference = try fixture.resolve(data)
            trainingData = fixture.makesHTTPCalls ? .remote(parsing: reference) : .localFile(path: fixture.localFile(reference))
        } else {
            throw ConformanceFailure("create step has neither inputs.training_data nor inputs.training_file")
        }
        let hyperparameters = try fixture.resolveIfPresent(inputs.hyperparameters) ?? Hyperparameters()
        let method = inputs.method ?? .supervised
        return ProviderJobRequest(
            baseModel: try fixture.resolve(model), trainingData: trainingData,
            hyperparameters: try provider.descriptor.translate(hyperparameters, method: method, mode: .strict),
            method: method, options: try fixture.resolveIfPresent(inputs.options) ?? [:], clientToken: Self.clientToken)
    }

    /// Every item of every page, through the framework's own pager, and how many pages it took.
    private func collectPages<Element: Sendable>(
        _ fetch: @escaping @Sendable (PageRequest) async throws -> Page<Element>
    ) async throws -> ([Element], Int) {
        let limit = try fixture.resolveIfPresent(step.inputs.pageLimit)
        let pages = PageCounter()
        let items = try await PagedSequence(first: PageRequest(limit: limit)) { request in
            let page = try await fetch(request)
            await pages.increment()
            return page
        }.collect()
        return (items, await pages.count)
    }
}

/// Counts the pages a listing fetched.
private actor PageCounter {
    private(set) var count = 0

    func increment() { count += 1 }
}
