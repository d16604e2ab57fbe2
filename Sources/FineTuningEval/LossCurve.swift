public import FineTuning

/// A tuned job's training and validation loss by step, read from its events (for the report's chart).
public struct LossCurve: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
        public var step: Double
        public var loss: Double
    }

    public var job: String
    public var training: [Point]
    public var validation: [Point]

    /// The curve of `job` from its events (those that carry metrics); nil when none carries a loss.
    public init?(job: String, events: [JobEvent]) {
        self.job = job
        var training: [Point] = [], validation: [Point] = []
        for (index, event) in events.enumerated() {
            guard let metrics = event.metrics else { continue }
            let step = Double(metrics.step ?? index)
            if let loss = metrics.trainLoss, loss.isFinite { training.append(Point(step: step, loss: loss)) }
            if let loss = metrics.validLoss, loss.isFinite { validation.append(Point(step: step, loss: loss)) }
        }
        guard !training.isEmpty || !validation.isEmpty else { return nil }
        self.training = training.sorted { $0.step < $1.step }
        self.validation = validation.sorted { $0.step < $1.step }
    }
}
