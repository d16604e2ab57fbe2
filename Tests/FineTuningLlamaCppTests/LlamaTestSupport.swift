import FineTuning
@testable import FineTuningLlamaCpp
import Foundation
import XCTest

/// Shared set-up of the llama.cpp tests: a temporary job store, tiny models generated on the spot,
/// and a skip with the set-up command when llama.cpp (the worker) is not built.
class LlamaTestCase: XCTestCase {
    var directory: URL!
    var provider: LlamaCppProvider!

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let exampleData = packageRoot.appendingPathComponent("Examples/data/support-faq.jsonl").path

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("llamacpp-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        provider = LlamaCppProvider(environment: Self.environment(home: directory))
    }

    override func tearDownWithError() throws {
        for id in provider.store.jobIDs() {
            if let pid = provider.store.workerPID(of: id) { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The provider's environment: the job store in `home`, the worker that scripts/test.sh built.
    static func environment(home: URL) -> [String: String] {
        var environment = ["FINETUNE_HOME": home.path]
        environment["FINETUNE_LLAMA_WORKER"] = ProcessInfo.processInfo.environment["FINETUNE_LLAMA_WORKER"]
        return environment
    }

    /// Skips the test, naming the set-up command, when the worker is not built.
    func requireLlamaCpp() throws {
        do {
            _ = try TrainingWorker.locate(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw XCTSkip("llama.cpp is not installed: run scripts/setup-llama.sh, then FINETUNE_LLAMA_WORKER=$(scripts/build-llama-worker.sh) swift test (\(error))")
        }
    }

    /// A tiny random F32 (or F16) model from scripts/make-tiny-model.py.
    func tinyModel(f16: Bool = false) async throws -> String {
        let python = Self.packageRoot.appendingPathComponent(".deps/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("the tiny-model generator's Python packages are not installed: run scripts/setup-llama.sh")
        }
        let output = directory.appendingPathComponent(f16 ? "tiny-f16.gguf" : "tiny.gguf").path
        let script = Self.packageRoot.appendingPathComponent("scripts/make-tiny-model.py").path
        try await Self.runPython(python, [script, output] + (f16 ? ["--f16"] : []))
        return output
    }

    /// Runs a model-generator script; a failure is the test's error, with what the script wrote.
    static func runPython(_ python: String, _ arguments: [String]) async throws {
        let (ending, _, errors) = await ChildProcess(executable: URL(fileURLWithPath: python), arguments: arguments).run(output: .discard)
        guard ending == .status(0) else {
            throw FineTuningError(.configuration, "\(arguments.first ?? python) ended with \(ending): \(String(decoding: errors.suffix(500), as: UTF8.self))")
        }
    }

    /// The first `count` examples of the support FAQ as a data file.
    func faqData(examples count: Int) throws -> String {
        let lines = try String(contentsOfFile: Self.exampleData, encoding: .utf8).split(separator: "\n").prefix(count)
        let path = directory.appendingPathComponent("faq-\(count).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A data file whose second example (line 2) is longer than a 256-token context.
    func overlongData() throws -> String {
        let long = String(repeating: "Please tell me more about your refund policy. ", count: 12)
        let data = directory.appendingPathComponent("long.jsonl").path
        try """
            {"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}]}
            {"messages":[{"role":"user","content":"\(long)"},{"role":"assistant","content":"Sure."}]}

            """.write(toFile: data, atomically: true, encoding: .utf8)
        return data
    }

    /// Hyperparameters whose context is too short for `overlongData()`: the job fails on line 2.
    static let shortContext = Hyperparameters(epochs: 1, providerSpecific: ["context_length": .integer(256)])

    /// A job of 1000 epochs, which keeps training far longer than any test, once it is running.
    func longRunningJob(model: String) async throws -> FineTuningJob {
        let created = try await provider.createJob(try request(model: model, data: try faqData(examples: 8), Hyperparameters(epochs: 1000, learningRate: 1e-3)))
        return try await waitFor(created, timeout: 300) { $0.status == .running }
    }

    func request(model: String, data: String, _ hyperparameters: Hyperparameters) throws -> ProviderJobRequest {
        ProviderJobRequest(
            baseModel: model, trainingData: .localFile(path: data),
            hyperparameters: try HyperparameterTable.llamaCpp.translate(hyperparameters), clientToken: UUID().uuidString)
    }

    /// Polls the job until `done` holds (or fails the test after `timeout` seconds).
    @discardableResult
    func waitFor(_ job: FineTuningJob, timeout: TimeInterval = 600, until done: (FineTuningJob) -> Bool) async throws -> FineTuningJob {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let current = try await provider.getJob(id: job.id.native)
            if done(current) { return current }
            guard Date() < deadline else {
                XCTFail("job \(job.id) still \(current.status) after \(timeout) s; log: \(provider.store.logTail(of: job.id.native, lines: 10))")
                return current
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
    }

    func metricEvents(_ job: FineTuningJob) -> [TrainingMetrics] {
        provider.store.events(of: job.id.native).compactMap(\.metrics)
    }
}
