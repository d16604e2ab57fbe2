public import FineTuning
public import Foundation

/// One conformance scenario, defined as data in `Conformance/Scenarios/<id>.json`: the steps to
/// run through a provider and what their normalized results and HTTP exchanges must be. Its
/// exchanges are replayed from `<fixtures>/<provider-id>/<id>.har`.
public struct ConformanceScenario: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var tier: ScenarioTier
    /// The capability an optional scenario exercises; nil for required scenarios.
    public var capability: ProviderCapability?
    /// What the scenario proves, in one sentence.
    public var summary: String
    /// Whether a provider whose service cannot produce the situation may declare the scenario not
    /// applicable (with a reason, in `target.json` under `not_applicable`).
    public var mayNotApply: Bool
    /// Whether the scenario applies to every provider or only to one that makes HTTP calls.
    public var transport: ScenarioTransport
    public var steps: [ScenarioStep]
    public var exchanges: ExchangeExpectation

    public init(
        id: String, tier: ScenarioTier, capability: ProviderCapability? = nil, summary: String, mayNotApply: Bool = false,
        transport: ScenarioTransport = .any, steps: [ScenarioStep], exchanges: ExchangeExpectation = ExchangeExpectation()
    ) {
        self.id = id
        self.tier = tier
        self.capability = capability
        self.summary = summary
        self.mayNotApply = mayNotApply
        self.transport = transport
        self.steps = steps
        self.exchanges = exchanges
    }

    enum CodingKeys: String, CodingKey {
        case id, tier, capability, summary, mayNotApply = "may_not_apply", transport, steps, exchanges
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        tier = try container.decode(ScenarioTier.self, forKey: .tier)
        capability = try container.decodeIfPresent(ProviderCapability.self, forKey: .capability)
        summary = try container.decode(String.self, forKey: .summary)
        mayNotApply = try container.decodeIfPresent(Bool.self, forKey: .mayNotApply) ?? false
        transport = try container.decodeIfPresent(ScenarioTransport.self, forKey: .transport) ?? .any
        steps = try container.decode([ScenarioStep].self, forKey: .steps)
        exchanges = try container.decodeIfPresent(ExchangeExpectation.self, forKey: .exchanges) ?? ExchangeExpectation()
        if tier == .optional, capability == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .capability, in: container, debugDescription: "optional scenario '\(id)' must name its capability")
        }
    }

    /// Every `*.json` scenario in `directory`, required tier first, then by id. The file name must
    /// be the scenario id.
    public static func loadAll(from directory: URL) throws -> [ConformanceScenario] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        return try sorted(files.map { file in try decode(Data(contentsOf: file), named: file.lastPathComponent, source: file.path) })
    }

    /// The scenarios compiled into the library (Conformance/Scenarios as this version shipped
    /// it), so the suite runs from any folder.
    public static func embedded() throws -> [ConformanceScenario] {
        try sorted(EmbeddedScenarios.files.map { try decode(Data($0.text.utf8), named: $0.name, source: "embedded \($0.name)") })
    }

    private static func decode(_ data: Data, named name: String, source: String) throws -> ConformanceScenario {
        let scenario: ConformanceScenario
        do {
            scenario = try JSONDecoder().decode(ConformanceScenario.self, from: data)
        } catch {
            throw ConformanceFailure("scenario \(source) cannot be read: \(error)")
        }
        guard scenario.id + ".json" == name else {
            throw ConformanceFailure("scenario \(source) has id '\(scenario.id)': the file must be named after its id")
        }
        return scenario
    }

    private static func sorted(_ scenarios: [ConformanceScenario]) -> [ConformanceScenario] {
        scenarios.sorted { ($0.tier, $0.id) < ($1.tier, $1.id) }
    }
}
