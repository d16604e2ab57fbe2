import FineTuning
import FineTuningLlamaCpp
import Foundation
import XCTest

/// Real training of a tiny model through llama.cpp, end to end through the provider and its worker.
final class LlamaCppTrainingTests: LlamaTestCase {
    func testTrainingLearnsTheAnswersAndItsExtractedAdapterReproducesTheModel() async throws {
        try requireLlamaCpp()
        let model = try await tinyModel()
        let data = try faqData(examples: 8)
        let created = try await provider.createJob(try request(
            model: model, data: data,
            Hyperparameters(epochs: 8, learningRate: 2e-3, adapterSize: .rank(8), seed: 7, providerSpecific: ["validation_split": .number(0)])))
        XCTAssertEqual(created.status, .queued)
        let job = try await waitFor(created) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .succeeded, "\(job.error?.message ?? "") \(provider.store.logTail(of: job.id.native, lines: 10))")

        // Per-window metrics with step, total, epoch and loss; the loss falls clearly (to 0.42 of the
        // first epoch's; 0.56 when every window's gradient was added to all the earlier ones).
        let steps = metricEvents(job).filter { $0.totalSteps != nil && $0.validLoss == nil }
        XCTAssertGreaterThan(steps.count, 8)
        XCTAssertTrue(steps.allSatisfy { $0.step != nil && $0.epoch != nil && $0.trainLoss != nil && $0.trainAccuracy != nil })
        let epochs = provider.store.events(of: job.id.native).filter { $0.id.hasPrefix("epoch-") }.compactMap(\.metrics?.trainLoss)
        XCTAssertEqual(epochs.count, 8)
        XCTAssertLessThan(epochs.last!, epochs.first! * 0.5, "train loss per epoch: \(epochs)")
        XCTAssertEqual(job.progress?.completedEpochs, 8)

        // The saved model loads and answers differently from the base.
        let tuned = try XCTUnwrap(job.tunedModel?.name)
        let generator = try LlamaCppGenerator(environment: ProcessInfo.processInfo.environment)
        let prompt = "How do I reset my password?"
        let baseAnswer = try await generator.generate(modelPath: model, prompt: prompt, maxTokens: 24)
        let tunedAnswer = try await generator.generate(modelPath: tuned, prompt: prompt, maxTokens: 24)
        XCTAssertNotEqual(baseAnswer, tunedAnswer)

        // The job's rank-8 adapter exists; a full-rank extract reproduces the tuned model's answer.
        XCTAssertTrue(FileManager.default.fileExists(atPath: try XCTUnwrap(job.tunedModel?.adapter)))
        let fullRank = directory.appendingPathComponent("full-rank.gguf")
        let summary = try LoRAExtractor.extract(basePath: model, tunedPath: tuned, rank: 4096, output: fullRank)
        XCTAssertEqual(summary.retainedEnergy, 1, accuracy: 1e-6)
        let adapted = try await generator.generate(modelPath: model, adapterPath: fullRank.path, prompt: prompt, maxTokens: 24)
        XCTAssertEqual(adapted, tunedAnswer)
    }

    func testCancelDuringTrainingEndsCancelledAndKeepsTheMetrics() async throws {
        try requireLlamaCpp()
        let created = try await provider.createJob(try request(
            model: try await tinyModel(), data: try faqData(examples: 8), Hyperparameters(epochs: 1000, learningRate: 1e-3)))
        try await waitFor(created, timeout: 300) { [self] _ in metricEvents(created).count >= 2 }
        let cancelling = try await provider.cancelJob(id: created.id.native)
        XCTAssertTrue([.cancelling, .cancelled].contains(cancelling.status), "\(cancelling.status)")
        let job = try await waitFor(created, timeout: 120) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .cancelled)
        XCTAssertGreaterThanOrEqual(metricEvents(job).count, 2)
        XCTAssertGreaterThan(job.progress?.completedSteps ?? 0, 0)
        XCTAssertNil(job.tunedModel)
    }

    func testKilledWorkerLeavesTheJobFailedWithTheReason() async throws {
        try requireLlamaCpp()
        let created = try await longRunningJob(model: try await tinyModel())
        let pid = try XCTUnwrap(provider.store.workerPID(of: created.id.native))
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        let job = try await waitFor(created, timeout: 30) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .failed)
        XCTAssertTrue(job.error?.message.contains("ended without finishing") ?? false, job.error?.message ?? "no error")
        // The failure is stored: a fresh provider over the same folder reads it back.
        let reread = try await LlamaCppProvider(environment: Self.environment(home: directory)).getJob(id: created.id.native)
        XCTAssertEqual(reread.status, .failed)
    }

    func testAnExampleLongerThanTheContextFailsTheJobNamingItsLine() async throws {
        try requireLlamaCpp()
        let created = try await provider.createJob(try request(model: try await tinyModel(), data: try overlongData(), Self.shortContext))
        let job = try await waitFor(created, timeout: 120) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .failed)
        let message = job.error?.message ?? ""
        XCTAssertTrue(message.contains("long.jsonl:2") && message.contains("more than the context length"), message)
    }
}
