public import FineTuning

/// One trial of a sweep and how it ended.
public struct SweepTrial: Sendable, Codable {
    public enum Outcome: String, Sendable, Codable {
        case pending, running, succeeded, failed, cancelled
        /// Cancelled because its validation loss was clearly behind the best trial's at the same epoch.
        case stoppedEarly = "stopped_early"
        /// Cancelled, or never started, because `--max-time` ran out.
        case outOfTime = "out_of_time"
    }

    public var number: Int
    /// The swept values (any spelling `finetune create -H` takes).
    public var hyperparameters: [String: JSONValue]
    public var job: String?
    public var outcome: Outcome
    /// The last validation loss the job reported, and at which epoch.
    public var validationLoss: Double?
    public var epoch: Double?
    /// The `--select` metric's mean on `--eval-data`, when asked for.
    public var metric: Double?

    public init(
        number: Int, hyperparameters: [String: JSONValue], job: String? = nil, outcome: Outcome, validationLoss: Double? = nil,
        epoch: Double? = nil, metric: Double? = nil
    ) {
        self.number = number
        self.hyperparameters = hyperparameters
        self.job = job
        self.outcome = outcome
        self.validationLoss = validationLoss
        self.epoch = epoch
        self.metric = metric
    }

    enum CodingKeys: String, CodingKey {
        case number, hyperparameters, job, outcome, validationLoss = "validation_loss", epoch, metric
    }
}
