import FineTuningConformance
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
import FineTuningHTTP
#endif

@Suite struct ReportTests {
    static let report = ConformanceReport(provider: "example", results: [
        ScenarioResult(scenario: "create", tier: .required, outcome: .passed, seconds: 0.25),
        ScenarioResult(
            scenario: "get_failed", tier: .required, outcome: .failed(reasons: ["job carries no error message", "a <b> & \"c\""]),
            trace: [.exchange(method: "GET", url: "https://x.test/jobs/1", response: .init(status: 200))]),
        ScenarioResult(scenario: "events", tier: .optional, outcome: .skipped(reason: "capability events not declared")),
    ])

    @Test func theTableHasOneAlignedRowPerScenarioAndASummary() {
        let lines = Self.report.table().split(separator: "\n").map(String.init)
        #expect(lines == [
            "scenario    tier      result   reason",
            "create      required  passed",
            #"get_failed  required  FAILED   job carries no error message; a <b> & "c""#,
            "events      optional  skipped  capability events not declared",
            "example: 1 passed, 1 FAILED, 1 skipped",
        ])
        #expect(!Self.report.conforms)
        #expect(Self.report.requiredFailures.map(\.scenario) == ["get_failed"])
    }

    @Test func junitXMLParsesAndCountsFailuresAndSkips() throws {
        let document = try XMLDocument(data: Data(JUnitReport.xml([Self.report]).utf8))
        let suite = try #require(try document.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "name")?.stringValue == "conformance.example")
        #expect(suite.attribute(forName: "tests")?.stringValue == "3")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        #expect(suite.attribute(forName: "skipped")?.stringValue == "1")
        let failure = try #require(try document.nodes(forXPath: "//testcase/failure").first as? XMLElement)
        #expect(failure.attribute(forName: "message")?.stringValue == #"job carries no error message; a <b> & "c""#)
        #expect(try document.nodes(forXPath: "//testcase/system-out").first?.stringValue == "GET https://x.test/jobs/1 -> 200")
        #expect(try document.nodes(forXPath: "//testcase/skipped").count == 1)
    }
}
