import FineTuning
import FineTuningHTTP
import Foundation

/// Where a flavor's API is and how to authenticate, read from environment variables. A missing or
/// malformed variable is a `configuration` error that names the variable to set.
struct OpenAIConfiguration: Sendable {
    /// The URL the API paths (`fine_tuning/jobs`, `files`) are relative to.
    var baseURL: URL
    /// Credential and account headers sent with every request.
    var headers: HTTPHeaders
    /// Query items sent with every request (Azure's `api-version`).
    var commonQuery: [URLQueryItem]
    /// Whether create sends hyperparameters under `method` (false: the older top-level field).
    var sendsMethod: Bool

    static let openAIBaseURL = "https://api.openai.com/v1"
    /// The Azure OpenAI API version used when `AZURE_OPENAI_API_VERSION` is not set.
    static let azureDefaultAPIVersion = "2024-10-21"
    /// The first Azure API version that takes `method` (and with it DPO).
    static let azureFirstMethodVersion = "2024-12-01"

    init(flavor: OpenAIFlavor, environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        func missing(_ name: String, _ hint: String) -> FineTuningError {
            FineTuningError(.configuration, "\(flavor.displayName) needs \(name): \(hint)", provider: flavor.id, parameter: name)
        }
        func url(_ text: String, from name: String) throws -> URL {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
                throw FineTuningError(
                    .configuration, "\(name) must be an http(s) URL, got '\(Redaction.standard.text(Redaction.standard.url(text)))'", provider: flavor.id, parameter: name)
            }
            return url
        }

        headers = HTTPHeaders()
        commonQuery = []
        sendsMethod = true
        switch flavor.dialect {
        case .openAI:
            guard let key = value("OPENAI_API_KEY") else {
                throw missing("OPENAI_API_KEY", "set it to an API key from https://platform.openai.com/api-keys")
            }
            baseURL = try url(value("OPENAI_BASE_URL") ?? Self.openAIBaseURL, from: "OPENAI_BASE_URL")
            headers["Authorization"] = "Bearer \(key)"
            if let organization = value("OPENAI_ORG_ID") { headers["OpenAI-Organization"] = organization }
            if let project = value("OPENAI_PROJECT") { headers["OpenAI-Project"] = project }
        case .azure:
            guard let endpoint = value("AZURE_OPENAI_ENDPOINT") else {
                throw missing("AZURE_OPENAI_ENDPOINT", "set it to the resource endpoint, for example https://my-resource.openai.azure.com")
            }
            baseURL = try url(endpoint, from: "AZURE_OPENAI_ENDPOINT").appendingPathComponent("openai")
            if let key = value("AZURE_OPENAI_API_KEY") {
                headers["api-key"] = key
            } else if let token = value("AZURE_OPENAI_AD_TOKEN") {
                headers["Authorization"] = "Bearer \(token)"
            } else {
                throw missing("AZURE_OPENAI_API_KEY", "set it to the resource's key, or set AZURE_OPENAI_AD_TOKEN to a Microsoft Entra access token")
            }
            let version = value("AZURE_OPENAI_API_VERSION") ?? Self.azureDefaultAPIVersion
            guard !["v1", "preview"].contains(version.lowercased()) else {
                throw FineTuningError(
                    .configuration,
                    "AZURE_OPENAI_API_VERSION '\(version)' selects Azure's /openai/v1 API, which mirrors OpenAI's: use provider openai_compatible with OPENAI_COMPATIBLE_BASE_URL=\(baseURL.absoluteString)/v1 and OPENAI_COMPATIBLE_API_KEY, or set a dated version such as \(Self.azureDefaultAPIVersion)",
                    provider: flavor.id, parameter: "AZURE_OPENAI_API_VERSION")
            }
            commonQuery = [URLQueryItem(name: "api-version", value: version)]
            sendsMethod = version >= Self.azureFirstMethodVersion
        case .compatible:
            guard let base = value("OPENAI_COMPATIBLE_BASE_URL") else {
                throw missing("OPENAI_COMPATIBLE_BASE_URL", "set it to the server's API root, for example http://localhost:8000/v1")
            }
            baseURL = try url(base, from: "OPENAI_COMPATIBLE_BASE_URL")
            if let key = value("OPENAI_COMPATIBLE_API_KEY") { headers["Authorization"] = "Bearer \(key)" }
        }
    }
}
