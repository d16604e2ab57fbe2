import FineTuning

/// Reads `fine_tuning.job.event` objects. Events of type `metrics` carry training metrics in
/// `data` (`step`, `total_steps`, `train_loss`, `train_mean_token_accuracy`, `valid_loss`, ...).
enum OpenAIEventDecoding {
    static func event(_ json: JSONValue, provider: String) throws -> JobEvent {
        guard let id = json["id"]?.nonEmptyString else {
            throw FineTuningError(.transport, "\(provider) sent a job event without an id", provider: provider)
        }
        let metrics = json["type"]?.stringValue == "metrics" ? json["data"].map(OpenAIEventDecoding.metrics) : nil
        return JobEvent(
            id: id, createdAt: json["created_at"]?.unixDate, level: level(json["level"]?.stringValue),
            message: json["message"]?.stringValue ?? "", metrics: metrics)
    }

    /// OpenAI says `warn`, Azure `warning`; an unknown level is reported as information.
    static func level(_ raw: String?) -> JobEvent.Level {
        switch raw {
        case "warn", "warning": .warning
        case "error": .error
        default: .info
        }
    }

    /// Training metrics from an event's `data` or a checkpoint's `metrics`. The loss and accuracy
    /// over the full validation set are preferred to the per-batch ones when both are present.
    static func metrics(_ json: JSONValue) -> TrainingMetrics {
        TrainingMetrics(
            step: json["step"]?.int64Value.map(Int.init),
            totalSteps: json["total_steps"]?.int64Value.map(Int.init),
            epoch: json["epoch"]?.doubleValue,
            trainLoss: json["train_loss"]?.doubleValue,
            validLoss: json["full_valid_loss"]?.doubleValue ?? json["valid_loss"]?.doubleValue,
            trainAccuracy: json["train_mean_token_accuracy"]?.doubleValue,
            validAccuracy: json["full_valid_mean_token_accuracy"]?.doubleValue ?? json["valid_mean_token_accuracy"]?.doubleValue)
    }
}
