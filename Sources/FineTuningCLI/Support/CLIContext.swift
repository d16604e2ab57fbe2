import FineTuning
import FineTuningHTTP
import FineTuningProviders
import Foundation

/// What every command that talks to providers needs: the registry of built-in providers over
/// the default transport (libcurl with safe retries), and the facade on top.
enum CLIContext {
    static func client() throws -> FineTuningClient {
        FineTuningClient(registry: try registry())
    }

    static func registry() throws -> ProviderRegistry {
        try BuiltInProviders.registry(environment: ProcessInfo.processInfo.environment, transport: BuiltInProviders.defaultTransport())
    }
}
