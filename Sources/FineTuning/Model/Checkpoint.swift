public import Foundation

/// A saved intermediate model of a job.
public struct Checkpoint: Sendable, Hashable, Codable {
    public var id: String
    public var createdAt: Date?
    public var step: Int?
    public var epoch: Int?
    /// The model name or endpoint that serves this checkpoint.
    public var model: String?
    public var metrics: TrainingMetrics?

    public init(id: String, createdAt: Date? = nil, step: Int? = nil, epoch: Int? = nil, model: String? = nil, metrics: TrainingMetrics? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.step = step
        self.epoch = epoch
        self.model = model
        self.metrics = metrics
    }

    enum CodingKeys: String, CodingKey {
        case id, createdAt = "created_at", step, epoch, model, metrics
    }
}
