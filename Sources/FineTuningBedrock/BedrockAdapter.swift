public import FineTuning
public import FineTuningHTTP

/// The `bedrock` provider's registration. Built in rather than a plugin: it needs SigV4 and
/// swift-crypto, S3 staging and the AWS credential chain, which a plugin would have to bundle
/// again in every image; the Mistral plugin already shows plugin authors the kit.
public enum BedrockAdapter {
    public static func registrations(environment: [String: String], transport: any HTTPTransport) -> [ProviderRegistration] {
        [ProviderRegistration(descriptor: BedrockProvider.descriptor, origin: .builtIn) {
            try makeProvider(environment: environment, transport: transport)
        }]
    }

    /// Reads region and endpoints at once; credentials are looked up at the first request, so a
    /// missing one fails that request with the list of sources tried.
    static func makeProvider(environment: [String: String], transport: any HTTPTransport) throws -> BedrockProvider {
        let settings = try BedrockSettings(environment: environment)
        let chain = AWSCredentialChain(environment: environment, transport: transport, provider: BedrockProvider.provider, stsEndpoint: settings.stsEndpoint)
        return BedrockProvider(settings: settings, transport: transport, credentials: AWSCredentialCache { try await chain.resolve() })
    }
}
