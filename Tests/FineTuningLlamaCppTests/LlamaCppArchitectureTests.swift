import FineTuning
@testable import FineTuningLlamaCpp
import Foundation
import XCTest

/// Tiny models in the shapes of llama (SentencePiece with learned pieces, Llama 2 template), qwen2
/// (byte-level BPE with merges, ChatML) and gemma (SentencePiece, Gemma's turns), each trained end
/// to end with its own chat template and masked prompts; generation and the extracted adapter work.
final class LlamaCppArchitectureTests: LlamaTestCase {
    func testLlama() async throws { try await trainsEndToEnd(.llama) }
    func testQwen2() async throws { try await trainsEndToEnd(.qwen2) }
    func testGemmaLike() async throws { try await trainsEndToEnd(.gemmaLike) }

    func testAGemmaModelIsRefusedBeforeTheWorkerWouldAbort() async throws {
        do {
            _ = try await provider.createJob(try request(model: try await architectureModel(.gemma), data: try faqData(examples: 2), Hyperparameters(epochs: 1)))
            XCTFail("a gemma model was accepted")
        } catch let error as FineTuningError {
            XCTAssertEqual(error.code, .unsupported)
            XCTAssertTrue(error.message.contains("no backward pass for its GEGLU"), error.message)
        }
    }

    func trainsEndToEnd(_ architecture: Architecture) async throws {
        try requireLlamaCpp()
        let model = try await architectureModel(architecture)
        let data = try faqData(examples: 8)
        let created = try await provider.createJob(try request(
            model: model, data: data,
            Hyperparameters(epochs: 8, learningRate: 2e-3, adapterSize: .rank(32), seed: 5, providerSpecific: ["validation_split": .number(0)])))
        let job = try await waitFor(created) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .succeeded, "\(job.error?.message ?? "") \(provider.store.logTail(of: job.id.native, lines: 10))")

        // The model's own template rendered the chats; its tokenizer merged characters (fewer tokens
        // than bytes); only answer tokens were trained.
        let prepared = try XCTUnwrap(eventMessage(job, "prepared"))
        XCTAssertTrue(prepared.hasSuffix("chat template: the model's"), prepared)
        let numbers = prepared.split { !$0.isNumber }.compactMap { Int($0) }
        let (tokens, answers) = (numbers[1], numbers[2])
        let bytes = try String(contentsOfFile: data, encoding: .utf8).utf8.count
        XCTAssertLessThan(tokens, bytes / 2, "\(prepared); \(bytes) bytes of data")
        XCTAssertLessThan(answers, tokens * 3 / 4, prepared)
        XCTAssertGreaterThan(answers, 0, prepared)

        let epochs = provider.store.events(of: job.id.native).filter { $0.id.hasPrefix("epoch-") }.compactMap(\.metrics?.trainLoss)
        XCTAssertLessThan(try XCTUnwrap(epochs.last), try XCTUnwrap(epochs.first) * 0.85, "train loss per epoch: \(epochs)")

        // Generation through the template answers differently after training; the full-rank adapter on the base reproduces it.
        let generator = try LlamaCppGenerator(environment: ProcessInfo.processInfo.environment)
        let prompt = "How do I reset my password?"
        let tuned = try XCTUnwrap(job.tunedModel?.name)
        let baseAnswer = try await generator.generate(modelPath: model, prompt: prompt, maxTokens: 16)
        let tunedAnswer = try await generator.generate(modelPath: tuned, prompt: prompt, maxTokens: 16)
        XCTAssertNotEqual(baseAnswer, tunedAnswer)
        _ = try await generator.generate(modelPath: model, adapterPath: try XCTUnwrap(job.tunedModel?.adapter), prompt: prompt, maxTokens: 16)
        let fullRank = directory.appendingPathComponent("\(architecture)-full-rank.gguf")
        try LoRAExtractor.extract(basePath: model, tunedPath: tuned, rank: 4096, output: fullRank)
        let adapted = try await generator.generate(modelPath: model, adapterPath: fullRank.path, prompt: prompt, maxTokens: 16)
        XCTAssertEqual(adapted, tunedAnswer)
    }
}
