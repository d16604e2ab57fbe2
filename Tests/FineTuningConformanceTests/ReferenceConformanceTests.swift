import FineTuning
import FineTuningConformance
import Foundation
import Testing

/// The runner over the reference provider's fixtures: everything the provider declares passes.
@Suite struct ReferenceConformanceTests {
    @Test func theReferenceProviderPassesEveryScenarioItDeclares() async throws {
        let report = await ConformanceRunner(scenarios: try TestFixtures.scenarios())
            .run(TestFixtures.referenceTarget, fixtures: TestFixtures.reference)

        #expect(report.failures.map { "\($0.scenario): \($0.reason)" } == [])
        #expect(report.conforms)
        let skipped = report.results.filter { if case .skipped = $0.outcome { true } else { false } }.map(\.scenario)
        #expect(skipped.sorted() == ["checkpoints", "create_dpo", "deferred_start", "file_upload", "pause_resume"])
        #expect(report.results.first { $0.scenario == "events" }?.outcome == .passed)
    }

    @Test func theRetryWaitIsTheRecordedRetryAfter() async throws {
        let result = try await run("rate_limited_retry", fixtures: TestFixtures.reference)
        #expect(result.outcome == .passed)
        #expect(result.trace.contains(.sleep(.seconds(2))))
    }

    func run(_ scenarioID: String, fixtures: URL) async throws -> ScenarioResult {
        let scenario = try #require(try TestFixtures.scenarios().first { $0.id == scenarioID })
        return await ConformanceRunner(scenarios: [scenario])
            .run(TestFixtures.referenceTarget, fixtures: fixtures).results[0]
    }
}
