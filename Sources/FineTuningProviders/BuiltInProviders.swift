public import FineTuning
import FineTuningBedrock
public import FineTuningHTTP
import FineTuningLlamaCpp
import FineTuningOpenAI
import FineTuningVertex
public import Foundation

/// The providers that ship with the framework, ready to register.
public enum BuiltInProviders {
    /// Registrations of every built-in provider. Descriptors need no credentials; each provider
    /// reads its configuration from `environment` when it is first used.
    public static func registrations(environment: [String: String], transport: any HTTPTransport) -> [ProviderRegistration] {
        OpenAIAdapter.registrations(environment: environment, transport: transport)
            + VertexAdapter.registrations(environment: environment, transport: transport)
            + [LlamaCppProvider.registration(environment: environment)]
            + BedrockAdapter.registrations(environment: environment, transport: transport)
    }

    /// The transport used outside tests: libcurl with safe retries, recording every exchange to a
    /// HAR file when `FINETUNE_HAR_RECORD` names one.
    public static func defaultTransport(environment: [String: String] = ProcessInfo.processInfo.environment) -> any HTTPTransport {
        RetryingTransport(base: HARRecordingTransport.wrappingIfRequested(CurlTransport(), environment: environment))
    }

    /// A registry holding every built-in provider.
    public static func registry(environment: [String: String], transport: any HTTPTransport) throws -> ProviderRegistry {
        KnownSecrets.shared.register(environment: environment)
        let registry = ProviderRegistry()
        for registration in registrations(environment: environment, transport: transport) {
            try registry.register(registration)
        }
        return registry
    }
}
