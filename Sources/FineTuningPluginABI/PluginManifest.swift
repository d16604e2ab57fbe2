public import FineTuning

/// What a plugin says about itself: its version, the base models it takes, and its provider's
/// descriptor (capabilities and hyperparameter table in the same form as the built-in ones).
/// Wire form: `{"format_version":1,"manifest":{"version","model_prefixes","provider","operation_timeout"}}`
/// (Schemas/manifest.schema.json).
public struct PluginManifest: Sendable, Hashable, Codable {
    /// The plugin's own version, shown by `finetune providers`.
    public var version: String
    /// Prefixes of the base models the plugin takes (`open-mistral`); empty: any model.
    public var modelPrefixes: [String]
    public var provider: ProviderDescriptor
    /// How long one operation may take before the host gives up with a `timeout` error; the
    /// plugin's default, which a caller may override. Wire form: seconds, default 120.
    public var operationTimeout: Duration

    /// The operation timeout of a manifest that declares none.
    public static let defaultOperationTimeout = Duration.seconds(120)

    public init(version: String, modelPrefixes: [String] = [], provider: ProviderDescriptor, operationTimeout: Duration = defaultOperationTimeout) {
        self.version = version
        self.modelPrefixes = modelPrefixes
        self.provider = provider
        self.operationTimeout = operationTimeout
    }

    /// The key of the manifest in its wire document.
    public static let documentKey = "manifest"

    /// The rules the JSON form alone cannot express; each broken one is a sentence.
    public var problems: [String] {
        var problems: [String] = []
        let id = provider.id
        if id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) || !(id.first?.isLetter ?? false) {
            problems.append("provider id '\(id)' must start with a letter and hold only a-z, 0-9 and _")
        }
        if version.isEmpty { problems.append("version is empty") }
        if provider.hyperparameters.provider != id {
            problems.append("the hyperparameter table is for '\(provider.hyperparameters.provider)', not '\(id)'")
        }
        if modelPrefixes.contains(where: \.isEmpty) { problems.append("model_prefixes holds an empty prefix") }
        if operationTimeout <= .zero { problems.append("operation_timeout must be more than 0 seconds") }
        return problems
    }

    /// True when `model` starts with one of `modelPrefixes` (or there are none).
    public func accepts(model: String) -> Bool {
        modelPrefixes.isEmpty || modelPrefixes.contains { model.hasPrefix($0) }
    }

    enum CodingKeys: String, CodingKey {
        case version, modelPrefixes = "model_prefixes", provider, operationTimeout = "operation_timeout"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        modelPrefixes = try container.decodeIfPresent([String].self, forKey: .modelPrefixes) ?? []
        provider = try container.decode(ProviderDescriptor.self, forKey: .provider)
        operationTimeout = try container.decodeIfPresent(Double.self, forKey: .operationTimeout).map(Duration.seconds) ?? Self.defaultOperationTimeout
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(modelPrefixes, forKey: .modelPrefixes)
        try container.encode(provider, forKey: .provider)
        try container.encode(operationTimeout.inSeconds, forKey: .operationTimeout)
    }
}
