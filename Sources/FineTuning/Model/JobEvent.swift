public import Foundation

/// Something that happened to a job: a message, a state change, or training metrics.
public struct JobEvent: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable {
        case info, warning, error
    }

    /// The provider's event id, or one the framework derived (stable across calls).
    public var id: String
    public var createdAt: Date?
    public var level: Level
    public var message: String
    /// Training metrics, when the event carries them.
    public var metrics: TrainingMetrics?

    public init(id: String, createdAt: Date? = nil, level: Level = .info, message: String, metrics: TrainingMetrics? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.level = level
        self.message = message
        self.metrics = metrics
    }

    enum CodingKeys: String, CodingKey {
        case id, createdAt = "created_at", level, message, metrics
    }
}

/// Metrics reported during training. Every field is optional: providers report different subsets.
public struct TrainingMetrics: Sendable, Hashable, Codable {
    public var step: Int?
    public var totalSteps: Int?
    public var epoch: Double?
    public var trainLoss: Double?
    public var validLoss: Double?
    public var trainAccuracy: Double?
    public var validAccuracy: Double?

    public init(
        step: Int? = nil, totalSteps: Int? = nil, epoch: Double? = nil, trainLoss: Double? = nil,
        validLoss: Double? = nil, trainAccuracy: Double? = nil, validAccuracy: Double? = nil
    ) {
        self.step = step
        self.totalSteps = totalSteps
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.validLoss = validLoss
        self.trainAccuracy = trainAccuracy
        self.validAccuracy = validAccuracy
    }

    enum CodingKeys: String, CodingKey {
        case step, totalSteps = "total_steps", epoch, trainLoss = "train_loss", validLoss = "valid_loss"
        case trainAccuracy = "train_accuracy", validAccuracy = "valid_accuracy"
    }
}
