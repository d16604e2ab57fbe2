import FineTuning
import FineTuningConformance
import Foundation
import Testing

/// The suite can fail: each corruption of a fixture fails the matching scenario with a reason
/// that says what is wrong, and leaves the other scenarios passing.
@Suite struct CorruptedFixtureTests {
    struct Corruption: Sendable, CustomTestStringConvertible {
        let scenario: String
        let expectedReason: String
        let corrupt: @Sendable (URL) throws -> Void
        var testDescription: String { scenario + ": " + expectedReason }
    }

    static let corruptions: [Corruption] = [
        Corruption(scenario: "get_succeeded", expectedReason: "status is running (provider 'training'), expected one of succeeded") {
            try TestFixtures.replace(#"\"state\": \"done\""#, with: #"\"state\": \"training\""#, in: "get_succeeded.har", of: $0)
        },
        Corruption(scenario: "get_failed", expectedReason: "job carries no error message") {
            try TestFixtures.replace(#", \"error\": {\"message\": \"training data has 0 valid examples\"}"#, with: "", in: "get_failed.har", of: $0)
        },
        Corruption(scenario: "get_running", expectedReason: "1 recorded exchange(s) never requested: GET https://reference.test/v1/jobs/job-run") {
            try duplicateEntry(in: $0.appendingPathComponent("get_running.har"))
        },
        Corruption(scenario: "not_found", expectedReason: "request not in the fixture: GET https://reference.test/v1/jobs/job-missing") {
            try TestFixtures.replace("/jobs/job-missing", with: "/jobs/job-elsewhere", in: "not_found.har", of: $0)
        },
        Corruption(scenario: "cancel", expectedReason: "missing fixture cancel.har") {
            try FileManager.default.removeItem(at: $0.appendingPathComponent("cancel.har"))
        },
        Corruption(scenario: "unknown_state", expectedReason: "status is running (provider 'training'), expected one of unknown") {
            try TestFixtures.replace("warming_up", with: "training", in: "unknown_state.har", of: $0)
        },
        Corruption(scenario: "rate_limited_retry", expectedReason: "request not in the fixture: GET https://reference.test/v1/jobs/job-run") {
            try dropLastEntry(in: $0.appendingPathComponent("rate_limited_retry.har"))
        },
        Corruption(scenario: "list_pages", expectedReason: "listing returned 3 item(s), expected 4") {
            try TestFixtures.replace(#""list_total": 3"#, with: #""list_total": 4"#, in: "target.json", of: $0)
        },
    ]

    @Test(arguments: corruptions)
    func aCorruptedFixtureFailsItsScenarioWithAReason(_ corruption: Corruption) async throws {
        let fixtures = try TestFixtures.corruptedReference(corruption.corrupt)
        defer { try? FileManager.default.removeItem(at: fixtures) }

        let report = await ConformanceRunner(scenarios: try TestFixtures.scenarios()).run(TestFixtures.referenceTarget, fixtures: fixtures)

        #expect(!report.conforms)
        #expect(report.failures.map(\.scenario) == [corruption.scenario])
        let failure = try #require(report.failures.first)
        #expect(failure.reason.contains(corruption.expectedReason), "reason was: \(failure.reason)")
        #expect(report.table().contains("\(corruption.scenario)"))
    }

    @Test func aMissingTargetFailsEveryRunnableScenario() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        let report = await ConformanceRunner(scenarios: try TestFixtures.scenarios()).run(TestFixtures.referenceTarget, fixtures: empty)
        #expect(report.requiredFailures.count == ScenarioLoadingTests.requiredIDs.count)
        #expect(report.failures.allSatisfy { $0.reason.hasPrefix("missing fixture") })
    }

    /// Appends a copy of the last recorded entry, which the provider will never ask for.
    static func duplicateEntry(in har: URL) throws {
        try editEntries(in: har) { $0 + [$0.last!] }
    }

    /// Removes the last recorded entry (the answer a retry would get).
    static func dropLastEntry(in har: URL) throws {
        try editEntries(in: har) { $0.dropLast() }
    }

    static func editEntries(in har: URL, _ edit: ([JSONValue]) -> [JSONValue]) throws {
        let document = try JSONValue(parsing: Data(contentsOf: har))
        guard case .object(var log)? = document["log"], case .array(let entries)? = log["entries"], !entries.isEmpty else {
            throw CocoaError(.fileReadCorruptFile)
        }
        log["entries"] = .array(edit(entries))
        try JSONValue.object(["log": .object(log)]).serialized(pretty: true).write(to: har)
    }
}
