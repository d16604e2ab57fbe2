import FineTuning
import FineTuningConformance
import Foundation
import Testing

/// The live mode fails for the same reasons as the replay: a fixture that no longer matches what
/// the adapter sends or how it must read the answer fails its scenario in both modes with the same
/// reason, and a base URL that `target.json` does not redirect to loopback is never sent.
@Suite struct LiveModeTests {
    struct Corruption: Sendable, CustomTestStringConvertible {
        let provider: String
        let scenario: String
        let expectedReason: String
        let corrupt: @Sendable (URL) throws -> Void
        var testDescription: String { "\(provider) \(scenario): \(expectedReason)" }
    }

    static let corruptions: [Corruption] = [
        // How the adapter reads a response.
        Corruption(provider: "openai", scenario: "get_succeeded", expectedReason: "expected one of succeeded") {
            try TestFixtures.replace(#"\"status\": \"succeeded\""#, with: #"\"status\": \"running\""#, in: "get_succeeded.har", of: $0)
        },
        // What the adapter uploads: a multipart field, parsed from the wire in live mode.
        Corruption(
            provider: "openai", scenario: "file_upload",
            expectedReason: "request not in the fixture: POST https://api.openai.com/v1/files (no recorded response for POST https://api.openai.com/v1/files; closest recorded request is #1 POST https://api.openai.com/v1/files, which differs in multipart field 'purpose'"
        ) {
            try TestFixtures.replace(#""value": "fine-tune""#, with: #""value": "assistants""#, in: "file_upload.har", of: $0)
        },
        // Where the adapter stages a file: a SigV4-signed S3 PUT to the second loopback origin.
        Corruption(
            provider: "bedrock", scenario: "file_upload",
            expectedReason: "request not in the fixture: PUT https://s3.us-west-2.amazonaws.com/finetune-conformance/output/finetune-staging/finetune-conformance-token/training-train.jsonl"
        ) {
            try TestFixtures.replace("finetune-conformance-token/training-train.jsonl\"", with: "finetune-conformance-token/training-renamed.jsonl\"", in: "file_upload.har", of: $0)
        },
    ]

    static func run(_ scenario: String, of provider: String, fixtures: URL, mode: ConformanceMode) async throws -> ScenarioResult {
        let target = try #require(BuiltInConformanceTests.targets.first { $0.descriptor.id == provider })
        let scenarios = try TestFixtures.scenarios().filter { $0.id == scenario }
        let report = await ConformanceRunner(scenarios: scenarios, mode: mode).run(target, fixtures: fixtures)
        return try #require(report.results.first)
    }

    @Test(arguments: corruptions, ConformanceMode.allCases)
    func aCorruptedFixtureFailsItsScenarioInEitherMode(_ corruption: Corruption, _ mode: ConformanceMode) async throws {
        let fixtures = try TestFixtures.corruptedCopy(of: TestFixtures.layout.fixtureFolder(for: corruption.provider), corruption.corrupt)
        defer { try? FileManager.default.removeItem(at: fixtures) }

        let result = try await Self.run(corruption.scenario, of: corruption.provider, fixtures: fixtures, mode: mode)

        guard case .failed(let reasons) = result.outcome else {
            Issue.record("\(mode): \(corruption.scenario) did not fail: \(result.outcome)")
            return
        }
        #expect(reasons.contains { $0.contains(corruption.expectedReason) }, "\(mode) reasons: \(reasons)")
    }

    @Test func aBaseURLNotRedirectedToLoopbackIsNeverSent() async throws {
        let fixtures = try TestFixtures.corruptedCopy(of: TestFixtures.layout.fixtureFolder(for: "openai")) {
            try TestFixtures.setTargetKey("loopback", to: [], in: $0)
        }
        defer { try? FileManager.default.removeItem(at: fixtures) }

        let replayed = try await Self.run("get_succeeded", of: "openai", fixtures: fixtures, mode: .replay)
        let live = try await Self.run("get_succeeded", of: "openai", fixtures: fixtures, mode: .live)

        #expect(replayed.outcome == .passed)
        guard case .failed(let reasons) = live.outcome else {
            Issue.record("live mode passed without a loopback server: \(live.outcome)")
            return
        }
        #expect(reasons.contains { $0.contains("request not in the fixture: GET https://api.openai.com/v1/fine_tuning/jobs/") && $0.contains("not sent: live mode serves only 127.0.0.1") }, "\(reasons)")
    }

    @Test func aLoopbackVariableWithoutAURLIsNamed() async throws {
        let fixtures = try TestFixtures.corruptedCopy(of: TestFixtures.layout.fixtureFolder(for: "openai")) {
            try TestFixtures.setTargetKey("loopback", to: ["OPENAI_BASE_URL", "OPENAI_ORG_ID"], in: $0)
        }
        defer { try? FileManager.default.removeItem(at: fixtures) }

        let live = try await Self.run("get_succeeded", of: "openai", fixtures: fixtures, mode: .live)

        #expect(live.outcome == .failed(reasons: ["live mode: target.json lists OPENAI_ORG_ID under loopback, but its environment holds no http(s) URL for it"]))
    }
}
