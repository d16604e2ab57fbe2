public import FineTuning
import Foundation

/// The worker's `eval` mode, as the `llamacpp` side of `finetune eval` sees it: one request per
/// example in a JSON Lines file, one result per example written (and flushed) as soon as it is
/// answered, so the caller can show progress by counting result lines.
public enum LocalEvaluation {
    /// One example to answer: the prompt turns and, when the reference is to be scored, the reference answer.
    public struct Request: Sendable, Hashable, Codable {
        public var prompt: TrainingExample
        public var reference: String?

        public init(prompt: TrainingExample, reference: String?) {
            self.prompt = prompt
            self.reference = reference
        }
    }

    /// How to answer: greedy when `temperature` is 0, otherwise sampled with `seed` (plus the example's index).
    public struct Options: Sendable, Hashable, Codable {
        public var maxTokens: Int
        public var temperature: Double
        public var seed: UInt64

        public init(maxTokens: Int = 64, temperature: Double = 0, seed: UInt64 = 42) {
            self.maxTokens = maxTokens
            self.temperature = temperature
            self.seed = seed
        }
    }

    /// One answered example.
    public struct Result: Sendable, Hashable, Codable {
        public var index: Int
        public var answer: String
        /// Mean negative log-likelihood per token of the reference answer (nil when not scored).
        public var referenceLoss: Double?
        public var referenceTokens: Int?
        public var generatedTokens: Int
        /// Time spent in llama.cpp decoding for this example (generation and scoring).
        public var decodeSeconds: Double

        public init(index: Int, answer: String, referenceLoss: Double?, referenceTokens: Int?, generatedTokens: Int, decodeSeconds: Double) {
            self.index = index
            self.answer = answer
            self.referenceLoss = referenceLoss
            self.referenceTokens = referenceTokens
            self.generatedTokens = generatedTokens
            self.decodeSeconds = decodeSeconds
        }

        enum CodingKeys: String, CodingKey {
            case index, answer, referenceLoss = "reference_loss", referenceTokens = "reference_tokens"
            case generatedTokens = "generated_tokens", decodeSeconds = "decode_seconds"
        }
    }

    /// Answers `requests` with the model at `modelPath` (and `adapterPath`), calling `progress` with
    /// the number answered so far. The worker runs on its own thread, never on the cooperative pool.
    public static func run(
        requests: [Request], modelPath: String, adapterPath: String?, options: Options, environment: [String: String],
        progress: @escaping @Sendable (Int) -> Void
    ) async throws -> [Result] {
        let worker = try TrainingWorker.locate(environment: environment)
        try await BlockingBridge.onDedicatedThread { _ = try GGUFFile(path: modelPath) }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("finetune-eval-\(UUID().uuidString)")
        let requestFile = base.appendingPathExtension("requests.jsonl"), resultFile = base.appendingPathExtension("results.jsonl")
        defer { [requestFile, resultFile].forEach { try? FileManager.default.removeItem(at: $0) } }
        let encoder = JSONEncoder()
        var lines = Data()
        for request in requests {
            lines.append(try encoder.encode(request))
            lines.append(0x0A)
        }
        try await BlockingBridge.onDedicatedThread { [lines] in
            try lines.write(to: requestFile)
            try Data().write(to: resultFile)
        }
        var arguments = [
            "eval", "--model", modelPath, "--requests", requestFile.path, "--output", resultFile.path,
            "--max-tokens", String(options.maxTokens), "--temperature", String(options.temperature), "--seed", String(options.seed),
        ]
        if let adapterPath { arguments += ["--adapter", adapterPath] }
        let workerArguments = arguments
        let poller = Task {
            var reported = 0
            while !Task.isCancelled {
                let count = await BlockingBridge.onDedicatedThread { lineCount(resultFile) }
                if count != reported {
                    reported = count
                    progress(count)
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { poller.cancel() }
        _ = try await worker.run(arguments: workerArguments)
        poller.cancel()
        let answers = try await BlockingBridge.onDedicatedThread { try Data(contentsOf: resultFile) }
        progress(answers.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        let decoder = JSONDecoder()
        let results = try answers.split(separator: 0x0A).map { try decoder.decode(Result.self, from: $0) }
        guard results.count == requests.count else {
            throw FineTuningError(.providerError, "\(TrainingWorker.executableName) eval answered \(results.count) of \(requests.count) examples", provider: "llamacpp")
        }
        return results
    }

    private static func lineCount(_ file: URL) -> Int {
        (try? Data(contentsOf: file))?.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } ?? 0
    }
}
