import FineTuning
import FineTuningTestSupport
import Foundation
import Testing

/// `finetune create --dry-run` on the built-in providers: the local file is read and priced from the
/// toolkit's token estimate and the price table; the provider's loopback server gets no request.
@Suite struct DryRunCLITests {
    static let trainingFile = FinetuneProcess.conformance.appendingPathComponent("Fixtures/openai/train.jsonl").path

    /// A server that answers every request with an error, to count what a dry run sends.
    static func silentServer() throws -> TestHTTPServer {
        try TestHTTPServer { _ in .json(#"{"error":{"message":"a dry run must not call the provider"}}"#, status: 500) }
    }

    static func preview(_ arguments: [String], server: TestHTTPServer) throws -> (status: Int32, document: JSONValue?, errors: String) {
        let environment = [
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString,
            "AZURE_OPENAI_API_KEY": "azure-test", "AZURE_OPENAI_ENDPOINT": server.url("").absoluteString,
            "GOOGLE_CLOUD_PROJECT": "p", "VERTEX_AI_BASE_URL": server.url("").absoluteString,
        ]
        let run = try FinetuneProcess.run(["create", "--dry-run", "--json"] + arguments, environment: environment)
        return (run.status, try? JSONValue(parsing: run.output)["job_preview"], run.errors)
    }

    @Test func openAIIsPricedLocallyAndNothingIsSent() throws {
        let server = try Self.silentServer()
        defer { server.stop() }
        let run = try Self.preview(["--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", Self.trainingFile, "--epochs", "2"], server: server)
        #expect(run.status == 0, "\(run.errors)")
        let tokens = try DatasetStatisticsCollector.collect(path: Self.trainingFile).estimatedTokens
        #expect(run.document?["source"] == "local_estimate")
        #expect(run.document?["data_tokens"]?.int64Value == Int64(tokens))
        #expect(run.document?["train_tokens"]?.int64Value == Int64(tokens * 2))
        #expect(run.document?["epochs"] == 2)
        #expect(run.document?["cost"]?.doubleValue == Double(tokens * 2) * 3.0 / 1_000_000)
        #expect(run.document?["currency"] == "USD")
        #expect(server.requests.isEmpty, "\(server.requests.map(\.target))")
    }

    /// A Bedrock Claude file (`system` + `messages`) of 40 examples, above Bedrock's minimum.
    static let bedrockFile: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dry-run-bedrock-\(getpid()).jsonl").path
        let line = #"{"system":"Be brief.","messages":[{"role":"user","content":"Capital of France?"},{"role":"assistant","content":"Paris."}]}"#
        #expect(FileManager.default.createFile(atPath: path, contents: Data(String(repeating: line + "\n", count: 40).utf8)))
        return path
    }()

    @Test(arguments: [
        ["--model", "vertex_ai/gemini-2.5-flash", "--training-file", trainingFile, "--convert"],
        ["--model", "azure/gpt-4o-mini", "--training-file", trainingFile],
        ["--model", "model_garden/meta/llama3_1@llama-3.1-8b-instruct", "--training-file", trainingFile],
        ["--model", "bedrock/anthropic.claude-3-haiku-20240307-v1:0:200k", "--training-file", bedrockFile],
    ])
    func aModelWithoutAPriceSaysSo(_ arguments: [String]) throws {
        let server = try Self.silentServer()
        defer { server.stop() }
        let run = try Self.preview(arguments, server: server)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.document?["cost"] == nil)
        #expect(run.document?["data_tokens"]?.int64Value ?? 0 > 0)
        #expect(run.document?["notes"]?.arrayValue?.contains { $0.stringValue?.contains("no price known for \(arguments[1])") == true } == true)
        #expect(run.document?["epochs_assumed"] == true)
        #expect(server.requests.isEmpty)
    }

    @Test func aRemoteFileCannotBeCounted() throws {
        let server = try Self.silentServer()
        defer { server.stop() }
        let run = try Self.preview(["--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", "file-RCnFCYRhFDcq1aHxiYkBHw"], server: server)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.document?["data_tokens"] == nil)
        #expect(run.document?["cost"] == nil)
        #expect(run.document?["notes"]?.arrayValue?.contains { $0.stringValue?.contains("cannot be counted locally") == true } == true)
        #expect(server.requests.isEmpty)
    }

    @Test func theTextFormSaysNothingWasCreated() throws {
        let server = try Self.silentServer()
        defer { server.stop() }
        let run = try FinetuneProcess.run(
            ["create", "--dry-run", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", Self.trainingFile],
            environment: ["OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("dry run: nothing was uploaded or created"))
        #expect(run.output.contains("USD"))
        #expect(server.requests.isEmpty)
        let keep = try FinetuneProcess.run(
            ["create", "--keep", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", Self.trainingFile], environment: [:])
        #expect(keep.status != 0)
        #expect(keep.errors.contains("--keep"))
    }

    /// The local provider checks the model as a create would (LlamaCppDryRunTests has the rest):
    /// a dry run never passes a file that a create then refuses.
    @Test func llamaCppRefusesAFileThatIsNotAModelAsCreateDoes() throws {
        let server = try Self.silentServer()
        defer { server.stop() }
        let model = FileManager.default.temporaryDirectory.appendingPathComponent("dry-run-\(UUID().uuidString.prefix(8)).gguf")
        try Data("GGUF".utf8).write(to: model)
        defer { try? FileManager.default.removeItem(at: model) }
        let run = try Self.preview(["--model", "llamacpp/\(model.path)", "--training-file", Self.trainingFile], server: server)
        #expect(run.status == 3, "\(run.errors)")
        #expect(run.errors.contains(model.path) && run.errors.contains("parameter model"), "\(run.errors)")
        #expect(run.document == nil)
    }
}
