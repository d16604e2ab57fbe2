/// What the framework knows about a provider without constructing it: its id, what it can do,
/// its hyperparameter table and the rules its training data must follow.
public struct ProviderDescriptor: Sendable, Hashable, Codable {
    /// The id used in model strings (`openai` in `openai/gpt-4o-mini`).
    public var id: String
    public var displayName: String
    public var capabilities: Set<ProviderCapability>
    public var hyperparameters: HyperparameterTable
    public var dataset: DatasetRequirements
    /// The rules preference (DPO) data must follow; nil when the provider has no preference tuning.
    /// Setting it declares the `preferenceTuning` capability.
    public var preferenceDataset: DatasetRequirements?
    /// How often `wait` polls at first, in seconds (a local backend answers at once; hosted ones slowly).
    public var pollInterval: Duration
    /// The environment variables the provider reads, for documentation and error messages.
    public var environment: [String]
    /// In which order `listEvents` pages through a job's events, so `wait` knows where new ones appear.
    public var eventOrder: EventOrder

    /// The order of a provider's event listing.
    public enum EventOrder: String, Sendable, Hashable, Codable {
        /// The first page holds the newest events (OpenAI); new events appear at the front.
        case newestFirst = "newest_first"
        /// The first page holds the oldest events; new events appear after the last page's cursor.
        case oldestFirst = "oldest_first"
    }

    public init(
        id: String, displayName: String, capabilities: Set<ProviderCapability>, hyperparameters: HyperparameterTable,
        dataset: DatasetRequirements, pollInterval: Duration = .seconds(10), environment: [String] = [], eventOrder: EventOrder = .newestFirst,
        preferenceDataset: DatasetRequirements? = nil
    ) {
        self.id = id
        self.displayName = displayName
        // Preference tuning is declared by its data rules, so the two cannot disagree.
        self.capabilities = preferenceDataset == nil ? capabilities.subtracting([.preferenceTuning]) : capabilities.union([.preferenceTuning])
        self.hyperparameters = hyperparameters
        self.dataset = dataset
        self.pollInterval = pollInterval
        self.environment = environment
        self.eventOrder = eventOrder
        self.preferenceDataset = preferenceDataset
    }

    enum CodingKeys: String, CodingKey {
        case id, displayName = "display_name", capabilities, hyperparameters, dataset
        case pollInterval = "poll_interval", environment, eventOrder = "event_order", preferenceDataset = "preference_dataset"
    }

    /// Decodes a descriptor; fields added after the first wire version take their defaults when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            displayName: try container.decode(String.self, forKey: .displayName),
            capabilities: try container.decode(Set<ProviderCapability>.self, forKey: .capabilities),
            hyperparameters: try container.decode(HyperparameterTable.self, forKey: .hyperparameters),
            dataset: try container.decode(DatasetRequirements.self, forKey: .dataset),
            pollInterval: try Duration.decodeCheckedSeconds(container, forKey: .pollInterval) ?? .seconds(10),
            environment: try container.decodeIfPresent([String].self, forKey: .environment) ?? [],
            eventOrder: try container.decodeIfPresent(EventOrder.self, forKey: .eventOrder) ?? .newestFirst,
            preferenceDataset: try container.decodeIfPresent(DatasetRequirements.self, forKey: .preferenceDataset))
    }

    /// The poll interval travels as seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(hyperparameters, forKey: .hyperparameters)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(pollInterval.inSeconds, forKey: .pollInterval)
        try container.encode(environment, forKey: .environment)
        try container.encode(eventOrder, forKey: .eventOrder)
        try container.encodeIfPresent(preferenceDataset, forKey: .preferenceDataset)
    }
}
