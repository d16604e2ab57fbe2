import CFineTuningPlugin
import FineTuning
import FineTuningHTTP
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

    init(plugin: LoadedPlugin, environment: [String: String], transport: any HTTPTransport) throws {
        self.plugin = plugin
        self.descriptor = plugin.descriptor
        self.transport = transport
        let host = HostServices.makeTable()
        let configuration = try WireFormat.document("environment", environment)
        var instance: UnsafeMutableRawPointer?
        var errorText: UnsafeMutablePointer<CChar>?
        let status = String(decoding: configuration, as: UTF8.self).withCString { text in
            plugin.table.functions.create_instance!(host, text, &instance, &errorText)
        }
        let error = plugin.table.take(errorText)
        guard status == FINETUNE_OK else {
            host.deallocate()
            throw Self.decodeError(error, plugin: plugin, operation: "create_instance")
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
        return try await job(.createJob, WireFormat.document(PluginJobRequest.documentKey, PluginJobRequest(request)))
    }

    public func getJob(id: String) async throws -> FineTuningJob {
        try await job(.getJob, id: id)
    }

    public func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        var result = try await self.page(.listJobs, PluginListRequest(page: page, filter: filter), of: FineTuningJob.self)
        try result.items.forEach(checkOwnership)
        result.items = result.items.filter(filter.matches)
        return result
    }

    public func cancelJob(id: String) async throws -> FineTuningJob {
        try await job(.cancelJob, id: id)
    }

    public func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        try await self.page(.listEvents, PluginListRequest(jobID: jobID, page: page), of: JobEvent.self)
    }

    public func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint> {
        try await self.page(.listCheckpoints, PluginListRequest(jobID: jobID, page: page), of: Checkpoint.self)
    }

    public func pauseJob(id: String) async throws -> FineTuningJob {
        try await job(.pauseJob, id: id)
    }

    public func resumeJob(id: String) async throws -> FineTuningJob {
        try await job(.resumeJob, id: id)
    }

    // MARK: - Calls

    private func job(_ operation: PluginOperation, id: String) async throws -> FineTuningJob {
        try await job(operation, WireFormat.document("id", id))
    }

    private func job(_ operation: PluginOperation, _ request: Data) async throws -> FineTuningJob {
        let job = try decode(FineTuningJob.self, at: "job", from: try await perform(operation, request), operation: operation)
        try checkOwnership(job)
        return job
    }

    private func page<Item: Codable & Sendable>(_ operation: PluginOperation, _ list: PluginListRequest, of: Item.Type) async throws -> Page<Item> {
        let answer = try await perform(operation, WireFormat.document(PluginListRequest.documentKey, list))
        return try decode(PluginPage<Item>.self, at: PluginPage<Item>.documentKey, from: answer, operation: operation).page
    }

    /// A job must carry this provider's qualified id, or it could not be routed back.
    private func checkOwnership(_ job: FineTuningJob) throws {
        guard job.id.provider == descriptor.id else {
            throw PluginFailure.malformedResponse(
                plugin.path, operation: "a job operation",
                "job id '\(job.id)' is not qualified with the plugin's provider id '\(descriptor.id)'")
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, at key: String, from answer: String, operation: PluginOperation) throws -> Value {
        do {
            return try WireFormat.value(type, at: key, in: Data(answer.utf8))
        } catch {
            throw PluginFailure.malformedResponse(
                plugin.path, operation: operation.rawValue, "\(error); \(HTTPErrorMapping.bodyExcerpt(Data(answer.utf8)))")
        }
    }

    /// Runs `operation` on a thread of its own and returns the response text, or throws the
    /// plugin's error.
    private func perform(_ operation: PluginOperation, _ request: Data) async throws -> String {
        // The loader checked that the required operations are present; an optional one may not be.
        if operation.function(in: plugin.table.functions) == nil, let capability = operation.capability {
            throw FineTuningError.unsupported(capability, provider: descriptor.id)
        }
        let call = PluginCall(provider: descriptor.id, transport: transport, log: plugin.log)
        let text = String(decoding: request, as: UTF8.self)
        let (status, answer) = await withTaskCancellationHandler {
            await BlockingBridge.onDedicatedThread { [self] in invoke(operation, call: call, request: text) }
        } onCancel: {
            call.cancel()
        }
        switch status {
        case FINETUNE_OK:
            guard let answer else {
                throw PluginFailure.malformedResponse(plugin.path, operation: operation.rawValue, "it returned no response text")
            }
            return answer
        case FINETUNE_ERROR:
            throw Self.decodeError(answer, plugin: plugin, operation: operation.rawValue)
        default:
            throw PluginFailure.malformedResponse(plugin.path, operation: operation.rawValue, "it returned status \(status), neither FINETUNE_OK nor FINETUNE_ERROR")
        }
    }

    /// The blocking C call, on the dedicated thread.
    private func invoke(_ operation: PluginOperation, call: PluginCall, request: String) -> (Int32, String?) {
        let function = operation.function(in: plugin.table.functions)!
        var answer: UnsafeMutablePointer<CChar>?
        let status = request.withCString { function(instance, HostServices.token(for: call), $0, &answer) }
        return (status, plugin.table.take(answer))
    }

    /// The plugin's error document as a `FineTuningError` (with the provider filled in and every known
    /// secret scrubbed: a plugin may echo its key), or a `plugin_abi` error when it is not one.
    private static func decodeError(_ text: String?, plugin: LoadedPlugin, operation: String) -> FineTuningError {
        guard let text, var error = try? WireFormat.decoder().decode(FineTuningError.self, from: Data(text.utf8)) else {
            return PluginFailure.malformedResponse(
                plugin.path, operation: operation,
                "its error is not a FineTuningError document; \(HTTPErrorMapping.bodyExcerpt(Data((text ?? "").utf8)))")
        }
        error.provider = error.provider ?? plugin.descriptor.id
        return error.redacted()
    }
}
