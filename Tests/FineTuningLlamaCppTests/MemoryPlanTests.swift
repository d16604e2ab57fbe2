import FineTuning
@testable import FineTuningLlamaCpp
import Foundation
import XCTest

/// The memory plan: its arithmetic from a model's metadata, the refusal naming the figure, and the
/// estimate against the worker's measured peak RSS.
final class MemoryPlanTests: LlamaTestCase {
    func testThePlanCountsWeightsGradientsAndOptimizerStateFromTheTensorDirectory() throws {
        var writer = GGUFWriter()
        writer.set("general.architecture", .string("llama"))
        writer.set("llama.embedding_length", .unsigned(8))
        writer.set("llama.block_count", .unsigned(1))
        writer.set("llama.feed_forward_length", .unsigned(16))
        writer.set("llama.attention.head_count", .unsigned(2))
        writer.set("llama.attention.head_count_kv", .unsigned(1))
        writer.set("tokenizer.ggml.tokens", .array((0..<10).map { .string("t\($0)") }))
        writer.tensors = [
            GGUFWriter.Tensor(name: "token_embd.weight", dimensions: [8, 10], values: Array(repeating: 0, count: 80)),
            GGUFWriter.Tensor(name: "blk.0.attn_norm.weight", dimensions: [8], values: Array(repeating: 1, count: 8)),
            GGUFWriter.Tensor(name: "blk.0.ffn_up.weight", dimensions: [8, 16], values: Array(repeating: 0, count: 128)),
        ]
        let url = directory.appendingPathComponent("plan.gguf")
        try writer.write(to: url)
        let model = try GGUFFile(path: url.path)
        let adamw = MemoryPlan(model: model, contextLength: 256, optimizer: .adamw)
        XCTAssertEqual(adamw.weights, (80 + 8 + 128) * 4)
        XCTAssertEqual(adamw.gradients, 128 * 4, "only the matrices other than the token embedding train")
        XCTAssertEqual(adamw.optimizerState, 128 * 8)
        XCTAssertEqual(adamw.cache, 1 * 256 * 2 * (1 * 4) * 4, "one layer, 256 positions, K and V of one 4-wide head")
        XCTAssertEqual(adamw.logits, MemoryPlan.logitCopies * 256 * 10 * 4)
        XCTAssertEqual(MemoryPlan(model: model, contextLength: 256, optimizer: .sgd).optimizerState, 0)
        XCTAssertTrue(adamw.description.contains("memory plan: about"), adamw.description)
    }

    func testAJobOverMaxMemoryIsRefusedNamingTheEstimateAndTheLimit() async throws {
        var request = try request(model: try await architectureModel(.llama), data: try faqData(examples: 4), Hyperparameters(epochs: 1))
        request.options = ["max_memory": .number(0.01)]
        do {
            _ = try await provider.createJob(request)
            XCTFail("a job over max_memory was accepted")
        } catch let error as FineTuningError {
            XCTAssertEqual(error.code, .invalidRequest)
            XCTAssertEqual(error.parameter, "max_memory")
            for words in ["the job needs about", "--option max_memory (10.2 MiB)", "weights (F32)", "optimizer state"] {
                XCTAssertTrue(error.message.contains(words), "'\(words)' not in: \(error.message)")
            }
        }
        XCTAssertTrue(provider.store.jobIDs().isEmpty)
    }

    func testTheEstimateIsCloseToTheWorkersMeasuredPeak() async throws {
        try requireLlamaCpp()
        // Wide enough that the model, not the process, dominates: about 9 M parameters, a 4,000-token vocabulary.
        let model = try await architectureModel(.qwen2, extra: ["--embd", "256", "--layers", "4", "--ff", "1024", "--heads", "4", "--kv-heads", "2", "--vocab", "4000"])
        let created = try await provider.createJob(try request(
            model: model, data: try faqData(examples: 4),
            Hyperparameters(epochs: 1, learningRate: 1e-4, providerSpecific: ["validation_split": .number(0), "context_length": .integer(256)])))
        XCTAssertTrue(eventMessage(created, "memory-plan")?.hasPrefix("memory plan: about") ?? false)
        let job = try await waitFor(created) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .succeeded, "\(job.error?.message ?? "") \(provider.store.logTail(of: job.id.native, lines: 10))")
        let message = try XCTUnwrap(eventMessage(job, "memory"))
        let deviation = try XCTUnwrap(message.split(separator: "(").last.flatMap { Double($0.prefix { $0 != "%" }) }, message)
        XCTAssertLessThan(abs(deviation), 15, message)
    }
}
