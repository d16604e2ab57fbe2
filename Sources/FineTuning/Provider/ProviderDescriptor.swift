/// What the framework knows about a provider without constructing it: its id, what it can do,
/// its hyperparameter table and the rules its training data must follow.
public struct ProviderDescriptor: Sendable, Hashable, Codable {
    /// The id used in model strings (`openai` in `openai/gpt-4o-mini`).
    public var id: String
    public var displayName: String
    public var capabilities: Set<ProviderCapability>
    public var hyperparameters: HyperparameterTable
    public var dataset: DatasetRequirements
    /// How often `wait` polls at first, in seconds (a local backend answers at once; hosted ones slowly).
    public var pollInterval: Double
    /// The environment variables the provider reads, for documentation and error messages.
    public var environment: [String]

    public init(
        id: String, displayName: String, capabilities: Set<ProviderCapability>, hyperparameters: HyperparameterTable,
        dataset: DatasetRequirements, pollInterval: Double = 10, environment: [String] = []
    ) {
        self.id = id
        self.displayName = displayName
        self.capabilities = capabilities
        self.hyperparameters = hyperparameters
        self.dataset = dataset
        self.pollInterval = pollInterval
        self.environment = environment
    }

    enum CodingKeys: String, CodingKey {
        case id, displayName = "display_name", capabilities, hyperparameters, dataset
        case pollInterval = "poll_interval", environment
    }
}
