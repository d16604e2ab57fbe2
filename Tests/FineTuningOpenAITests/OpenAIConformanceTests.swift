import FineTuning
import FineTuningConformance
import Foundation
import Testing
@testable import FineTuningOpenAI

/// The conformance suite, required and optional tiers, over each flavor's HAR fixtures.
@Suite struct OpenAIConformanceTests {
    static let conformance = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance")

    @Test(arguments: ["openai", "azure", "openai_compatible"])
    func suitePasses(provider: String) async throws {
        let scenarios = try ConformanceScenario.loadAll(from: Self.conformance.appendingPathComponent("Scenarios"))
        let target = try #require(ConformanceTarget.targets(from: OpenAIAdapter.registrations).first { $0.descriptor.id == provider })
        let report = await ConformanceRunner(scenarios: scenarios)
            .run(target, fixtures: Self.conformance.appendingPathComponent("Fixtures").appendingPathComponent(provider))
        var skipped: [String] = []
        for result in report.results {
            switch result.outcome {
            case .passed: continue
            case .skipped: skipped.append(result.scenario)
            case .failed(let reasons): Issue.record("\(provider) \(result.scenario): \(reasons.joined(separator: "; "))")
            }
        }
        // Only what the flavor does not declare is skipped: Azure classic has no pause/resume.
        #expect(skipped == (provider == "azure" ? ["pause_resume"] : []), "\(report.table())")
    }
}
