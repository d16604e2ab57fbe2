import FineTuning

/// What a plugin says about itself: its version, the base models it takes, and its provider's
/// descriptor (capabilities and hyperparameter table in the same form as the built-in ones).
/// Wire form: `{"format_version":1,"manifest":{"version","model_prefixes","provider"}}`.
public struct PluginManifest: Sendable, Hashable, Codable {
    /// The plugin's own version, shown by `finetune providers`.
    public var version: String
    /// Prefixes of the base models the plugin takes (`open-mistral`); empty: any model.
    public var modelPrefixes: [String]
    public var provider: ProviderDescriptor

    public init(version: String, modelPrefixes: [String] = [], provider: ProviderDescriptor) {
        self.version = version
        self.modelPrefixes = modelPrefixes
        self.provider = provider
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
        return problems
    }

    /// True when `model` starts with one of `modelPrefixes` (or there are none).
    public func accepts(model: String) -> Bool {
        modelPrefixes.isEmpty || modelPrefixes.contains { model.hasPrefix($0) }
    }

    enum CodingKeys: String, CodingKey {
        case version, modelPrefixes = "model_prefixes", provider
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        modelPrefixes = try container.decodeIfPresent([String].self, forKey: .modelPrefixes) ?? []
        provider = try container.decode(ProviderDescriptor.self, forKey: .provider)
    }
}
