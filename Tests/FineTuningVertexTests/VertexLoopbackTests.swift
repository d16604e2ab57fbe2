import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing
@testable import FineTuningVertex

/// The facade path end to end over real HTTP: `FineTuningClient` validates the local Gemini file,
/// the adapter stages it in Cloud Storage and creates a job with 3 epochs, and `wait` polls it to
/// success, against an in-process server on loopback (given by `VERTEX_AI_BASE_URL` and
/// `VERTEX_AI_STORAGE_BASE_URL`) answering with the `vertex_ai` conformance fixtures' responses.
@Suite struct VertexLoopbackTests {
    static let fixtures = ConformanceFolder.url.appendingPathComponent("Fixtures/vertex_ai")

    /// The response bodies of a fixture's exchanges, in order.
    private func bodies(_ scenario: String) throws -> [JSONValue] {
        try HARArchive(contentsOf: Self.fixtures.appendingPathComponent(scenario + ".har")).entries
            .map { try JSONValue(parsing: $0.response.content.text ?? "") }
    }

    @Test func createStagesTheFileAndWaitsForSuccess() async throws {
        let upload = try bodies("file_upload")
        let created = upload[1]
        let name = try #require(created["name"]?.stringValue)
        // The fixtures' running and succeeded jobs, as the job just created.
        var succeeded = try bodies("get_succeeded")[0].objectValue ?? [:]
        succeeded["name"] = .string(name)
        let polls = ResponseSequence([
            .json(try bodies("get_running")[0].jsonText), .json(JSONValue.object(succeeded).jsonText),
        ])
        let server = try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("POST", "/upload/storage/v1/b/finetune-conformance/o"):
                var object = upload[0].objectValue ?? [:]
                object["name"] = .string(request.query["name"] ?? "")
                return .json(JSONValue.object(object).jsonText)
            case ("POST", "/v1/projects/test-project/locations/us-central1/tuningJobs"): return .json(created.jsonText)
            case ("GET", "/v1/" + name): return polls.next(request)
            default:
                return .json(#"{"error":{"code":404,"message":"unexpected \#(request.method) \#(request.target)","status":"NOT_FOUND"}}"#, status: 404)
            }
        }
        defer { server.stop() }

        let environment = [
            "VERTEX_ACCESS_TOKEN": "test-token", "GOOGLE_CLOUD_PROJECT": "test-project", "GOOGLE_CLOUD_LOCATION": "us-central1",
            "VERTEX_AI_STAGING_BUCKET": "gs://finetune-conformance",
            "VERTEX_AI_BASE_URL": server.baseURL.absoluteString, "VERTEX_AI_STORAGE_BASE_URL": server.baseURL.absoluteString,
        ]
        let registry = ProviderRegistry()
        for registration in VertexAdapter.registrations(environment: environment, transport: RetryingTransport(base: CurlTransport())) {
            try registry.register(registration)
        }
        let client = FineTuningClient(registry: registry)
        let trainingFile = Self.fixtures.appendingPathComponent("train.jsonl").path

        let result = try await client.createJob(CreateJobRequest(
            model: "vertex_ai/gemini-2.5-flash", trainingData: .localFile(path: trainingFile), hyperparameters: Hyperparameters(epochs: 3)))
        #expect(result.job.id == JobID(provider: "vertex_ai", native: name))
        #expect(result.job.status == .queued)

        let final = try await client.wait(for: result.job.id, options: WaitOptions(clock: ImmediateClock()))
        #expect(final.status == .succeeded)
        #expect(final.tunedModel?.name?.hasPrefix("projects/PROJECT/locations/us-central1/models/") == true)
        #expect(final.tunedModel?.endpoint != nil)

        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "POST", "GET", "GET"])
        let staged = requests[0]
        #expect(staged.header("Authorization") == "Bearer test-token")
        #expect(staged.query["uploadType"] == "media")
        #expect(staged.bodyText == (try String(contentsOfFile: trainingFile, encoding: .utf8)))
        let object = try #require(staged.query["name"])
        let body = try JSONValue(parsing: requests[1].body)
        #expect(body["supervisedTuningSpec"]?["trainingDatasetUri"] == .string("gs://finetune-conformance/" + object))
        #expect(body["supervisedTuningSpec"]?["hyperParameters"] == ["epochCount": 3])
        #expect(body["labels"]?[ProviderJobRequest.clientTokenLabel]?.stringValue?.isEmpty == false)
    }
}
