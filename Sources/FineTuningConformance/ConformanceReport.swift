import Foundation

/// The results of the suite for one provider.
public struct ConformanceReport: Sendable, Hashable {
    public var provider: String
    public var results: [ScenarioResult]

    public init(provider: String, results: [ScenarioResult]) {
        self.provider = provider
        self.results = results
    }

    public var failures: [ScenarioResult] { results.filter(\.isFailure) }

    /// Failures of the required tier: any one of these means the provider does not conform.
    public var requiredFailures: [ScenarioResult] { failures.filter { $0.tier == .required } }

    /// True when no scenario failed: every required one passed, and so did every optional one
    /// whose capability the provider declares.
    public var conforms: Bool { failures.isEmpty }

    /// The results as a text table: scenario, tier, result, reason.
    public func table() -> String {
        let header = ["scenario", "tier", "result", "reason"]
        let rows = results.map { [$0.scenario, $0.tier.rawValue, $0.label, $0.reason] }
        let widths = (0..<3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.prefix(3).enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            return (padded + [cells[3]]).joined(separator: "  ").trimmingTrailingSpaces()
        }
        let counts = ScenarioResult.Outcome.summaryOrder.map { label in "\(results.filter { $0.label == label }.count) \(label)" }
        return ([line(header)] + rows.map(line) + ["\(provider): " + counts.joined(separator: ", ")]).joined(separator: "\n")
    }
}

extension ScenarioResult.Outcome {
    /// The result labels in the order the summary line counts them.
    static let summaryOrder = ["passed", "FAILED", "skipped"]
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        String(self[..<(lastIndex { $0 != " " }.map(index(after:)) ?? startIndex)])
    }
}
