import FineTuning
import FineTuningConformance
import Foundation
import Testing

/// A provider may declare a scenario not applicable, with a reason, only where the scenario allows it.
@Suite struct NotApplicableTests {
    func run(notApplicable: JSONValue, removing har: String) async throws -> ConformanceReport {
        let fixtures = try TestFixtures.corruptedReference { folder in
            try TestFixtures.setTargetKey("not_applicable", to: notApplicable, in: folder)
            try FileManager.default.removeItem(at: folder.appendingPathComponent(har))
        }
        defer { try? FileManager.default.removeItem(at: fixtures) }
        return await ConformanceRunner(scenarios: try TestFixtures.scenarios()).run(TestFixtures.referenceTarget, fixtures: fixtures)
    }

    @Test func aScenarioThatMayNotApplyIsSkippedWithTheProvidersReason() async throws {
        let report = try await run(notApplicable: ["quota_exceeded": "the service has no non-retryable 429"], removing: "quota_exceeded.har")
        #expect(report.conforms)
        let result = try #require(report.results.first { $0.scenario == "quota_exceeded" })
        #expect(result.outcome == .skipped(reason: "not applicable: the service has no non-retryable 429"))
    }

    @Test func aScenarioEveryProviderMustPassCannotBeDeclaredNotApplicable() async throws {
        let report = try await run(notApplicable: ["not_found": "we never answer 404"], removing: "not_found.har")
        #expect(report.failures.map(\.scenario) == ["not_found"])
        #expect(report.failures.first?.reason == "target.json declares the scenario not applicable, but every provider must pass it")
    }
}
