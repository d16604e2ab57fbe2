import FineTuning
@testable import FineTuningLlamaCpp
import Foundation
import XCTest

/// Checkpoints, pause and resume of local jobs, with real workers.
final class LlamaCppCheckpointTests: LlamaTestCase {
    func checkpointedRequest(model: String, epochs: Int, checkpointSteps: Int) throws -> ProviderJobRequest {
        var request = try request(
            model: model, data: try faqData(examples: 8),
            Hyperparameters(epochs: epochs, learningRate: 2e-3, seed: 11, providerSpecific: ["validation_split": .number(0)]))
        request.options = ["checkpoint_steps": .integer(Int64(checkpointSteps))]
        return request
    }

    func testTheProviderDeclaresCheckpointsAndPauseResume() {
        XCTAssertTrue(LlamaCppProvider.descriptor.capabilities.isSuperset(of: [.events, .checkpoints, .pauseResume]))
    }

    func testPauseSavesACheckpointStopsTheWorkerAndResumeContinuesFromIt() async throws {
        try requireLlamaCpp()
        let created = try await provider.createJob(try checkpointedRequest(model: try await tinyModel(), epochs: 1000, checkpointSteps: 1000))
        try await waitFor(created, timeout: 300) { ($0.progress?.completedSteps ?? 0) >= 3 }
        let pausing = try await provider.pauseJob(id: created.id.native)
        XCTAssertEqual(pausing.status, .paused)
        let paused = try await waitFor(created, timeout: 120) { $0.providerStatus == "paused" }
        XCTAssertEqual(paused.status, .paused)
        let pid = try XCTUnwrap(provider.store.workerPID(of: created.id.native))
        try await waitFor(created, timeout: 10) { [self] _ in !TrainingWorker.isAlive(pid: pid, jobDirectory: provider.store.directory(of: created.id.native)) }

        // The pause checkpoint is listed, newest first, with the step it stopped at.
        let checkpoints = try await provider.listCheckpoints(jobID: created.id.native, page: PageRequest())
        let latest = try XCTUnwrap(checkpoints.items.first)
        let state = try XCTUnwrap(provider.store.latestCheckpoint(of: created.id.native)?.state)
        XCTAssertEqual(state.reason, .pause)
        XCTAssertEqual(latest.step, state.step)
        XCTAssertEqual(state.step, paused.progress?.completedSteps)
        XCTAssertTrue(FileManager.default.fileExists(atPath: try XCTUnwrap(latest.model)))
        XCTAssertEqual(state.dataOrderSeed, 11)
        XCTAssertLessThan(state.learningRate, 2e-3)

        // A paused job stays paused (no worker to die), and resume carries on from the checkpoint's step.
        try await Task.sleep(nanoseconds: 300_000_000)
        let stillPaused = try await provider.getJob(id: created.id.native)
        XCTAssertEqual(stillPaused.status, .paused)
        let resumed = try await provider.resumeJob(id: created.id.native)
        XCTAssertEqual(resumed.status, .queued)
        let running = try await waitFor(created, timeout: 300) { ($0.progress?.completedSteps ?? 0) > state.step }
        XCTAssertEqual(running.status, .running)
        XCTAssertNotNil(eventMessage(running, "restarted-\(state.step)"))
        let steps = provider.store.events(of: created.id.native).compactMap(\.metrics?.step)
        XCTAssertFalse(steps.drop { $0 != state.step }.dropFirst().contains { $0 < state.step }, "after the restart the steps continue: \(steps)")

        // Resuming a running job is a conflict; pausing a paused job too; cancel ends a paused job.
        do {
            _ = try await provider.resumeJob(id: created.id.native)
            XCTFail("resumed a running job")
        } catch let error as FineTuningError {
            XCTAssertEqual(error.code, .conflict)
        }
        _ = try await provider.pauseJob(id: created.id.native)
        try await waitFor(created, timeout: 120) { $0.providerStatus == "paused" }
        let cancelled = try await provider.cancelJob(id: created.id.native)
        XCTAssertEqual(cancelled.status, .cancelled)
    }

    func testAJobKilledWithSIGKILLResumesFromItsLatestCheckpointAndEndsCloseToAnUninterruptedRun() async throws {
        try requireLlamaCpp()
        let model = try await tinyModel()
        let epochs = 8
        let uninterrupted = try await waitFor(try await provider.createJob(try checkpointedRequest(model: model, epochs: epochs, checkpointSteps: 1))) { $0.status.isTerminal }
        XCTAssertEqual(uninterrupted.status, .succeeded, uninterrupted.error?.message ?? "")
        let totalSteps = try XCTUnwrap(uninterrupted.progress?.totalSteps)
        // The tuned model is the last epoch's checkpoint linked, not the same weights written again;
        // saving the checkpoints (one per step here) is timed apart from the training speed.
        let tunedModel = try XCTUnwrap(uninterrupted.tunedModel?.name)
        let lastCheckpoint = try XCTUnwrap(provider.store.latestCheckpoint(of: uninterrupted.id.native))
        var tunedFile = stat(), checkpointFile = stat()
        XCTAssertEqual(stat(tunedModel, &tunedFile), 0)
        XCTAssertEqual(stat(lastCheckpoint.modelFile.path, &checkpointFile), 0)
        XCTAssertEqual(tunedFile.st_ino, checkpointFile.st_ino, "the tuned model is the last checkpoint's file")
        let aside = try XCTUnwrap(eventMessage(uninterrupted, "aside"))
        XCTAssertTrue(aside.hasPrefix("\(totalSteps) checkpoints saved"), aside)

        let created = try await provider.createJob(try checkpointedRequest(model: model, epochs: epochs, checkpointSteps: 1))
        try await waitFor(created, timeout: 300) { [self] _ in (provider.store.latestCheckpoint(of: created.id.native)?.state.step ?? 0) >= totalSteps / 2 }
        XCTAssertEqual(kill(try XCTUnwrap(provider.store.workerPID(of: created.id.native)), SIGKILL), 0)
        let died = try await waitFor(created, timeout: 30) { $0.status.isTerminal }
        XCTAssertEqual(died.status, .failed)
        let checkpoint = try XCTUnwrap(provider.store.latestCheckpoint(of: created.id.native))
        XCTAssertLessThan(checkpoint.state.step, totalSteps, "killed before the end")

        _ = try await provider.resumeJob(id: created.id.native)
        let job = try await waitFor(created) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .succeeded, "\(job.error?.message ?? "") \(provider.store.logTail(of: job.id.native, lines: 10))")
        XCTAssertNil(job.error)
        XCTAssertEqual(job.progress?.completedSteps, totalSteps)
        XCTAssertLessThanOrEqual(provider.store.checkpoints(of: job.id.native).count, LocalJobStore.checkpointsKept)

        func finalLoss(_ job: FineTuningJob) -> Double? {
            provider.store.events(of: job.id.native).last { $0.id == "epoch-\(epochs)" }?.metrics?.trainLoss
        }
        let expected = try XCTUnwrap(finalLoss(uninterrupted)), actual = try XCTUnwrap(finalLoss(job))
        let first = try XCTUnwrap(provider.store.events(of: job.id.native).first { $0.id == "epoch-1" }?.metrics?.trainLoss)
        XCTAssertLessThan(actual, first * 0.8, "the resumed job kept learning")
        XCTAssertEqual(actual, expected, accuracy: expected * 0.1, "final train loss: resumed \(actual), uninterrupted \(expected)")
    }

    func testOnlyAPausedJobOrOneWhoseWorkerDiedCanBeResumed() async throws {
        try requireLlamaCpp()
        let created = try await provider.createJob(try request(model: try await tinyModel(), data: try overlongData(), Self.shortContext))
        let failed = try await waitFor(created, timeout: 120) { $0.status.isTerminal }
        XCTAssertEqual(failed.status, .failed)
        do {
            _ = try await provider.resumeJob(id: created.id.native)
            XCTFail("resumed a job that failed on its data")
        } catch let error as FineTuningError {
            XCTAssertEqual(error.code, .conflict)
            XCTAssertTrue(error.message.contains("it is failed"), error.message)
        }
    }
}
