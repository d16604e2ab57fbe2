public import FineTuning
public import FineTuningHTTP

/// The OpenAI-style adapter: registrations for `openai`, `azure` and `openai_compatible`.
///
/// Environment variables:
/// - `openai`: `OPENAI_API_KEY` (required), `OPENAI_BASE_URL` (default `https://api.openai.com/v1`),
///   `OPENAI_ORG_ID`, `OPENAI_PROJECT`.
/// - `azure` (classic API): `AZURE_OPENAI_ENDPOINT` (required), `AZURE_OPENAI_API_KEY` or
///   `AZURE_OPENAI_AD_TOKEN` (one required), `AZURE_OPENAI_API_VERSION` (default `2024-10-21`).
/// - `openai_compatible`: `OPENAI_COMPATIBLE_BASE_URL` (required), `OPENAI_COMPATIBLE_API_KEY`.
public enum OpenAIAdapter {
    /// One registration per flavor. Descriptors need no credentials; `make` reads `environment`
    /// and throws a `configuration` error naming the variable to set when one is missing.
    public static func registrations(environment: [String: String], transport: any HTTPTransport) -> [ProviderRegistration] {
        OpenAIFlavor.all.map { flavor in
            ProviderRegistration(descriptor: flavor.descriptor, origin: .builtIn) {
                try OpenAIStyleProvider(flavor: flavor, environment: environment, transport: transport)
            }
        }
    }
}
