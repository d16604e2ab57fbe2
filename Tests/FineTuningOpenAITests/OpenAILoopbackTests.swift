import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing
@testable import FineTuningOpenAI

/// The facade path end to end over real HTTP: `FineTuningClient` validates and uploads a local
/// file, creates a job with 3 epochs and waits for it, against an in-process server on loopback
/// given by `OPENAI_BASE_URL` that answers with the `openai` conformance fixtures' responses.
@Suite struct OpenAILoopbackTests {
    static let fixtures = ConformanceFolder.url.appendingPathComponent("Fixtures/openai")

    /// The response bodies of a fixture's exchanges, in order.
    private func bodies(_ scenario: String) throws -> [String] {
        try HARArchive(contentsOf: Self.fixtures.appendingPathComponent(scenario + ".har")).entries.map { $0.response.content.text ?? "" }
    }

    @Test func createUploadAndWaitAgainstACompatibleServer() async throws {
        let upload = try bodies("file_upload")
        let created = try JSONValue(parsing: upload[1])
        let jobID = try #require(created["id"]?.stringValue)
        // The fixtures' running and succeeded jobs, as the job just created.
        func asCreated(_ scenario: String) throws -> TestHTTPResponse {
            let body = try bodies(scenario)[0]
            let fixtureID = try #require(JSONValue(parsing: body)["id"]?.stringValue)
            return .json(body.replacingOccurrences(of: fixtureID, with: jobID))
        }
        let polls = ResponseSequence([try asCreated("get_running"), try asCreated("get_succeeded")])
        let eventPages = try bodies("events").map { try JSONValue(parsing: $0)["data"]?.arrayValue ?? [] }
        let events = JSONValue.object(["object": "list", "data": .array(eventPages.flatMap { $0 }), "has_more": false]).jsonText

        let server = try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("POST", "/v1/files"): .json(upload[0])
            case ("POST", "/v1/fine_tuning/jobs"): .json(upload[1])
            case ("GET", "/v1/fine_tuning/jobs/\(jobID)"): polls.next(request)
            case ("GET", "/v1/fine_tuning/jobs/\(jobID)/events"): .json(events)
            default: .json("{\"error\":{\"message\":\"unexpected \(request.method) \(request.target)\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}", status: 404)
            }
        }
        defer { server.stop() }

        let environment = ["OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString]
        let registry = ProviderRegistry()
        for registration in OpenAIAdapter.registrations(environment: environment, transport: RetryingTransport(base: CurlTransport())) {
            try registry.register(registration)
        }
        let client = FineTuningClient(registry: registry)
        let trainingFile = Self.fixtures.appendingPathComponent("train.jsonl").path

        let result = try await client.createJob(CreateJobRequest(
            model: "openai/gpt-4o-mini-2024-07-18", trainingData: .localFile(path: trainingFile), hyperparameters: Hyperparameters(epochs: 3)))
        #expect(result.job.id == JobID(provider: "openai", native: jobID))
        #expect(result.job.status == .validating)

        let final = try await client.wait(for: result.job.id, options: WaitOptions(clock: ImmediateClock()))
        #expect(final.status == .succeeded)
        #expect(final.tunedModel?.name?.hasPrefix("ft:gpt-4o-mini-2024-07-18") == true)

        let requests = server.requests
        let uploadRequest = try #require(requests.first { $0.path == "/v1/files" })
        #expect(uploadRequest.header("Authorization") == "Bearer sk-test")
        #expect(uploadRequest.header("Content-Type")?.hasPrefix("multipart/form-data; boundary=") == true)
        #expect(uploadRequest.bodyText.contains("name=\"purpose\"\r\n\r\nfine-tune\r\n"))
        #expect(uploadRequest.bodyText.contains("filename=\"train.jsonl\""))
        #expect(uploadRequest.bodyText.contains(try String(contentsOfFile: trainingFile, encoding: .utf8)))
        let createRequest = try #require(requests.first { $0.method == "POST" && $0.path == "/v1/fine_tuning/jobs" })
        let body = try JSONValue(parsing: createRequest.body)
        #expect(body["training_file"] == created["training_file"])
        #expect(body["method"]?["supervised"]?["hyperparameters"] == ["n_epochs": 3])
        #expect(body["metadata"]?[ProviderJobRequest.clientTokenLabel]?.stringValue?.isEmpty == false)
        #expect(requests.filter { $0.method == "POST" }.count == 2)
    }
}
