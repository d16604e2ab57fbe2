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

    /// The gateway's registry: the built-in providers, and every plugin behind a child process
    /// (`ChildProcessPluginProvider`, served by this executable's hidden `plugin-call` command), so a
    /// plugin that crashes or hangs fails one request and never the server. The CLI's other commands
    /// load plugins in process: a crash there ends only the command that called it.
    static func isolatedRegistry(_ options: ProviderOptions) async throws -> ProviderRegistry {
        let environment = ProcessInfo.processInfo.environment
        let registry = try BuiltInProviders.registry(environment: environment, transport: BuiltInProviders.defaultTransport(environment: environment))
        guard let executable = Bundle.main.executableURL else {
            throw FineTuningError(.configuration, "the path of this executable is unknown, so plugins cannot be run in a child process")
        }
        try await PluginLoader().registerIsolated(
            .standard(options: options.plugins, environment: environment), into: registry, executable: executable, environment: environment,
            operationTimeout: options.pluginOperationTimeout)
        return registry
    }
}
