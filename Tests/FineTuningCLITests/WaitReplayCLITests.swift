import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing

/// `finetune wait` on a job that already ended replays its past events; their progress lines must not
/// be labelled with the final status (a "succeeded  step 10/30" line reads as if training went on after
/// the end).
@Suite struct WaitReplayCLITests {
    static let fixtures = FinetuneProcess.conformance.appendingPathComponent("Fixtures/openai")

    private func bodies(_ scenario: String) throws -> [String] {
        try HARArchive(contentsOf: Self.fixtures.appendingPathComponent(scenario + ".har")).entries.map { $0.response.content.text ?? "" }
    }

    @Test func replayedProgressOfAnEndedJobCarriesNoFinalStatus() throws {
        let succeeded = try bodies("get_succeeded")[0]
        let jobID = try #require(JSONValue(parsing: succeeded)["id"]?.stringValue)
        let eventPages = try bodies("events").map { try JSONValue(parsing: $0)["data"]?.arrayValue ?? [] }
        let events = JSONValue.object(["object": "list", "data": .array(eventPages.flatMap { $0 }), "has_more": false]).jsonText
        let server = try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("GET", "/v1/fine_tuning/jobs/\(jobID)"): .json(succeeded)
            case ("GET", "/v1/fine_tuning/jobs/\(jobID)/events"): .json(events)
            default: .json(#"{"error":{"message":"unexpected","type":"invalid_request_error","param":null,"code":null}}"#, status: 404)
            }
        }
        defer { server.stop() }
        let result = try FinetuneProcess.run(
            ["wait", "openai:\(jobID)", "--poll-interval", "0.01"],
            environment: ["OPENAI_API_KEY": "sk-wait-replay", "OPENAI_BASE_URL": server.url("/v1").absoluteString])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.errors.split(separator: "\n").map(String.init)
        let progress = lines.filter { $0.contains("step 10/30") }
        #expect(!progress.isEmpty, "the replayed metrics event is shown: \(result.errors)")
        for line in progress { #expect(!line.contains("succeeded"), "replayed progress labelled with the final status: \(line)") }
        #expect(lines.contains("openai:\(jobID): succeeded"), "\(result.errors)")
    }
}
