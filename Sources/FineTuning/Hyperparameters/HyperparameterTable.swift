/// One provider's column of the translation table: a rule for every normalized parameter, plus
/// the native parameters it is known to accept as pass-through.
public struct HyperparameterTable: Sendable, Hashable, Codable {
    public var provider: String
    /// Which API the rows describe (`Vertex AI v1 tuningJobs`), for the printed table.
    public var api: String
    public var rules: [HyperparameterRule]
    /// Native parameters that may be passed through by name (documentation; others are passed too).
    public var passThrough: [String]

    public init(provider: String, api: String, rules: [HyperparameterRule], passThrough: [String] = []) {
        self.provider = provider
        self.api = api
        self.passThrough = passThrough
        // Every normalized parameter gets a row, so an omission reads as "unsupported", never as "ignored".
        self.rules = HyperparameterName.allCases.map { name in
            rules.first { $0.parameter == name } ?? .unsupported(name, "not part of the \(api) API")
        }
    }

    /// The rule for `name`.
    public func rule(for name: HyperparameterName) -> HyperparameterRule {
        rules.first { $0.parameter == name } ?? .unsupported(name, "not part of the \(api) API")
    }

    enum CodingKeys: String, CodingKey {
        case provider, api, rules, passThrough = "pass_through"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            provider: try container.decode(String.self, forKey: .provider),
            api: try container.decodeIfPresent(String.self, forKey: .api) ?? "",
            rules: try container.decode([HyperparameterRule].self, forKey: .rules),
            passThrough: try container.decodeIfPresent([String].self, forKey: .passThrough) ?? [])
    }
}
