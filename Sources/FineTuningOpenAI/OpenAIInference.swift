public import FineTuning
public import FineTuningHTTP
import Foundation

/// Chat completions for `finetune eval`, with the same configuration and credentials as the
/// fine-tuning provider of each flavor (openai, azure, openai_compatible).
public struct OpenAIInference: Sendable {
    let flavor: OpenAIFlavor
    let client: ProviderHTTPClient

    /// Reads `provider`'s configuration from `environment`; a missing variable is a `configuration` error naming it.
    public init(provider: String, environment: [String: String], transport: any HTTPTransport) throws {
        guard let flavor = [OpenAIFlavor.openAI, .azure, .compatible].first(where: { $0.id == provider }) else {
            throw FineTuningError(.invalidRequest, "provider '\(provider)' does not speak OpenAI's chat completions API", parameter: "model")
        }
        let configuration = try OpenAIConfiguration(flavor: flavor, environment: environment)
        self.flavor = flavor
        client = ProviderHTTPClient(
            provider: flavor.id, baseURL: configuration.baseURL, transport: transport, commonQuery: configuration.commonQuery,
            authorize: { configuration.headers }, parseError: OpenAIErrorParsing.parse)
    }

    /// POSTs a chat completion request for `model` (on Azure, the deployment name) and returns the response.
    public func chatCompletion(model: String, body: JSONValue) async throws -> JSONValue {
        let path = flavor.dialect == .azure ? "deployments/\(model)/chat/completions" : "chat/completions"
        return try await client.post(path, body: body)
    }
}
