public import FineTuning
import Foundation

/// The local llama.cpp backend (`llamacpp/PATH.gguf`): a full fine-tune through llama.cpp's training
/// C API, run by a detached worker process so that jobs outlive the caller, stored on disk by
/// `LocalJobStore`. Works without llama.cpp installed for everything but starting jobs.
public struct LlamaCppProvider: FineTuningProvider {
    public static let descriptor = ProviderDescriptor(
        id: "llamacpp", displayName: "llama.cpp (local)", capabilities: [.events, .checkpoints, .pauseResume],
        hyperparameters: .llamaCpp, dataset: .llamaCpp, pollInterval: .milliseconds(500),
        environment: ["FINETUNE_HOME", "FINETUNE_LLAMA_WORKER"], eventOrder: .oldestFirst)

    /// The registry entry for the built-in registry; `environment` is usually the process environment.
    public static func registration(environment: [String: String]) -> ProviderRegistration {
        ProviderRegistration(descriptor: descriptor, origin: .builtIn) { LlamaCppProvider(environment: environment) }
    }

    public var descriptor: ProviderDescriptor { Self.descriptor }
    public let store: LocalJobStore
    let environment: [String: String]

    public init(environment: [String: String], store: LocalJobStore? = nil) {
        self.environment = environment
        self.store = store ?? LocalJobStore(root: LocalJobStore.defaultRoot(environment: environment))
    }

    /// Validates the data and the memory plan and stores the job on a thread of its own (the
    /// files are read in full), then starts its worker.
    public func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        let (job, worker) = try await BlockingBridge.onDedicatedThread { [self] in try storeJob(request) }
        if let worker { try await start(worker, job: job.id.native) }
        return job
    }

    /// The job an earlier attempt made with the request's client token (and no worker to start), or
    /// the new job, checked and stored, with the worker that will train it. Blocking.
    func storeJob(_ request: ProviderJobRequest) throws -> (job: FineTuningJob, worker: TrainingWorker?) {
        if let existing = try findJob(clientToken: request.clientToken) { return (existing, nil) }
        let planned = try plan(request)
        var spec = planned.spec
        let worker = try TrainingWorker.locate(environment: environment)

        let id = LocalJobStore.newJobID()
        if let conversion = planned.model.conversion {
            spec.conversion = conversion
            spec.modelPath = store.directory(of: id).appendingPathComponent(ModelConversion.convertedFileName).path
        }
        var labels = request.labels
        labels[ProviderJobRequest.clientTokenLabel] = request.clientToken
        var job = FineTuningJob(
            id: JobID(provider: descriptor.id, native: id), baseModel: planned.spec.modelPath, status: .queued, providerStatus: "queued",
            createdAt: Date(), hyperparameters: spec.appliedHyperparameters, trainingData: spec.trainingFile, validationData: spec.validationFile,
            progress: JobProgress(completedSteps: 0, completedEpochs: 0, totalEpochs: spec.epochs), labels: labels)
        if let suffix = request.suffix { job.labels["suffix"] = suffix }
        try store.create(job, spec: spec)
        try store.append(JobEvent(id: "memory-plan", createdAt: Date(), message: planned.memoryPlanNotice), to: id)
        if let notice = planned.conversionNotice {
            try store.append(JobEvent(id: "conversion-notice", createdAt: Date(), level: .warning, message: notice), to: id)
        }
        return (job, worker)
    }

    /// What a job for `request` would be, checked as a create checks it (method, options, the
    /// model's type and architecture, the data, the memory plan against the limit); nothing is
    /// stored. Blocking: the data files are read in full.
    func plan(_ request: ProviderJobRequest) throws -> PlannedJob {
        guard request.method == .supervised else {
            throw FineTuningError(.unsupported, "the llamacpp provider does supervised fine-tuning only, not \(request.method.rawValue)", provider: "llamacpp", parameter: "method")
        }
        let options = try LlamaCppOptions(request.options)
        let modelPath = Self.absolutePath(request.baseModel)
        let model = try TrainableModel(path: modelPath, consentToConvert: options.convertToF32)
        let trainingFile = try Self.localFile(request.trainingData, parameter: "training_file")
        let validationFile = try request.validationData.map { try Self.localFile($0, parameter: "validation_file") }
        var examples = try DatasetReader.examples(path: trainingFile, requirements: .llamaCpp)
        if let validationFile { examples += try DatasetReader.examples(path: validationFile, requirements: .llamaCpp, parameter: "validation_file") }
        var spec = try TrainingSpec(modelPath: modelPath, trainingFile: trainingFile, validationFile: validationFile, hyperparameters: request.hyperparameters)
        spec.checkpointSteps = options.checkpointSteps
        spec.maxMemory = options.maxMemory
        let memory = MemoryPlan(model: model.file, contextLength: spec.windowLength(longestExample: Self.tokenBound(examples)), optimizer: spec.optimizer)
        try memory.check(maxMemory: options.maxMemory)
        return PlannedJob(model: model, spec: spec, memory: memory)
    }

    /// Starts the worker that trains job `id`, detached.
    func start(_ worker: TrainingWorker, job id: String) async throws {
        try await worker.startDetached(arguments: ["train", store.directory(of: id).path], log: store.logFile(of: id), pidFile: store.pidFile(of: id))
    }

    /// An upper bound of the longest example's length in tokens before the model's tokenizer has
    /// seen it: a token per UTF-8 byte plus the chat template's markers (32 per turn).
    static func tokenBound(_ entries: [DatasetReader.Entry]) -> Int {
        entries.map { entry in
            let example = entry.example
            let turns = example.turns.map { $0.text.utf8.count + 32 }.reduce(0, +)
            return turns + (example.systemPrompt.map { $0.utf8.count + 32 } ?? 0) + 32
        }.max() ?? 1
    }

    // Every operation reads and writes the job's files on a thread of its own, never on the cooperative pool.

    public func getJob(id: String) async throws -> FineTuningJob {
        try await BlockingBridge.onDedicatedThread { [self] in try currentJob(id) }
    }

    public func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        await BlockingBridge.onDedicatedThread { [self] in jobs(page, filter: filter) }
    }

    /// One page of the stored jobs, newest first. Blocking.
    func jobs(_ page: PageRequest, filter: JobFilter) -> Page<FineTuningJob> {
        let ids = store.jobIDs().filter { page.cursor == nil || $0 < page.cursor! }
        let limit = page.limit ?? 20
        var jobs: [FineTuningJob] = []
        var last: String?
        for id in ids {
            last = id
            guard let job = try? currentJob(id), filter.matches(job) else { continue }
            jobs.append(job)
            if jobs.count == limit { break }
        }
        let more = last.map { last in ids.contains { $0 < last } } ?? false
        return Page(items: jobs, nextCursor: more ? last : nil)
    }

    public func cancelJob(id: String) async throws -> FineTuningJob {
        try await BlockingBridge.onDedicatedThread { [self] in try cancel(id) }
    }

    /// Asks the worker to stop, or cancels a paused job at once. Blocking.
    func cancel(_ id: String) throws -> FineTuningJob {
        var job = try currentJob(id)
        guard !job.status.isTerminal else { return job }
        try store.requestCancel(id)
        if job.status == .paused {
            // No worker runs a paused job: cancel it here.
            job.status = .cancelled
            job.providerStatus = "cancelled"
            job.finishedAt = Date()
            try store.save(job)
            try store.append(JobEvent(id: "cancelled", createdAt: job.finishedAt, message: "job cancelled while paused"), to: id)
            return job
        }
        return try currentJob(id)
    }

    /// The job's events oldest first; the cursor is the index of the next event, so polling with the
    /// last page's cursor returns only what happened since.
    public func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        let events = try await BlockingBridge.onDedicatedThread { [store] in
            _ = try store.job(jobID)
            return store.events(of: jobID)
        }
        let start = min(events.count, page.cursor.flatMap(Int.init) ?? 0)
        let end = min(events.count, start + (page.limit ?? events.count))
        return Page(items: Array(events[start..<end]), nextCursor: String(end))
    }

    /// The stored job, with a dead worker's job turned `failed` and a pending cancel shown as `cancelling`.
    func currentJob(_ id: String) throws -> FineTuningJob {
        var job = try store.job(id)
        guard !job.status.isTerminal, job.status != .paused, let pid = store.workerPID(of: id) else { return job }
        if TrainingWorker.isAlive(pid: pid, jobDirectory: store.directory(of: id)) {
            if store.isCancelRequested(id) {
                job.status = .cancelling
                job.providerStatus = "cancelling"
            } else if store.isPauseRequested(id) {
                // The worker pauses after the window it is training.
                job.status = .paused
                job.providerStatus = "pausing"
            }
            return job
        }
        // The worker may have finished between the two reads.
        job = try store.job(id)
        guard !job.status.isTerminal else { return job }
        let tail = store.logTail(of: id)
        job.status = .failed
        job.providerStatus = "worker_died"
        job.finishedAt = Date()
        job.error = JobError(
            code: "worker_died",
            message: "the training worker (pid \(pid)) ended without finishing the job (killed or crashed); log: \(store.logFile(of: id).path)" + (tail.isEmpty ? "" : "; last lines: \(tail)"))
        // A reader who may not write the store still gets the repaired job; the next writer records it.
        guard (try? store.save(job)) != nil else { return job }
        try? store.append(JobEvent(id: "worker-died", createdAt: job.finishedAt, level: .error, message: job.error!.message), to: id)
        return job
    }

    func findJob(clientToken: String) throws -> FineTuningJob? {
        for id in store.jobIDs() {
            if let job = try? store.job(id), job.labels[ProviderJobRequest.clientTokenLabel] == clientToken { return try currentJob(id) }
        }
        return nil
    }

    static func localFile(_ reference: DataReference, parameter: String) throws -> String {
        guard case .localFile(let path) = reference else {
            throw FineTuningError(.invalidRequest, "the llamacpp provider trains on local files only, not '\(reference)'", provider: "llamacpp", parameter: parameter)
        }
        return absolutePath(path)
    }

    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
    }
}
