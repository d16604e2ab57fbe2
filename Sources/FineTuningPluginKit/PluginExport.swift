import CFineTuningPlugin
public import FineTuning
public import FineTuningHTTP
import FineTuningPluginABI
import Foundation
import Synchronization

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
final class ExportedPlugin: Sendable {
    struct Definition: Sendable {
        let manifest: PluginManifest
        let make: @Sendable (PluginContext) throws -> any FineTuningProvider
    }

    static let shared = ExportedPlugin()

    private struct State {
        var definition: Definition?
        var table: UnsafeMutablePointer<finetune_plugin_table_v1>?
    }

    private let state = Mutex(State())

    /// Keeps the first definition and returns the table.
    func export(_ definition: Definition) -> UnsafeRawPointer {
        state.withLock { state in
            if state.definition == nil { state.definition = definition }
            if let table = state.table { return UnsafeRawPointer(table) }
            let made = UnsafeMutablePointer<finetune_plugin_table_v1>.allocate(capacity: 1)
            made.initialize(to: KitTable.make(capabilities: definition.manifest.provider.capabilities))
            state.table = made
            return UnsafeRawPointer(made)
        }
    }

    /// The definition the entry symbol exported.
    var current: Definition? { state.withLock { $0.definition } }
}
