/// Supervised fine-tuning or preference tuning.
public enum TuningMethod: String, Sendable, Hashable, Codable {
    case supervised
    case dpo
}

/// A create request after the framework has routed, validated and translated it: what an adapter
/// receives. The adapter only places these values into its provider's request.
public struct ProviderJobRequest: Sendable {
    /// The model name without the provider prefix.
    public var baseModel: String
    public var trainingData: DataReference
    public var validationData: DataReference?
    public var hyperparameters: TranslatedHyperparameters
    public var method: TuningMethod
    /// The tuned model's suffix or display name.
    public var suffix: String?
    public var labels: [String: String]
    /// Provider-specific request options (`tuning_mode`, `output_uri`, `api_version`, ...).
    public var options: [String: JSONValue]
    /// A token unique to this create call; adapters store it on the job (label or metadata) so a
    /// re-sent create can find the job the first attempt made instead of making a second one.
    public var clientToken: String
    /// False asks a provider with capability `deferred_start` to create the job without starting
    /// it, so it can be priced and then started (`startJob`) or cancelled. Other providers are
    /// never sent false.
    public var startsImmediately = true

    public init(
        baseModel: String, trainingData: DataReference, validationData: DataReference? = nil,
        hyperparameters: TranslatedHyperparameters, method: TuningMethod = .supervised, suffix: String? = nil,
        labels: [String: String] = [:], options: [String: JSONValue] = [:], clientToken: String
    ) {
        self.baseModel = baseModel
        self.trainingData = trainingData
        self.validationData = validationData
        self.hyperparameters = hyperparameters
        self.method = method
        self.suffix = suffix
        self.labels = labels
        self.options = options
        self.clientToken = clientToken
    }

    /// The label / metadata key that carries `clientToken`.
    public static let clientTokenLabel = "finetune-client-token"
}
