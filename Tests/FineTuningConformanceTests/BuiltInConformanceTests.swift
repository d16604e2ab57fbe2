import FineTuning
import FineTuningBedrock
import FineTuningConformance
import FineTuningHTTP
import FineTuningOpenAI
import FineTuningVertex
import Foundation
import Testing

/// The real suite over the repository's fixtures, for every provider of every HTTP adapter
/// module: each must have fixtures and pass. (Plugins' fixtures are run by the plugin tests.)
@Suite struct BuiltInConformanceTests {
    static let targets = ConformanceTarget.targets(from: OpenAIAdapter.registrations)
        + ConformanceTarget.targets(from: VertexAdapter.registrations)
        + ConformanceTarget.targets(from: BedrockAdapter.registrations)

    static var providerIDs: [String] { targets.map(\.descriptor.id) }

    @Test func everyHTTPAdapterIsCovered() {
        #expect(Set(Self.providerIDs) == ["openai", "azure", "openai_compatible", "vertex_ai", "model_garden", "bedrock"])
    }

    @Test(arguments: providerIDs)
    func theProviderPassesEveryScenarioItMust(_ provider: String) async throws {
        let target = try #require(Self.targets.first { $0.descriptor.id == provider })
        #expect(TestFixtures.layout.providersWithFixtures().contains(provider), "no Conformance/Fixtures/\(provider)/target.json")

        let report = await ConformanceRunner(scenarios: try TestFixtures.scenarios())
            .run(target, fixtures: TestFixtures.layout.fixtureFolder(for: provider))

        #expect(report.requiredFailures.map { "\($0.scenario): \($0.reason)" } == [])
        #expect(report.conforms, "\(report.table())")
    }
}
