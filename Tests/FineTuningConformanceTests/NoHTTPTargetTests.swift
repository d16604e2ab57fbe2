import FineTuning
import FineTuningConformance
import Foundation
import Testing

/// A target that declares `"transport": "none"` reads no HAR file, skips the HTTP-only scenarios and
/// fails the others when the provider makes a request anyway.
@Suite struct NoHTTPTargetTests {
    @Test func anHTTPProviderDeclaredWithoutHTTPSkipsHTTPScenariosAndFailsOnItsRequests() async throws {
        let fixtures = try TestFixtures.corruptedReference { folder in
            try TestFixtures.setTargetKey("transport", to: "none", in: folder)
            for har in try FileManager.default.contentsOfDirectory(atPath: folder.path) where har.hasSuffix(".har") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(har))
            }
        }
        defer { try? FileManager.default.removeItem(at: fixtures) }
        let scenarios = try TestFixtures.scenarios()
        let report = await ConformanceRunner(scenarios: scenarios).run(TestFixtures.referenceTarget, fixtures: fixtures)

        for scenario in scenarios where scenario.transport == .http && scenario.capability == nil {
            let result = try #require(report.results.first { $0.scenario == scenario.id })
            #expect(result.outcome == .skipped(reason: "not applicable: the provider makes no HTTP calls"), "\(scenario.id)")
        }
        let getRunning = try #require(report.failures.first { $0.scenario == "get_running" })
        #expect(getRunning.reason.contains("but target.json declares it makes no HTTP calls"))
        #expect(!getRunning.reason.contains("missing fixture"))
    }
}
