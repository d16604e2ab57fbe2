import FineTuning
import FineTuningBedrock
import FineTuningConformance
import FineTuningHTTP
import FineTuningOpenAI
import FineTuningVertex
import Foundation
import Testing

/// The real suite over the repository's fixtures, for every provider of every HTTP adapter
/// module: each must have fixtures and pass every scenario it declares; the only scenarios skipped
/// are the ones it does not declare. One body for all six providers in both modes: replayed in
/// process, and live from a server on 127.0.0.1 through libcurl (plugins' fixtures are run by the
/// plugin tests).
@Suite struct BuiltInConformanceTests {
    static let targets = ConformanceTarget.targets(from: OpenAIAdapter.registrations)
        + ConformanceTarget.targets(from: VertexAdapter.registrations)
        + ConformanceTarget.targets(from: BedrockAdapter.registrations)

    static var providerIDs: [String] { targets.map(\.descriptor.id) }

    /// The scenarios each provider declares not applicable: none creates a job without starting it;
    /// Azure classic has no pause/resume and no DPO method (DPO is proven on OpenAI's own fixtures
    /// only); Vertex has no events endpoint, no pause/resume and no non-retryable 429, and open
    /// models no preference tuning; Bedrock has no checkpoints and no pause/resume.
    static let skipped: [String: [String]] = [
        "openai": ["deferred_start"], "azure": ["create_dpo", "deferred_start", "pause_resume"],
        "openai_compatible": ["create_dpo", "deferred_start"],
        "vertex_ai": ["deferred_start", "events", "pause_resume", "quota_exceeded"],
        "model_garden": ["create_dpo", "deferred_start", "events", "pause_resume", "quota_exceeded"],
        "bedrock": ["checkpoints", "create_dpo", "deferred_start", "pause_resume"],
    ]

    @Test func everyHTTPAdapterIsCovered() {
        #expect(Set(Self.providerIDs) == ["openai", "azure", "openai_compatible", "vertex_ai", "model_garden", "bedrock"])
        #expect(Set(Self.skipped.keys) == Set(Self.providerIDs))
    }

    @Test(arguments: providerIDs, ConformanceMode.allCases)
    func theProviderPassesEveryScenarioItDeclares(_ provider: String, _ mode: ConformanceMode) async throws {
        let target = try #require(Self.targets.first { $0.descriptor.id == provider })
        #expect(TestFixtures.layout.providersWithFixtures().contains(provider), "no Conformance/Fixtures/\(provider)/target.json")

        let report = await ConformanceRunner(scenarios: try TestFixtures.scenarios(), mode: mode)
            .run(target, fixtures: TestFixtures.layout.fixtureFolder(for: provider))

        var skipped: [String] = []
        for result in report.results {
            switch result.outcome {
            case .passed: continue
            case .skipped: skipped.append(result.scenario)
            case .failed(let reasons): Issue.record("\(provider) \(mode) \(result.scenario): \(reasons.joined(separator: "; "))")
            }
        }
        #expect(report.requiredFailures.map { "\($0.scenario): \($0.reason)" } == [])
        #expect(skipped.sorted() == Self.skipped[provider], "\(report.table())")
        #expect(report.conforms, "\(report.table())")
    }
}
