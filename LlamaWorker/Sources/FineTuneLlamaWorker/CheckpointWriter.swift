import FineTuning
import FineTuningLlamaCpp
import Foundation

/// Saves a running job's checkpoints: the model's current weights and where training stands.
struct CheckpointWriter {
    let store: LocalJobStore
    let id: String
    let model: LlamaModel
    let trainer: MaskedTrainer
    let spec: TrainingSpec
    let windowsPerEpoch: Int

    /// Saves a checkpoint and announces it; returns where it was stored.
    @discardableResult
    func save(
        step: Int, epoch: Int, windowsIntoEpoch: Int, trainLoss: Double, reason: TrainingCheckpoint.Reason,
        events: (String, String, JobEvent.Level, TrainingMetrics?) throws -> Void
    ) throws -> LocalJobStore.StoredCheckpoint {
        let state = TrainingCheckpoint(
            step: step, totalSteps: windowsPerEpoch * spec.epochs, epoch: epoch, windowsIntoEpoch: windowsIntoEpoch,
            windowsPerEpoch: windowsPerEpoch, scheduleProgress: trainer.progress, learningRate: trainer.learningRate,
            dataOrderSeed: spec.seed, trainLoss: trainLoss, reason: reason)
        let stored = try store.saveCheckpoint(state, of: id) { url in try model.save(to: url.path) }
        try events(
            "checkpoint-\(step)", "checkpoint \(stored.directory.lastPathComponent) saved (\(reason.rawValue)): step \(step), epoch \(epoch), learning rate \(String(format: "%.3g", state.learningRate))",
            .info, nil)
        return stored
    }
}
