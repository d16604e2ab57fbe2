import FineTuning
@testable import FineTuningLlamaCpp
import Foundation
import XCTest

/// The worker's `eval` mode on a real tiny model: greedy answers match `finetune try`'s, seeded
/// sampling is reproducible, and the reference loss equals the masked loss training reports.
final class LlamaCppEvaluationTests: LlamaTestCase {
    static let question = TrainingExample(turns: [.init(role: .user, text: "How do I reset my password?")])
    static let reference = "Go to Settings > Account > Reset password and follow the link we email you."

    func evaluate(_ model: String, _ requests: [LocalEvaluation.Request], _ options: LocalEvaluation.Options) async throws -> [LocalEvaluation.Result] {
        try await LocalEvaluation.run(
            requests: requests, modelPath: model, adapterPath: nil, options: options,
            environment: Self.environment(home: directory), progress: { _ in })
    }

    func testGreedyAnswersMatchTryAndSamplingIsSeeded() async throws {
        try requireLlamaCpp()
        let model = try await tinyModel()
        let requests = [LocalEvaluation.Request(prompt: Self.question, reference: nil), LocalEvaluation.Request(prompt: Self.question, reference: nil)]
        let greedy = try await evaluate(model, requests, LocalEvaluation.Options(maxTokens: 12))
        let tried = try await LlamaCppGenerator(environment: Self.environment(home: directory)).generate(modelPath: model, prompt: "How do I reset my password?", maxTokens: 12)
        XCTAssertEqual(greedy.map(\.answer), [tried, tried])
        XCTAssertEqual(greedy.map(\.index), [0, 1])
        XCTAssertTrue(greedy.allSatisfy { $0.generatedTokens <= 12 && $0.referenceLoss == nil })

        let sampled = try await evaluate(model, requests, LocalEvaluation.Options(maxTokens: 12, temperature: 1, seed: 7))
        let again = try await evaluate(model, requests, LocalEvaluation.Options(maxTokens: 12, temperature: 1, seed: 7))
        XCTAssertEqual(sampled.map(\.answer), again.map(\.answer))
        // the two examples get different seeds (seed + index), and sampling is not greedy
        XCTAssertNotEqual(sampled[0].answer, sampled[1].answer)
        XCTAssertNotEqual(sampled[0].answer, greedy[0].answer)
    }

    func testReferenceLossEqualsTheMaskedValidationLossOfTraining() async throws {
        try requireLlamaCpp()
        let model = try await tinyModel()
        let validation = directory.appendingPathComponent("one.jsonl").path
        let line = #"{"messages":[{"role":"user","content":"How do I reset my password?"},{"role":"assistant","content":"\#(Self.reference)"}]}"#
        try (line + "\n").write(toFile: validation, atomically: true, encoding: .utf8)
        var request = try request(model: model, data: try faqData(examples: 2), Hyperparameters(epochs: 1, learningRate: 1e-5))
        request.validationData = .localFile(path: validation)
        let job = try await waitFor(try await provider.createJob(request), timeout: 300) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .succeeded, provider.store.logTail(of: job.id.native, lines: 10))
        let before = try XCTUnwrap(metricEvents(job).first { $0.step == 0 }?.validLoss)

        let scored = try await evaluate(model, [LocalEvaluation.Request(prompt: Self.question, reference: Self.reference)], LocalEvaluation.Options(maxTokens: 4))
        let loss = try XCTUnwrap(scored.first?.referenceLoss)
        XCTAssertEqual(loss, before, accuracy: 0.01, "the eval's reference loss and training's validation loss differ")
        XCTAssertGreaterThan(loss, 1)
        // scored as training masks it: the space after "Assistant:", every answer character, </s> and the newline
        XCTAssertEqual(scored.first?.referenceTokens, 1 + Self.reference.count + 2)
    }
}
