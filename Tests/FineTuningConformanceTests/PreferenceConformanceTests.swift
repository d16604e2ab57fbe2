import FineTuning
import FineTuningConformance
import Foundation
import Testing

/// The `create_dpo` scenario can fail: a fixture that records the DPO create differently from what the
/// adapter sends (beta in another place, another method) fails the scenario, naming the request.
@Suite struct PreferenceConformanceTests {
    struct Corruption: Sendable, CustomTestStringConvertible {
        let provider: String
        /// Text of the recorded create body (escaped, as it sits in the HAR file) and its replacement.
        let recorded: String
        let replacement: String
        var testDescription: String { "\(provider): \(replacement)" }
    }

    static let corruptions = [
        // beta beside the hyperparameters instead of among them
        Corruption(provider: "openai", recorded: #"\"hyperparameters\":{\"n_epochs\":2,\"beta\":0.1}}}"#, replacement: #"\"hyperparameters\":{\"n_epochs\":2},\"beta\":0.1}}"#),
        // a supervised job instead of a DPO one
        Corruption(provider: "openai", recorded: #"{\"type\":\"dpo\",\"dpo\":"#, replacement: #"{\"type\":\"supervised\",\"supervised\":"#),
        // beta in preferenceOptimizationSpec instead of its hyperParameters
        Corruption(provider: "vertex_ai", recorded: #"\"hyperParameters\":{\"epochCount\":2,\"beta\":0.1}}"#, replacement: #"\"hyperParameters\":{\"epochCount\":2},\"beta\":0.1}"#),
        // the supervised spec instead of the preference one
        Corruption(provider: "vertex_ai", recorded: #"\"preferenceOptimizationSpec\":{\"trainingDatasetUri"#, replacement: #"\"supervisedTuningSpec\":{\"trainingDatasetUri"#),
    ]

    @Test(arguments: ["openai", "vertex_ai"])
    func theRecordedDPOCreatePasses(_ provider: String) async throws {
        let result = try await run(provider, fixtures: TestFixtures.layout.fixtureFolder(for: provider))
        #expect(result.outcome == .passed, "\(result.outcome)")
    }

    @Test(arguments: corruptions)
    func aCreateBodyThatDiffersFromTheRecordingFails(_ corruption: Corruption) async throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestFixtures.layout.fixtureFolder(for: corruption.provider), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try TestFixtures.replace(corruption.recorded, with: corruption.replacement, in: "create_dpo.har", of: copy)

        let result = try await run(corruption.provider, fixtures: copy)
        guard case .failed(let reasons) = result.outcome else {
            Issue.record("create_dpo passed against a fixture recording another body")
            return
        }
        #expect(reasons.contains { $0.contains("no recorded response for POST") && ($0.contains("tuningJobs") || $0.contains("fine_tuning/jobs")) }, "\(reasons)")
    }

    private func run(_ provider: String, fixtures: URL) async throws -> ScenarioResult {
        let target = try #require(BuiltInConformanceTests.targets.first { $0.descriptor.id == provider })
        let scenario = try #require(try TestFixtures.scenarios().first { $0.id == "create_dpo" })
        let report = await ConformanceRunner(scenarios: [scenario]).run(target, fixtures: fixtures)
        return try #require(report.results.first)
    }
}
