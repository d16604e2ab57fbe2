import FineTuning
import FineTuningConformance
import Foundation
import Testing

@Suite struct ScenarioLoadingTests {
    static let requiredIDs = [
        "create", "get_running", "get_succeeded", "get_failed", "get_cancelled", "list_pages", "cancel",
        "invalid_hyperparameter", "unauthorized", "not_found", "rate_limited_retry", "unavailable_retry",
        "quota_exceeded", "malformed_response", "unknown_state",
    ]

    @Test func everyAnnouncedScenarioIsDefinedInItsTier() throws {
        let scenarios = try TestFixtures.scenarios()
        #expect(scenarios.filter { $0.tier == .required }.map(\.id).sorted() == Self.requiredIDs.sorted())
        let optional = Dictionary(uniqueKeysWithValues: scenarios.filter { $0.tier == .optional }.map { ($0.id, $0.capability) })
        #expect(optional == ["events": .events, "checkpoints": .checkpoints, "pause_resume": .pauseResume, "file_upload": .fileUpload, "create_dpo": .preferenceTuning, "deferred_start": .deferredStart])
    }

    @Test func everyTargetKeyAScenarioUsesIsDocumented() throws {
        let readme = try String(contentsOf: TestFixtures.layout.scenarios.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let reference = try NSRegularExpression(pattern: #""\$([A-Za-z0-9_.]+)""#)
        for file in try FileManager.default.contentsOfDirectory(at: TestFixtures.layout.scenarios, includingPropertiesForKeys: nil) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in reference.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                #expect(readme.contains("`\(key)`"), "README does not document target.json key \(key) used by \(file.lastPathComponent)")
            }
        }
    }

    @Test func anOptionalScenarioWithoutCapabilityIsRejected() throws {
        let json = #"{"id": "x", "tier": "optional", "summary": "s", "steps": [{"operation": "get"}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConformanceScenario.self, from: Data(json.utf8)) }
    }

    @Test func valuesAreLiteralsOrTargetReferences() throws {
        let json = #"{"job": "$jobs.running", "model": "literal-model", "page_limit": 5}"#
        let inputs = try JSONDecoder().decode(StepInputs.self, from: Data(json.utf8))
        #expect(inputs.job == .reference("jobs.running"))
        #expect(inputs.model == .literal("literal-model"))
        #expect(inputs.pageLimit == .literal(5))
        let target = FixtureTarget(folder: URL(fileURLWithPath: "/tmp"), document: ["jobs": ["running": "ftjob-1"]])
        #expect(try target.resolve(inputs.job!) == "ftjob-1")
        #expect(try target.resolveIfPresent(TargetValue<Int>.reference("list_page_limit")) == nil)
        #expect(throws: ConformanceFailure("target.json has no key 'jobs.failed'")) { try target.resolve(TargetValue<String>.reference("jobs.failed")) }
    }
}
