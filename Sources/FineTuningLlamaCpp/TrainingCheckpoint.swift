import FineTuning
public import Foundation

/// Where a local job stood when a checkpoint was saved: everything the worker needs, with the
/// checkpoint's `model.gguf`, to continue as if it had not stopped.
public struct TrainingCheckpoint: Sendable, Hashable, Codable {
    /// Why it was saved.
    public enum Reason: String, Sendable, Hashable, Codable {
        case steps, epoch, pause
    }

    /// Training steps (windows) done in all.
    public var step: Int
    public var totalSteps: Int
    /// Epochs completed.
    public var epoch: Int
    /// Windows of epoch `epoch` (0-based) already trained, of `windowsPerEpoch`.
    public var windowsIntoEpoch: Int
    public var windowsPerEpoch: Int
    /// Position in the learning-rate schedule (0 to 1) and the rate there.
    public var scheduleProgress: Double
    public var learningRate: Double
    /// The seed the data order of every epoch is drawn from (epoch e uses the e-th shuffle).
    public var dataOrderSeed: UInt64
    /// Mean train loss over the epoch so far.
    public var trainLoss: Double?
    public var reason: Reason
    public var createdAt: Date
    /// What happens to the optimizer's state on resume.
    public var optimizerState: String

    /// llama.cpp keeps AdamW's moments inside ggml-opt with no API to read or write them.
    public static let optimizerStateNote =
        "not saved: llama.cpp's ggml-opt exposes no API to read or restore the AdamW moments, so they restart from zero on resume"

    public init(
        step: Int, totalSteps: Int, epoch: Int, windowsIntoEpoch: Int, windowsPerEpoch: Int, scheduleProgress: Double, learningRate: Double,
        dataOrderSeed: UInt64, trainLoss: Double?, reason: Reason, createdAt: Date = Date(), optimizerState: String = optimizerStateNote
    ) {
        self.step = step
        self.totalSteps = totalSteps
        self.epoch = epoch
        self.windowsIntoEpoch = windowsIntoEpoch
        self.windowsPerEpoch = windowsPerEpoch
        self.scheduleProgress = scheduleProgress
        self.learningRate = learningRate
        self.dataOrderSeed = dataOrderSeed
        self.trainLoss = trainLoss
        self.reason = reason
        self.createdAt = createdAt
        self.optimizerState = optimizerState
    }

    /// Epochs done, with the fraction of the current one.
    public var epochProgress: Double { Double(epoch) + Double(windowsIntoEpoch) / Double(max(1, windowsPerEpoch)) }

    /// The checkpoint's folder name: `step-000120`, sortable.
    public var name: String { String(format: "step-%06d", step) }

    enum CodingKeys: String, CodingKey {
        case step, totalSteps = "total_steps", epoch, windowsIntoEpoch = "windows_into_epoch", windowsPerEpoch = "windows_per_epoch"
        case scheduleProgress = "schedule_progress", learningRate = "learning_rate", dataOrderSeed = "data_order_seed"
        case trainLoss = "train_loss", reason, createdAt = "created_at", optimizerState = "optimizer_state"
    }
}
