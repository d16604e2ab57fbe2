import FineTuningConformance
import Foundation
import Testing

/// The scenarios compiled into the library are the ones in Conformance/Scenarios: run
/// `python3 scripts/embed-json.py` after changing a scenario.
@Suite struct EmbeddedScenarioTests {
    @Test func theEmbeddedScenariosAreTheRepositorysScenarios() throws {
        let embedded = try ConformanceScenario.embedded()
        let folder = try ConformanceScenario.loadAll(from: TestFixtures.layout.scenarios)
        #expect(embedded.map(\.id) == folder.map(\.id), "run python3 scripts/embed-json.py")
        #expect(embedded == folder, "run python3 scripts/embed-json.py")
    }
}
