public import FineTuning
public import FineTuningHTTP
public import FineTuningPluginABI
import Logging

/// A plugin whose library is open, whose table passed the ABI checks and whose manifest is valid.
/// It makes providers; it holds no credentials itself.
public struct LoadedPlugin: Sendable {
    /// The file it was loaded from.
    public let path: String
    public let manifest: PluginManifest
    let library: DynamicLibrary
    let table: PluginTable
    let logger: Logger
    let unknownKeys: UnknownKeyPolicy

    /// The provider's descriptor, from the manifest.
    public var descriptor: ProviderDescriptor { manifest.provider }

    /// `plugin(path:version:)`, as `finetune providers` shows it.
    public var origin: ProviderOrigin { .plugin(path: path, version: manifest.version) }

    /// A new provider instance whose HTTP calls go through `transport`. Only the environment
    /// variables the manifest declares are handed to the plugin. Each operation that takes longer
    /// than `operationTimeout` (default: the manifest's) ends in a `timeout` error.
    public func makeProvider(
        transport: any HTTPTransport, environment: [String: String], operationTimeout: Duration? = nil
    ) throws -> PluginProvider {
        KnownSecrets.shared.register(environment: environment)  // the plugin's keys, scrubbed from its errors and logs
        let declared = environment.filter { descriptor.environment.contains($0.key) }
        return try PluginProvider(
            plugin: self, environment: declared, transport: transport, operationTimeout: operationTimeout ?? manifest.operationTimeout)
    }

    /// The registration that makes the provider on first use.
    public func registration(environment: [String: String], transport: any HTTPTransport, operationTimeout: Duration? = nil) -> ProviderRegistration {
        ProviderRegistration(descriptor: descriptor, origin: origin) {
            try makeProvider(transport: transport, environment: environment, operationTimeout: operationTimeout)
        }
    }
}
