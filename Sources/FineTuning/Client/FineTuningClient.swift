import Foundation

/// The one entry point for callers: routes model strings and job ids to providers, validates
/// data locally before upload, translates hyperparameters, pages through listings and waits.
public struct FineTuningClient: Sendable {
    public let registry: ProviderRegistry

    public init(registry: ProviderRegistry) {
        self.registry = registry
    }

    /// Starts a job: routes the model string, translates hyperparameters (strict or lenient),
    /// validates local data files for the provider (converting them when asked), then creates.
    public func createJob(_ request: CreateJobRequest) async throws -> CreatedJob {
        let prepared = try await prepare(request)
        let job = try await registry.provider(for: prepared.model.provider).createJob(prepared.request)
        return CreatedJob(job: job, warnings: prepared.warnings, datasetReports: prepared.datasetReports)
    }

    /// A create request checked and translated for its provider, before anything is sent.
    struct PreparedCreate: Sendable {
        var model: ModelReference
        var descriptor: ProviderDescriptor
        var request: ProviderJobRequest
        var warnings: [String]
        var datasetReports: [DatasetReport]
    }

    /// Routes the model string, translates hyperparameters, validates (and converts) local data files.
    func prepare(_ request: CreateJobRequest) async throws -> PreparedCreate {
        // Everything that can be checked without credentials is checked before the provider is made.
        let model = try ModelReference(parsing: request.model, knownProviders: registry.providerIDs)
        let registration = try registry.registration(for: model.provider)
        try registration.checkModel(model.model)
        let descriptor = registration.descriptor
        let translated = try descriptor.translate(request.hyperparameters, method: request.method, mode: request.translation)
        let requirements = try descriptor.datasetRequirements(for: request.method)
        let preparation = TrainingDataPreparation(requirements: requirements, provider: descriptor.id, convert: request.convertData)
        // Validation reads whole files (in parallel parts): on a thread of its own, not the cooperative pool.
        let (training, trainingReport) = try await BlockingBridge.onDedicatedThread {
            try preparation.prepare(request.trainingData, parameter: "training_file")
        }
        var reports = trainingReport.map { [$0] } ?? []
        var validation: DataReference?
        if let validationData = request.validationData {
            let (reference, report) = try await BlockingBridge.onDedicatedThread {
                try preparation.prepare(validationData, parameter: "validation_file")
            }
            validation = reference
            if let report { reports.append(report) }
        }
        let providerRequest = ProviderJobRequest(
            baseModel: model.model, trainingData: training, validationData: validation, hyperparameters: translated,
            method: request.method, suffix: request.suffix, labels: request.labels, options: request.options,
            clientToken: request.clientToken ?? UUID().uuidString.lowercased())
        return PreparedCreate(model: model, descriptor: descriptor, request: providerRequest, warnings: translated.warnings, datasetReports: reports)
    }

    /// The job's current state.
    public func job(_ id: JobID) async throws -> FineTuningJob {
        let provider = try registry.provider(for: id)
        return try await provider.getJob(id: id.native)
    }

    /// Every job of a provider, all pages, fetched lazily.
    public func jobs(provider id: String, filter: JobFilter = JobFilter(), pageSize: Int? = nil) throws -> PagedSequence<FineTuningJob> {
        let provider = try registry.provider(for: id)
        return PagedSequence(first: PageRequest(limit: pageSize)) { page in
            try await provider.listJobs(page, filter: filter)
        }
    }

    /// Asks the provider to stop the job.
    public func cancelJob(_ id: JobID) async throws -> FineTuningJob {
        let provider = try registry.provider(for: id)
        return try await provider.cancelJob(id: id.native)
    }

    /// Asks the provider to pause the job (where it can).
    public func pauseJob(_ id: JobID) async throws -> FineTuningJob {
        let provider = try registry.provider(for: id)
        return try await provider.pauseJob(id: id.native)
    }

    /// Asks the provider to resume a paused job.
    public func resumeJob(_ id: JobID) async throws -> FineTuningJob {
        let provider = try registry.provider(for: id)
        return try await provider.resumeJob(id: id.native)
    }

    /// Starts a job a dry run created and kept (`previewJob(_:keep: true)`).
    public func startJob(_ id: JobID) async throws -> FineTuningJob {
        let provider = try registry.provider(for: id)
        return try await provider.startJob(id: id.native)
    }

    /// Every event of the job, all pages, in the provider's order.
    public func events(_ id: JobID, pageSize: Int? = nil) throws -> PagedSequence<JobEvent> {
        let provider = try registry.provider(for: id)
        return PagedSequence(first: PageRequest(limit: pageSize)) { page in
            try await provider.listEvents(jobID: id.native, page: page)
        }
    }

    /// Every checkpoint of the job, all pages.
    public func checkpoints(_ id: JobID, pageSize: Int? = nil) throws -> PagedSequence<Checkpoint> {
        let provider = try registry.provider(for: id)
        return PagedSequence(first: PageRequest(limit: pageSize)) { page in
            try await provider.listCheckpoints(jobID: id.native, page: page)
        }
    }

    /// Polls the job until it ends (or `options.timeout` passes), reporting every state change,
    /// progress and new event to `onUpdate`. Returns the job in its final state. Polls back off
    /// while nothing changes; cancelling the calling task stops the wait (not the job).
    public func wait(
        for id: JobID, options: WaitOptions = WaitOptions(), onUpdate: @Sendable (JobUpdate) -> Void = { _ in }
    ) async throws -> FineTuningJob {
        let provider = try registry.provider(for: id)
        let watcher = JobWatcher(provider: provider, jobID: id, options: options)
        return try await watcher.run(onUpdate: onUpdate)
    }

    /// The same updates as `wait`, as an async sequence that ends when the job does.
    public func updates(for id: JobID, options: WaitOptions = WaitOptions()) -> AsyncThrowingStream<JobUpdate, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    _ = try await wait(for: id, options: options) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
