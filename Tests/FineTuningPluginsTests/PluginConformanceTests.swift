import FineTuning
import FineTuningConformance
import FineTuningPlugins
import Foundation
import Testing

/// The first-party plugins, loaded from their built libraries, pass the conformance suite with
/// every HTTP call made by the host (HAR replay behind the host's retry layer).
@Suite struct PluginConformanceTests {
    @Test(arguments: [(BuiltPlugins.echoC, "echo_c"), (BuiltPlugins.mistral, "mistral")])
    func thePluginPassesTheSuite(_ product: String, _ provider: String) async throws {
        let plugin = try PluginLoader(unknownKeys: .fail).load(path: try BuiltPlugins.path(of: product))
        #expect(plugin.descriptor.id == provider)
        let target = ConformanceTarget(descriptor: plugin.descriptor, make: { try plugin.makeProvider(transport: $0, environment: $1) })
        let scenarios = try ConformanceScenario.loadAll(from: BuiltPlugins.layout.scenarios)
        let report = await ConformanceRunner(scenarios: scenarios).run(target, fixtures: BuiltPlugins.layout.fixtureFolder(for: provider))

        #expect(report.requiredFailures.map { "\($0.scenario): \($0.reason)" } == [])
        #expect(report.conforms, "\(report.table())")
        let passed = Set(report.results.filter { $0.outcome == .passed }.map(\.scenario))
        for capability in plugin.descriptor.capabilities {
            #expect(passed.contains(capability.rawValue), "the scenario of declared capability \(capability.rawValue) must run and pass")
        }
    }
}
