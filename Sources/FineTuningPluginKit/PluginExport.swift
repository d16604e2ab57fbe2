import CFineTuningPlugin
import FineTuning
import FineTuningHTTP
import FineTuningPluginABI
import Foundation

/// What a plugin's provider is made from: the environment variables its descriptor declares
/// (as the host resolved them) and a transport that sends through the host's HTTP service.
public struct PluginContext: Sendable {
    public let environment: [String: String]
    public let transport: any HTTPTransport

    /// A context of your own, to build the provider directly in a test (see `ConformanceSuite`).
    public init(environment: [String: String], transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }
}

/// Turns a Swift provider into an ABI-1 plugin. Call it from the plugin's one export line:
///
///     @_cdecl("finetune_plugin_v1") public func entry() -> UnsafeRawPointer {
///         exportPlugin(version: "1.0.0", descriptor: MyProvider.descriptor) { try MyProvider(context: $0) }
///     }
///
/// Returns the plugin's `finetune_plugin_table_v1`, built on the first call and kept for the
/// life of the process. Only JSON crosses the boundary; Swift types never do.
public func exportPlugin(
    version: String, modelPrefixes: [String] = [], descriptor: ProviderDescriptor,
    make: @escaping @Sendable (PluginContext) throws -> any FineTuningProvider
) -> UnsafeRawPointer {
    ExportedPlugin.shared.export(
        ExportedPlugin.Definition(
            manifest: PluginManifest(version: version, modelPrefixes: modelPrefixes, provider: descriptor), make: make))
}

/// The one plugin this library exports: its definition and its C table, set by the entry symbol.
final class ExportedPlugin: @unchecked Sendable {
    // @unchecked: the stored state is guarded by `lock`.
    struct Definition: Sendable {
        let manifest: PluginManifest
        let make: @Sendable (PluginContext) throws -> any FineTuningProvider
    }

    static let shared = ExportedPlugin()

    private let lock = NSLock()
    private var definition: Definition?
    private var table: UnsafeMutablePointer<finetune_plugin_table_v1>?

    /// Keeps the first definition and returns the table.
    func export(_ definition: Definition) -> UnsafeRawPointer {
        lock.withLock {
            if self.definition == nil { self.definition = definition }
            if let table { return UnsafeRawPointer(table) }
            let made = UnsafeMutablePointer<finetune_plugin_table_v1>.allocate(capacity: 1)
            made.initialize(to: KitTable.make(capabilities: definition.manifest.provider.capabilities))
            table = made
            return UnsafeRawPointer(made)
        }
    }

    /// The definition the entry symbol exported.
    var current: Definition? { lock.withLock { definition } }
}
