/// How one scenario went for one provider.
public struct ScenarioResult: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case passed
        /// Every way the scenario missed its expectations, one sentence each.
        case failed(reasons: [String])
        case skipped(reason: String)
    }

    public var scenario: String
    public var tier: ScenarioTier
    public var outcome: Outcome
    /// The exchanges and sleeps the scenario went through (empty when it did not run).
    public var trace: [ScenarioTrace.Event]
    public var seconds: Double

    public init(scenario: String, tier: ScenarioTier, outcome: Outcome, trace: [ScenarioTrace.Event] = [], seconds: Double = 0) {
        self.scenario = scenario
        self.tier = tier
        self.outcome = outcome
        self.trace = trace
        self.seconds = seconds
    }

    public var isFailure: Bool {
        if case .failed = outcome { return true }
        return false
    }

    /// `passed`, `FAILED` or `skipped`, as the table prints it.
    public var label: String {
        switch outcome {
        case .passed: "passed"
        case .failed: "FAILED"
        case .skipped: "skipped"
        }
    }

    /// Why it failed or was skipped; empty when it passed.
    public var reason: String {
        switch outcome {
        case .passed: ""
        case .failed(let reasons): reasons.joined(separator: "; ")
        case .skipped(let reason): reason
        }
    }
}
