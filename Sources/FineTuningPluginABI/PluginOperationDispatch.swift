package import FineTuning
package import Foundation

/// The plugin side of one operation: decodes the host's request document, calls a
/// `FineTuningProvider`, encodes its answer document. Shared by the Swift plugin kit and the
/// child process that hosts an isolated plugin.
package enum PluginOperationDispatch {
    /// The answer document of `operation` on `provider` for `request`; a request that is not the
    /// documented JSON is a `plugin_abi` error.
    package static func perform(_ operation: PluginOperation, on provider: any FineTuningProvider, _ request: Data) async throws -> Data {
        func value<Value: Decodable>(_ type: Value.Type, at key: String) throws -> Value {
            do {
                return try WireFormat.value(type, at: key, in: request)
            } catch {
                throw FineTuningError(.pluginABI, "the host's \(operation.rawValue) request is malformed: \(error)")
            }
        }
        func job(_ job: FineTuningJob) throws -> Data { try WireFormat.document("job", job) }
        func page<Item: Codable & Sendable>(_ page: Page<Item>) throws -> Data { try WireFormat.document(PluginPage<Item>.documentKey, PluginPage(page)) }

        switch operation {
        case .createJob:
            let wire = try value(PluginJobRequest.self, at: PluginJobRequest.documentKey)
            return try job(await provider.createJob(wire.providerRequest(table: provider.descriptor.hyperparameters)))
        case .getJob: return try job(await provider.getJob(id: value(String.self, at: "id")))
        case .cancelJob: return try job(await provider.cancelJob(id: value(String.self, at: "id")))
        case .pauseJob: return try job(await provider.pauseJob(id: value(String.self, at: "id")))
        case .resumeJob: return try job(await provider.resumeJob(id: value(String.self, at: "id")))
        case .startJob: return try job(await provider.startJob(id: value(String.self, at: "id")))
        case .listJobs:
            let list = try value(PluginListRequest.self, at: PluginListRequest.documentKey)
            return try page(await provider.listJobs(list.page, filter: list.filter))
        case .listEvents:
            let list = try value(PluginListRequest.self, at: PluginListRequest.documentKey)
            return try page(await provider.listEvents(jobID: list.jobID ?? "", page: list.page))
        case .listCheckpoints:
            let list = try value(PluginListRequest.self, at: PluginListRequest.documentKey)
            return try page(await provider.listCheckpoints(jobID: list.jobID ?? "", page: list.page))
        }
    }
}
