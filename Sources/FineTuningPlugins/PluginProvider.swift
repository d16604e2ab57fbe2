import CFineTuningPlugin
public import FineTuning
import FineTuningHTTP
import FineTuningPluginABI
import Foundation

/// A `FineTuningProvider` that forwards every operation to a plugin's C table as JSON in the
/// wire form. Each call runs on a thread of its own (plugins block while they wait for HTTP),
/// cancellation of the calling task is passed on through `is_cancelled`, and every answer is
/// checked: a response that is not the documented JSON is a `plugin_abi` error naming the file.
public final class PluginProvider: FineTuningProvider, @unchecked Sendable {
    // @unchecked: every stored property is immutable; the plugin instance may be called from any
    // thread, concurrently, by the ABI's threading rules.
    public let descriptor: ProviderDescriptor
    private let plugin: LoadedPlugin
    private let transport: any HTTPTransport
    private let host: UnsafeMutablePointer<finetune_host_v1>
    private let instance: UnsafeMutableRawPointer?
    /// How long one operation may run before it ends in a `timeout` error.
    public let operationTimeout: Duration
    /// Attempts and backoff for errors the plugin declares retryable: those of the transport's
    /// retry layer, or none (one attempt) when the transport does not retry.
    private let retryPolicy: RetryPolicy?

    init(plugin: LoadedPlugin, environment: [String: String], transport: any HTTPTransport, operationTimeout: Duration) throws {
        self.plugin = plugin
        self.operationTimeout = operationTimeout
        self.retryPolicy = (transport as? RetryingTransport)?.policy
        self.descriptor = plugin.descriptor
        self.transport = transport
        let host = HostServices.makeTable()
        let configuration = try WireFormat.document("environment", environment)
        var instance: UnsafeMutableRawPointer?
        var errorText: UnsafeMutablePointer<CChar>?
        let status = PluginCrashNotice.during(plugin: plugin.path, operation: "create_instance", provider: plugin.descriptor.id) {
            String(decoding: configuration, as: UTF8.self).withCString { text in
                plugin.table.functions.create_instance!(host, text, &instance, &errorText)
            }
        }
        let error = plugin.table.take(errorText)
        guard status == FINETUNE_OK else {
            host.deallocate()
            throw try Self.decodeError(error, plugin: plugin, operation: "create_instance").error
        }
        self.host = host
        self.instance = instance
    }

    deinit {
        plugin.table.functions.destroy_instance!(instance)
        host.deallocate()
    }

    public func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        guard plugin.manifest.accepts(model: request.baseModel) else {
            throw FineTuningError(
                .invalidRequest,
                "provider '\(descriptor.id)' (plugin \(plugin.path)) takes base models starting with \(plugin.manifest.modelPrefixes.joined(separator: ", ")), not '\(request.baseModel)'",
                provider: descriptor.id, parameter: "model")
        }
        return try await create(WireFormat.document(PluginJobRequest.documentKey, PluginJobRequest(request)), clientToken: request.clientToken)
    }

    public func getJob(id: String) async throws -> FineTuningJob {
        try await job(.getJob, id: id)
    }

    public func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        var result = try await self.page(.listJobs, PluginListRequest(page: page, filter: filter), of: FineTuningJob.self, as: .jobPage)
        try result.items.forEach(checkOwnership)
        result.items = result.items.filter(filter.matches)
        return result
    }

    public func cancelJob(id: String) async throws -> FineTuningJob {
        try await job(.cancelJob, id: id)
    }

    public func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        try await self.page(.listEvents, PluginListRequest(jobID: jobID, page: page), of: JobEvent.self, as: .eventPage)
    }

    public func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint> {
        try await self.page(.listCheckpoints, PluginListRequest(jobID: jobID, page: page), of: Checkpoint.self, as: .checkpointPage)
    }

    public func pauseJob(id: String) async throws -> FineTuningJob {
        try await job(.pauseJob, id: id)
    }

    public func resumeJob(id: String) async throws -> FineTuningJob {
        try await job(.resumeJob, id: id)
    }

    public func startJob(id: String) async throws -> FineTuningJob {
        try await job(.startJob, id: id)
    }

    // MARK: - Calls

    private func job(_ operation: PluginOperation, id: String) async throws -> FineTuningJob {
        try await job(operation, WireFormat.document("id", id))
    }

    private func job(_ operation: PluginOperation, _ request: Data) async throws -> FineTuningJob {
        try job(from: try await perform(operation, request), operation: operation)
    }

    private func job(from answer: String, operation: PluginOperation) throws -> FineTuningJob {
        let job = try decode(FineTuningJob.self, at: "job", as: .job, from: answer, operation: operation)
        try checkOwnership(job)
        return job
    }

    /// Runs create_job, and again after a failure only where that cannot make a second job
    /// (`PluginCreateExchanges`): after a lost answer or a 408, 429 or 5xx, the job is looked up by
    /// its client token first when every request that may have made it carried the token, and
    /// otherwise the create ends with an error saying the job may have been created.
    private func create(_ request: Data, clientToken: String) async throws -> FineTuningJob {
        var attempt = 1
        while true {
            let exchanges = PluginCreateExchanges(clientToken: clientToken)
            var error: FineTuningError
            var retryable = false
            do {
                return try job(from: try await performOnce(.createJob, request, createExchanges: exchanges), operation: .createJob)
            } catch let failure as RetryableFailure {
                (error, retryable) = (failure.error, true)
            } catch let failure as FineTuningError {
                error = failure
            }
            let resend = exchanges.resend(after: error)
            if resend == .afterLookup, let existing = try await job(clientToken: clientToken) { return existing }
            guard resend == .afterLookup || (resend == .ifRetryable && retryable), let retryPolicy, attempt < retryPolicy.maxAttempts else {
                if resend != .ifRetryable { error.details.append(IdempotentCreate.mayHaveBeenCreated(provider: descriptor.id)) }
                throw error
            }
            try await retryPolicy.backoff.sleep(attempt: attempt, retryAfter: error.retryAfter)
            attempt += 1
        }
    }

    /// The job an earlier create made, found by the client token among its labels on the first page of jobs.
    private func job(clientToken: String) async throws -> FineTuningJob? {
        let filter = JobFilter(labels: [ProviderJobRequest.clientTokenLabel: clientToken])
        return try await listJobs(PageRequest(limit: Self.lookupWindow), filter: filter).items.first
    }

    /// How many of the newest jobs a lookup by client token searches.
    static let lookupWindow = 10

    private func page<Item: Codable & Sendable>(
        _ operation: PluginOperation, _ list: PluginListRequest, of: Item.Type, as document: PluginDocument
    ) async throws -> Page<Item> {
        let answer = try await perform(operation, WireFormat.document(PluginListRequest.documentKey, list))
        return try decode(PluginPage<Item>.self, at: PluginPage<Item>.documentKey, as: document, from: answer, operation: operation).page
    }

    /// A job must carry this provider's qualified id, or it could not be routed back.
    private func checkOwnership(_ job: FineTuningJob) throws {
        guard job.id.provider == descriptor.id else {
            throw PluginFailure.malformedResponse(
                plugin.path, operation: "a job operation",
                "job id '\(job.id)' is not qualified with the plugin's provider id '\(descriptor.id)'")
        }
    }

    private func decode<Value: Decodable>(
        _ type: Value.Type, at key: String, as document: PluginDocument, from answer: String, operation: PluginOperation
    ) throws -> Value {
        try plugin.unknownKeys.check(Data(answer.utf8), as: document, from: operation.rawValue, plugin: plugin.path, logger: plugin.logger)
        do {
            return try WireFormat.value(type, at: key, in: Data(answer.utf8))
        } catch {
            throw PluginFailure.malformedResponse(
                plugin.path, operation: operation.rawValue, "\(error); \(HTTPErrorMapping.bodyExcerpt(Data(answer.utf8)))")
        }
    }

    /// Runs `operation` and returns the response text, or throws the plugin's error. An error
    /// document that says `"retryable": true` runs the operation again, after its `retry_after`
    /// or the retry policy's backoff, up to the policy's attempts; any other error is final.
    private func perform(_ operation: PluginOperation, _ request: Data) async throws -> String {
        var attempt = 1
        while true {
            do {
                return try await performOnce(operation, request)
            } catch let failure as RetryableFailure {
                guard let retryPolicy, attempt < retryPolicy.maxAttempts else { throw failure.error }
                try await retryPolicy.backoff.sleep(attempt: attempt, retryAfter: failure.error.retryAfter)
                attempt += 1
            }
        }
    }

    /// An error the plugin declared retryable.
    private struct RetryableFailure: Error {
        let error: FineTuningError
    }

    /// Runs `operation` once on a thread of its own.
    private func performOnce(_ operation: PluginOperation, _ request: Data, createExchanges: PluginCreateExchanges? = nil) async throws -> String {
        // The loader checked that the required operations are present; an optional one may not be.
        if operation.function(in: plugin.table.functions) == nil, let capability = operation.capability {
            throw FineTuningError.unsupported(capability, provider: descriptor.id)
        }
        let call = PluginCall(provider: descriptor.id, transport: transport, logger: plugin.logger, createExchanges: createExchanges)
        let text = String(decoding: request, as: UTF8.self)
        let finished = await withTaskCancellationHandler {
            // The thread keeps `self` (and so the instance) alive until the plugin returns, even
            // after a timeout: destroy_instance never runs while a call is in progress.
            await BlockingBridge.onDedicatedThread(timeout: operationTimeout) { [self] in invoke(operation, call: call, request: text) }
        } onCancel: {
            call.cancel()
        }
        guard let (status, answer) = finished else {
            call.cancel()
            throw FineTuningError(
                .timeout, "plugin \(plugin.path): \(operation.rawValue) did not return within \(operationTimeout.secondsText)",
                provider: descriptor.id)
        }
        switch status {
        case FINETUNE_OK:
            guard let answer else {
                throw PluginFailure.malformedResponse(plugin.path, operation: operation.rawValue, "it returned no response text")
            }
            return answer
        case FINETUNE_ERROR:
            let document = try Self.decodeError(answer, plugin: plugin, operation: operation.rawValue)
            if document.retryable == true { throw RetryableFailure(error: document.error) }
            throw document.error
        default:
            throw PluginFailure.malformedResponse(plugin.path, operation: operation.rawValue, "it returned status \(status), neither FINETUNE_OK nor FINETUNE_ERROR")
        }
    }

    /// The blocking C call, on the dedicated thread.
    private func invoke(_ operation: PluginOperation, call: PluginCall, request: String) -> (Int32, String?) {
        let function = operation.function(in: plugin.table.functions)!
        var answer: UnsafeMutablePointer<CChar>?
        let status = PluginCrashNotice.during(plugin: plugin.path, operation: operation.rawValue, provider: descriptor.id) {
            request.withCString { function(instance, HostServices.token(for: call), $0, &answer) }
        }
        return (status, plugin.table.take(answer))
    }

    /// The plugin's error document (with the provider filled in), or a `plugin_abi` error when
    /// it is not one.
    private static func decodeError(_ text: String?, plugin: LoadedPlugin, operation: String) throws -> PluginErrorDocument {
        if let text { try checkErrorKeys(text, plugin: plugin, operation: operation) }
        guard let text, var document = try? PluginErrorDocument(json: Data(text.utf8)) else {
            return PluginErrorDocument(error: PluginFailure.malformedResponse(
                plugin.path, operation: operation,
                "its error is not a FineTuningError document; \(HTTPErrorMapping.bodyExcerpt(Data((text ?? "").utf8)))"))
        }
        document.error.provider = document.error.provider ?? plugin.descriptor.id
        // Every known secret is scrubbed: a plugin may echo its key.
        document.error = document.error.redacted()
        return document
    }

    /// Checks an error document's keys; the bare ABI 1.0 form is checked as the versioned one's `error`.
    private static func checkErrorKeys(_ text: String, plugin: LoadedPlugin, operation: String) throws {
        var json = Data(text.utf8)
        if case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: json), members["format_version"] == nil {
            json = (try? WireFormat.document(PluginErrorDocument.documentKey, JSONValue.object(members))) ?? json
        }
        try plugin.unknownKeys.check(json, as: .error, from: operation, plugin: plugin.path, logger: plugin.logger)
    }
}
