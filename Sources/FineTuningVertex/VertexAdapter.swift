public import FineTuning
public import FineTuningHTTP

/// The Vertex AI providers: `vertex_ai` (Gemini supervised tuning, API v1) and `model_garden`
/// (open models, API v1beta1).
public enum VertexAdapter {
    /// Registrations of both providers. Descriptors need no credentials; `make` reads project,
    /// location and credentials from `environment` and throws a configuration error naming what
    /// to set when something is missing.
    public static func registrations(environment: [String: String], transport: any HTTPTransport) -> [ProviderRegistration] {
        [VertexFlavor.gemini, VertexFlavor.modelGarden].map { flavor in
            ProviderRegistration(
                descriptor: flavor.descriptor, origin: .builtIn,
                checkModel: { try VertexModelCatalog.check($0, family: flavor.family, provider: flavor.id) }
            ) {
                try makeProvider(flavor, environment: environment, transport: transport)
            }
        }
    }

    static func makeProvider(
        _ flavor: VertexFlavor, environment: [String: String], transport: any HTTPTransport, backoff: RetryBackoff = RetryBackoff()
    ) throws -> VertexTuningProvider {
        let chain = CredentialChain(environment: environment, exchange: OAuthTokenExchange(transport: transport, provider: flavor.id))
        let settings = try VertexSettings(environment: environment, provider: flavor.id, fallbackProject: chain.projectHint)
        return VertexTuningProvider(flavor: flavor, settings: settings, transport: transport, credentials: try chain.resolve(), backoff: backoff)
    }
}
