import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Synchronization
import Testing

/// `finetune create --method dpo` with a local preference file: on `openai` the file is checked as
/// preference data, uploaded with purpose fine-tune and the job created with `method.dpo` and beta,
/// against a loopback server answering with the `create_dpo` fixture; everything that cannot work is
/// refused before any request, with the file, provider or parameter named.
@Suite struct PreferenceCLITests {
    static let fixtures = FinetuneProcess.conformance.appendingPathComponent("Fixtures/openai")
    static let preferenceFile = fixtures.appendingPathComponent("preference.jsonl").path

    /// A loopback OpenAI answering the upload and the create with the recorded responses; every request is kept.
    final class Recorder: Sendable {
        private let requests = Mutex<[TestHTTPRequest]>([])
        func add(_ request: TestHTTPRequest) { requests.withLock { $0.append(request) } }
        var all: [TestHTTPRequest] { requests.withLock { $0 } }
    }

    private func server(_ recorder: Recorder) throws -> TestHTTPServer {
        let recorded = try HARArchive(contentsOf: Self.fixtures.appendingPathComponent("create_dpo.har")).entries.map { $0.response.content.text ?? "" }
        return try TestHTTPServer { request in
            recorder.add(request)
            switch (request.method, request.path) {
            case ("POST", "/v1/files"): return .json(recorded[0])
            case ("POST", "/v1/fine_tuning/jobs"): return .json(recorded[1])
            default: return .json("{\"error\":{\"message\":\"unexpected\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}", status: 404)
            }
        }
    }

    @Test func aLocalPreferenceFileIsUploadedAndTheJobCarriesBetaUnderMethodDPO() throws {
        let recorder = Recorder()
        let server = try server(recorder)
        defer { server.stop() }
        let result = try FinetuneProcess.run([
            "create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", Self.preferenceFile,
            "--method", "dpo", "--beta", "0.1", "--epochs", "2", "--json",
        ], environment: ["OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString])
        #expect(result.status == 0, "\(result.errors)")

        let requests = recorder.all
        #expect(requests.map(\.path) == ["/v1/files", "/v1/fine_tuning/jobs"])
        let upload = try #require(requests.first)
        #expect(upload.bodyText.contains("name=\"purpose\"\r\n\r\nfine-tune"))
        #expect(upload.bodyText.contains(try String(contentsOfFile: Self.preferenceFile, encoding: .utf8)))
        let create = try JSONValue(parsing: try #require(requests.last).body)
        #expect(create["method"]?["type"] == "dpo")
        #expect(create["method"]?["dpo"]?["hyperparameters"] == ["beta": 0.1, "n_epochs": 2])
        #expect(create["hyperparameters"] == nil)
        let job = try JSONValue(parsing: result.output)["job"]
        #expect(job?["hyperparameters"]?["beta"] == 0.1)
    }

    @Test func chatDataForDPOIsRefusedNamingTheFileAndTheFormatNeeded() throws {
        let recorder = Recorder()
        let server = try server(recorder)
        defer { server.stop() }
        let chat = Self.fixtures.appendingPathComponent("train.jsonl").path
        let result = try FinetuneProcess.run(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", chat, "--method", "dpo"],
            environment: ["OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString])
        #expect(result.status != 0)
        #expect(result.errors.contains(chat) && result.errors.contains("openai_preference"), "\(result.errors)")
        #expect(recorder.all.isEmpty)
    }

    @Test func validateChecksPreferenceDataAgainstTheProvidersDPORules() throws {
        let valid = try FinetuneProcess.run(["validate", Self.preferenceFile, "--provider", "openai", "--method", "dpo"], environment: [:])
        #expect(valid.status == 0, "\(valid.errors)")
        #expect(valid.output.contains("10 examples (openai_preference), valid"), "\(valid.output)")
        let vertex = try FinetuneProcess.run(["validate", Self.preferenceFile, "--provider", "vertex_ai", "--method", "dpo"], environment: [:])
        #expect(vertex.status != 0)
        #expect(vertex.output.contains("expects gemini_preference data, this file is openai_preference"), "\(vertex.output)")
    }

    @Test(arguments: [
        (["--model", "model_garden/meta/llama3_1@llama-3.1-8b-instruct", "--method", "dpo"], "provider 'model_garden' has no preference tuning"),
        (["--model", "azure/gpt-4o-mini", "--method", "dpo"], "provider 'azure' has no preference tuning"),
        (["--model", "openai/gpt-4o-mini-2024-07-18", "--beta", "0.1"], "'beta' = 0.1 applies only to preference tuning (--method dpo)"),
        (["--model", "openai/gpt-4o-mini-2024-07-18", "--method", "dpo", "--beta", "3"], "'beta' = 3 is out of range for provider 'openai' (beta): allowed > 0 and <= 2"),
    ])
    func whatCannotWorkIsRefusedBeforeAnyRequest(_ arguments: [String], _ message: String) throws {
        let result = try FinetuneProcess.run(["create", "--training-file", Self.preferenceFile] + arguments, environment: [:])
        #expect(result.status != 0)
        #expect(result.errors.contains(message), "\(result.errors)")
    }
}
