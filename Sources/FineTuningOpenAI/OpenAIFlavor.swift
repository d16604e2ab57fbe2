import FineTuning

/// What differs between the APIs that speak OpenAI's fine-tuning protocol, as data: the provider
/// id, where credentials come from, and which optional features the API has. Everything else is
/// shared by `OpenAIStyleProvider`.
struct OpenAIFlavor: Sendable, Hashable {
    /// How the API is authenticated and addressed.
    enum Dialect: Sendable, Hashable {
        /// OpenAI itself: `Authorization: Bearer`, optional organization and project headers.
        case openAI
        /// Azure OpenAI (classic): `{endpoint}/openai/...?api-version=`, `api-key` or Entra bearer.
        case azure
        /// Any server implementing OpenAI's API at a base URL, with an optional bearer key.
        case compatible
    }

    let id: String
    let displayName: String
    let dialect: Dialect
    let capabilities: Set<ProviderCapability>
    let hyperparameters: HyperparameterTable
    /// The environment variables the flavor reads, for the descriptor and error messages.
    let environment: [String]
    /// Whether jobs carry `metadata`: labels and the client token that makes create idempotent.
    /// Without it a create is sent once only (no job could be found again after a lost answer).
    let supportsMetadata: Bool
    /// The longest `suffix` the API accepts.
    let maxSuffixLength: Int
    /// The preference (DPO) data rules; nil when the flavor's API version has no `method` (Azure
    /// classic) or no preference fixtures prove it (an OpenAI-compatible server).
    var preferenceDataset: DatasetRequirements? { dialect == .openAI ? .openAIPreference : nil }

    static let openAI = OpenAIFlavor(
        id: "openai", displayName: "OpenAI", dialect: .openAI,
        capabilities: [.events, .checkpoints, .pauseResume, .fileUpload],
        hyperparameters: .openAI,
        environment: ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT"],
        supportsMetadata: true, maxSuffixLength: 64)

    /// Azure OpenAI's classic API (2024-10-21): no metadata, no pause/resume. Azure's newer
    /// `/openai/v1` API mirrors OpenAI's and is reached through `openai_compatible`.
    static let azure = OpenAIFlavor(
        id: "azure", displayName: "Azure OpenAI", dialect: .azure,
        capabilities: [.events, .checkpoints, .fileUpload],
        hyperparameters: .azure,
        environment: ["AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_API_VERSION"],
        supportsMetadata: false, maxSuffixLength: 40)

    static let compatible = OpenAIFlavor(
        id: "openai_compatible", displayName: "OpenAI-compatible server", dialect: .compatible,
        capabilities: [.events, .checkpoints, .pauseResume, .fileUpload],
        hyperparameters: .openAICompatible,
        environment: ["OPENAI_COMPATIBLE_BASE_URL", "OPENAI_COMPATIBLE_API_KEY"],
        supportsMetadata: true, maxSuffixLength: 64)

    static let all: [OpenAIFlavor] = [.openAI, .azure, .compatible]

    var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: id, displayName: displayName, capabilities: capabilities, hyperparameters: hyperparameters,
            dataset: .openAIChat, pollInterval: .seconds(10), environment: environment, preferenceDataset: preferenceDataset)
    }
}
