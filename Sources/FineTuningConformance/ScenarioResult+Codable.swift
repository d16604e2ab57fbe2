/// A scenario's result as a child process hands it to its parent: the outcome and the time,
/// without the trace. `{"scenario","tier","outcome":"passed|failed|skipped","reasons":[...],"seconds"}`.
extension ScenarioResult: Codable {
    enum CodingKeys: String, CodingKey {
        case scenario, tier, outcome, reasons, seconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let reasons = try container.decodeIfPresent([String].self, forKey: .reasons) ?? []
        let outcome: Outcome
        switch try container.decode(String.self, forKey: .outcome) {
        case "passed": outcome = .passed
        case "skipped": outcome = .skipped(reason: reasons.joined(separator: "; "))
        default: outcome = .failed(reasons: reasons)
        }
        self.init(
            scenario: try container.decode(String.self, forKey: .scenario), tier: try container.decode(ScenarioTier.self, forKey: .tier),
            outcome: outcome, seconds: try container.decode(Double.self, forKey: .seconds))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(tier, forKey: .tier)
        try container.encode(label.lowercased(), forKey: .outcome)
        switch outcome {
        case .passed: break
        case .failed(let reasons): try container.encode(reasons, forKey: .reasons)
        case .skipped(let reason): try container.encode([reason], forKey: .reasons)
        }
        try container.encode(seconds, forKey: .seconds)
    }
}
