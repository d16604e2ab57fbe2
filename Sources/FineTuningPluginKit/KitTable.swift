import CFineTuningPlugin
import FineTuning
import FineTuningPluginABI
import Foundation

/// The C side of a kit plugin: the table's functions, each decoding the host's JSON, calling the
/// Swift provider and encoding its answer or its error.
enum KitTable {
    /// The table of the exported plugin; optional operations are present when declared.
    static func make(capabilities: Set<ProviderCapability>) -> finetune_plugin_table_v1 {
        func declared(_ operation: PluginOperation, _ function: finetune_operation_fn) -> finetune_operation_fn? {
            operation.capability.map(capabilities.contains) == false ? nil : function
        }
        return finetune_plugin_table_v1(
            abi_version: UInt32(FINETUNE_PLUGIN_ABI_VERSION),
            struct_size: UInt32(MemoryLayout<finetune_plugin_table_v1>.size),
            manifest: { KitTable.manifest() },
            create_instance: { host, configuration, instance, error in KitTable.createInstance(host, configuration, instance, error) },
            destroy_instance: { KitInstance.release($0) },
            create_job: { KitTable.run(.createJob, $0, $1, $2, $3) },
            get_job: { KitTable.run(.getJob, $0, $1, $2, $3) },
            list_jobs: { KitTable.run(.listJobs, $0, $1, $2, $3) },
            cancel_job: { KitTable.run(.cancelJob, $0, $1, $2, $3) },
            list_events: declared(.listEvents) { KitTable.run(.listEvents, $0, $1, $2, $3) },
            list_checkpoints: declared(.listCheckpoints) { KitTable.run(.listCheckpoints, $0, $1, $2, $3) },
            pause_job: declared(.pauseJob) { KitTable.run(.pauseJob, $0, $1, $2, $3) },
            resume_job: declared(.resumeJob) { KitTable.run(.resumeJob, $0, $1, $2, $3) },
            free_string: { free($0) },
            start_job: declared(.startJob) { KitTable.run(.startJob, $0, $1, $2, $3) })
    }

    private static func manifest() -> UnsafeMutablePointer<CChar>? {
        guard let definition = ExportedPlugin.shared.current,
            let document = try? WireFormat.document(PluginManifest.documentKey, definition.manifest)
        else { return nil }
        return strdup(String(decoding: document, as: UTF8.self))
    }

    private static func createInstance(
        _ host: UnsafePointer<finetune_host_v1>?, _ configuration: UnsafePointer<CChar>?,
        _ instance: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ errorText: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32 {
        do {
            guard let definition = ExportedPlugin.shared.current, let host, let configuration, let instance else {
                throw FineTuningError(.pluginABI, "create_instance was called without a host table, a configuration or an instance slot")
            }
            guard host.pointee.abi_version == FINETUNE_PLUGIN_ABI_VERSION, Int(host.pointee.struct_size) >= ABITableSizes.hostTable else {
                throw FineTuningError(
                    .pluginABI, "the host offers plugin ABI \(host.pointee.abi_version) with a \(host.pointee.struct_size)-byte services table; this plugin needs ABI \(FINETUNE_PLUGIN_ABI_VERSION)")
            }
            let environment = try WireFormat.value([String: String].self, at: "environment", in: Data(String(cString: configuration).utf8))
            let provider = try definition.make(PluginContext(environment: environment, transport: HostTransport()))
            instance.pointee = KitInstance(provider: provider, host: host).opaque
            return FINETUNE_OK
        } catch {
            errorText?.pointee = strdup(PluginErrorDocument.text(from: error))
            return FINETUNE_ERROR
        }
    }

    /// Runs one operation: blocks the host's thread while the provider's async method runs.
    private static func run(
        _ operation: PluginOperation, _ instance: UnsafeMutableRawPointer?, _ token: OpaquePointer?,
        _ request: UnsafePointer<CChar>?, _ response: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32 {
        guard let kit = KitInstance.from(instance), let token, let request, let response else { return FINETUNE_ERROR }
        let call = HostCall(token: token, host: kit.host)
        let requestData = Data(String(cString: request).utf8)
        let (status, answer) = BlockingBridge.wait { () -> (Int32, Data?) in
            await HostCall.$current.withValue(call) {
                do {
                    return (FINETUNE_OK, try await PluginOperationDispatch.perform(operation, on: kit.provider, requestData))
                } catch {
                    return (FINETUNE_ERROR, Data(PluginErrorDocument.text(from: error).utf8))
                }
            }
        }
        response.pointee = text(answer)
        return status
    }

    /// A copy the host releases with `free_string` (free).
    private static func text(_ data: Data?) -> UnsafeMutablePointer<CChar>? {
        strdup(data.map { String(decoding: $0, as: UTF8.self) } ?? PluginErrorDocument.text(from: FineTuningError(.pluginABI, "the plugin could not encode its answer")))
    }
}
