import FineTuning
import FineTuningConformance
import FineTuningLlamaCpp
import Foundation
import XCTest

/// The conformance scenarios that apply to a provider without HTTP, run against real llamacpp jobs
/// in a temporary `FINETUNE_HOME`, with a `target.json` that declares `"transport": "none"`.
final class LlamaCppConformanceTests: LlamaTestCase {
    static let layout = ConformanceLayout(root: packageRoot.appendingPathComponent("Conformance"))
    static let target = ConformanceTarget.targets { environment, _ in [LlamaCppProvider.registration(environment: environment)] }[0]

    func testEveryScenarioThatAppliesWithoutHTTPPasses() async throws {
        try requireLlamaCpp()
        let model = try await tinyModel()
        let data = try faqData(examples: 4)
        let succeeded = try await provider.createJob(try request(
            model: model, data: data, Hyperparameters(epochs: 2, learningRate: 1e-3, providerSpecific: ["validation_split": .number(0)])))
        let failed = try await provider.createJob(try request(model: model, data: try overlongData(), Self.shortContext))
        for job in [succeeded, failed] { try await waitFor(job, timeout: 300) { $0.status.isTerminal } }
        let cancelled = try await longRunningJob(model: model)
        _ = try await provider.cancelJob(id: cancelled.id.native)
        let running = try await longRunningJob(model: model)
        let toCancel = try await longRunningJob(model: model)
        let toPause = try await longRunningJob(model: model)
        try await waitFor(cancelled, timeout: 120) { $0.status.isTerminal }

        // The six jobs above and the one the create scenario makes, two per page.
        let fixtures = try writeTarget(model: model, data: data, jobs: [
            "succeeded": succeeded, "failed": failed, "cancelled": cancelled, "running": running, "cancel": toCancel, "pause": toPause,
        ], extra: ["list_total": 7, "list_page_limit": 2, "checkpoints_page_limit": 1])
        let scenarios = try ConformanceScenario.loadAll(from: Self.layout.scenarios)
        let report = await ConformanceRunner(scenarios: scenarios).run(Self.target, fixtures: fixtures)

        XCTAssertTrue(report.conforms, report.table())
        let passed = report.results.filter { $0.outcome == .passed }.map(\.scenario)
        XCTAssertEqual(
            Set(passed), [
                "create", "get_running", "get_succeeded", "get_failed", "get_cancelled", "list_pages", "cancel", "not_found", "events",
                "checkpoints", "pause_resume",
            ],
            report.table())
        for scenario in scenarios where scenario.transport == .http && scenario.capability == nil {
            let result = report.results.first { $0.scenario == scenario.id }
            XCTAssertEqual(result?.outcome, .skipped(reason: "not applicable: the provider makes no HTTP calls"), scenario.id)
        }
    }

    func testAFailedJobNamedAsSucceededFailsGetSucceeded() async throws {
        try requireLlamaCpp()
        let model = try await tinyModel()
        let failed = try await provider.createJob(try request(model: model, data: try overlongData(), Self.shortContext))
        try await waitFor(failed, timeout: 300) { $0.status.isTerminal }
        let fixtures = try writeTarget(model: model, data: try overlongData(), jobs: ["succeeded": failed])
        let scenarios = try ConformanceScenario.loadAll(from: Self.layout.scenarios).filter { $0.id == "get_succeeded" }
        let report = await ConformanceRunner(scenarios: scenarios).run(Self.target, fixtures: fixtures)

        XCTAssertFalse(report.conforms)
        XCTAssertEqual(report.failures.map(\.scenario), ["get_succeeded"])
        XCTAssertTrue(report.failures.first?.reason.contains("status is failed") ?? false, report.table())
    }

    /// A fixtures folder whose `target.json` declares no HTTP and names `jobs` by their role.
    private func writeTarget(model: String, data: String, jobs: [String: FineTuningJob], extra: [String: JSONValue] = [:]) throws -> URL {
        let folder = directory.appendingPathComponent("fixtures")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var ids = jobs.mapValues { JSONValue.string($0.id.native) }
        ids["not_found"] = .string(LocalJobStore.newJobID())
        let target = JSONValue.object([
            "transport": "none", "environment": .object(Self.environment(home: directory).mapValues(JSONValue.string)),
            "model": .string(model), "training_data": .string(data), "jobs": .object(ids),
        ].merging(extra) { $1 })
        try target.serialized(pretty: true).write(to: folder.appendingPathComponent(FixtureTarget.fileName))
        return folder
    }
}
