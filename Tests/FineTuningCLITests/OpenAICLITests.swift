import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing

/// The `finetune` command line against an OpenAI-compatible server on loopback named by
/// `OPENAI_BASE_URL`, answering with the `openai` conformance fixtures' responses: create with a
/// local file and `--wait`, then get, list, events and cancel.
@Suite struct OpenAICLITests {
    static let fixtures = FinetuneProcess.conformance.appendingPathComponent("Fixtures/openai")

    private func bodies(_ scenario: String) throws -> [String] {
        try HARArchive(contentsOf: Self.fixtures.appendingPathComponent(scenario + ".har")).entries.map { $0.response.content.text ?? "" }
    }

    private func finetune(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String, errors: String) {
        try FinetuneProcess.run(arguments, environment: environment)
    }

    @Test func commandsWorkAgainstACompatibleServer() throws {
        #expect(FileManager.default.isExecutableFile(atPath: FinetuneProcess.executable.path), "finetune is not built at \(FinetuneProcess.executable.path)")
        let upload = try bodies("file_upload")
        let jobID = try #require(JSONValue(parsing: upload[1])["id"]?.stringValue)
        func asCreated(_ scenario: String) throws -> TestHTTPResponse {
            let body = try bodies(scenario)[0]
            let fixtureID = try #require(JSONValue(parsing: body)["id"]?.stringValue)
            return .json(body.replacingOccurrences(of: fixtureID, with: jobID))
        }
        let polls = ResponseSequence([try asCreated("get_running"), try asCreated("get_succeeded")])
        let eventPages = try bodies("events").map { try JSONValue(parsing: $0)["data"]?.arrayValue ?? [] }
        let events = JSONValue.object(["object": "list", "data": .array(eventPages.flatMap { $0 }), "has_more": false]).jsonText
        let listPages = try bodies("list_pages")
        let cancelled = try bodies("cancel")[0]
        let cancelID = try #require(JSONValue(parsing: cancelled)["id"]?.stringValue)

        let server = try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("POST", "/v1/files"): .json(upload[0])
            case ("POST", "/v1/fine_tuning/jobs"): .json(upload[1])
            case ("GET", "/v1/fine_tuning/jobs"): .json(request.query["after"] == nil ? listPages[0] : listPages[1])
            case ("GET", "/v1/fine_tuning/jobs/\(jobID)"): polls.next(request)
            case ("GET", "/v1/fine_tuning/jobs/\(jobID)/events"): .json(events)
            case ("POST", "/v1/fine_tuning/jobs/\(cancelID)/cancel"): .json(cancelled)
            default: .json("{\"error\":{\"message\":\"unexpected \(request.method) \(request.target)\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}", status: 404)
            }
        }
        defer { server.stop() }
        let environment = ["OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString]

        let create = try finetune([
            "create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", Self.fixtures.appendingPathComponent("train.jsonl").path,
            "--epochs", "3", "--wait", "--poll-interval", "0.01",
        ], environment: environment)
        #expect(create.status == 0, "\(create.errors)")
        #expect(create.output.contains("openai:\(jobID)"))
        #expect(create.output.contains("succeeded"))
        #expect(create.output.contains("ft:gpt-4o-mini-2024-07-18"))

        let get = try finetune(["get", "openai:\(jobID)", "--json"], environment: environment)
        #expect(get.status == 0, "\(get.errors)")
        #expect(try JSONValue(parsing: get.output)["job"]?["status"] == "succeeded")

        let list = try finetune(["list", "--provider", "openai", "--page-size", "2", "--json"], environment: environment)
        #expect(list.status == 0, "\(list.errors)")
        #expect(list.output.components(separatedBy: "\"provider_status\"").count - 1 == 3)

        let eventsRun = try finetune(["events", "openai:\(jobID)"], environment: environment)
        #expect(eventsRun.status == 0, "\(eventsRun.errors)")
        #expect(eventsRun.output.contains("training loss"))

        let cancel = try finetune(["cancel", "openai:\(cancelID)", "--json"], environment: environment)
        #expect(cancel.status == 0, "\(cancel.errors)")
        #expect(try JSONValue(parsing: cancel.output)["job"]?["status"] == "cancelled")

        let unconfigured = try finetune(["get", "openai:\(jobID)"], environment: [:])
        #expect(unconfigured.status != 0)
        #expect(unconfigured.errors.contains("OPENAI_API_KEY"))
    }
}
