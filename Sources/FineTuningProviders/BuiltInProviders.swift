import FineTuning
import FineTuningHTTP

/// The providers that ship with the framework, ready to register.
public enum BuiltInProviders {
    /// Registrations of every built-in provider. Descriptors need no credentials; each provider
    /// reads its configuration from `environment` when it is first used.
    public static func registrations(environment: [String: String], transport: any HTTPTransport) -> [ProviderRegistration] {
        []
    }

    /// The transport used outside tests: libcurl, with safe retries.
    public static func defaultTransport() -> any HTTPTransport {
        RetryingTransport(base: CurlTransport())
    }

    /// A registry holding every built-in provider.
    public static func registry(environment: [String: String], transport: any HTTPTransport) throws -> ProviderRegistry {
        let registry = ProviderRegistry()
        for registration in registrations(environment: environment, transport: transport) {
            try registry.register(registration)
        }
        return registry
    }
}
