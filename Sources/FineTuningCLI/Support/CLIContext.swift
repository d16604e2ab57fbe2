import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import FineTuningProviders
import Foundation

/// What every command that talks to providers needs: the registry of built-in providers and
/// plugins over the default transport (libcurl with safe retries), and the facade on top.
enum CLIContext {
    static func client(_ options: ProviderOptions) throws -> FineTuningClient {
        FineTuningClient(registry: try registry(options))
    }

    /// Built-in providers, then every plugin of `--plugin`, `FINETUNE_PLUGIN_PATH` and the user
    /// plugin folder. A `--plugin` that fails to load (or whose id is taken) is an error naming
    /// its file; an implicit one is skipped with one warning line.
    static func registry(_ options: ProviderOptions) throws -> ProviderRegistry {
        let environment = ProcessInfo.processInfo.environment
        let transport = BuiltInProviders.defaultTransport(environment: environment)
        let registry = try BuiltInProviders.registry(environment: environment, transport: transport)
        try PluginLoader().register(
            .standard(options: options.plugins, environment: environment), into: registry, environment: environment, transport: transport,
            operationTimeout: options.pluginOperationTimeout)
        return registry
    }
}
