import FineTuning
import Foundation

/// Reads Mistral's job objects (and the detail's events and checkpoints) into the normalized model.
enum MistralJobDecoding {
    /// Mistral's states; anything else stays `unknown(raw)`.
    static let statuses: [String: JobStatus] = [
        "QUEUED": .queued, "STARTED": .validating, "VALIDATING": .validating, "VALIDATED": .queued,
        "RUNNING": .running, "FAILED_VALIDATION": .failed, "FAILED": .failed, "SUCCESS": .succeeded,
        "CANCELLED": .cancelled, "CANCELLATION_REQUESTED": .cancelling,
    ]

    static func job(_ json: JSONValue) throws -> FineTuningJob {
        guard let id = json["id"]?.stringValue, let state = json["status"]?.stringValue else {
            throw FineTuningError(.transport, "mistral answered with something that is not a fine-tuning job (no id or status): \(json.jsonText.prefix(200))", provider: "mistral")
        }
        let status = statuses[state] ?? .unknown(state)
        let native = json["hyperparameters"]?.objectValue ?? [:]
        let lastStep = checkpoints(json).compactMap(\.step).max()
        return FineTuningJob(
            id: JobID(provider: "mistral", native: id), baseModel: json["model"]?.stringValue ?? "", status: status,
            providerStatus: state, tunedModel: json["fine_tuned_model"]?.stringValue.map { TunedModel(name: $0) },
            createdAt: date(json["created_at"]), finishedAt: status.isTerminal ? date(json["modified_at"]) : nil,
            hyperparameters: hyperparameters(native), trainingData: files(json["training_files"]),
            validationData: files(json["validation_files"]), error: error(json, status: status),
            progress: lastStep.map { JobProgress(completedSteps: $0, totalSteps: native["training_steps"]?.int64Value.map(Int.init)) },
            trainedTokens: json["trained_tokens"]?.int64Value, raw: json)
            .with(costPreview: costPreview(json["metadata"]))
    }

    /// The job's `metadata`: Mistral's price and token counts (null members and a null metadata omitted).
    static func costPreview(_ metadata: JSONValue?) -> JobCostPreview? {
        guard let metadata, metadata.objectValue != nil else { return nil }
        let preview = JobCostPreview(
            cost: metadata["cost"]?.doubleValue, currency: metadata["cost_currency"]?.stringValue,
            dataTokens: metadata["data_tokens"]?.int64Value, trainTokens: metadata["train_tokens"]?.int64Value,
            expectedDurationSeconds: metadata["expected_duration_seconds"]?.int64Value)
        return preview == JobCostPreview() ? nil : preview
    }

    /// Status events as messages, and one event with metrics per checkpoint, oldest first.
    static func events(_ json: JSONValue) -> [JobEvent] {
        let messages = (json["events"]?.arrayValue ?? []).enumerated().map { index, event in
            let name = event["name"]?.stringValue ?? "event"
            let state = event["data"]?["status"]?.stringValue
            let failed = state.map { statuses[$0] == .failed } ?? false
            return JobEvent(
                id: "event-\(index)", createdAt: date(event["created_at"]), level: failed ? .error : .info,
                message: [name, state, event["data"]?["error"]?.stringValue].compactMap { $0 }.joined(separator: ": "))
        }
        let metrics = checkpoints(json).map { checkpoint in
            JobEvent(
                id: "metrics-\(checkpoint.id)", createdAt: checkpoint.createdAt,
                message: "checkpoint at step \(checkpoint.step.map(String.init) ?? "?")", metrics: checkpoint.metrics)
        }
        return (messages + metrics).sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
    }

    /// The detail's `checkpoints`, oldest first.
    static func checkpoints(_ json: JSONValue) -> [Checkpoint] {
        (json["checkpoints"]?.arrayValue ?? []).map { checkpoint in
            let step = checkpoint["step_number"]?.int64Value.map(Int.init)
            let metrics = checkpoint["metrics"]
            return Checkpoint(
                id: "step-\(step.map(String.init) ?? "?")", createdAt: date(checkpoint["created_at"]), step: step,
                metrics: TrainingMetrics(
                    step: step, trainLoss: metrics?["train_loss"]?.doubleValue, validLoss: metrics?["valid_loss"]?.doubleValue,
                    validAccuracy: metrics?["valid_mean_token_accuracy"]?.doubleValue))
        }.sorted { ($0.step ?? 0) < ($1.step ?? 0) }
    }

    /// Normalized names where Mistral has them; the rest (training_steps, seq_len, ...) kept.
    private static func hyperparameters(_ native: [String: JSONValue]) -> Hyperparameters {
        var result = Hyperparameters()
        for (key, value) in native where !value.isNull {
            switch key {
            case "epochs" where value.doubleValue.map { $0 == $0.rounded() } == true: result.epochs = value.int64Value.map(Int.init)
            case "learning_rate": result.learningRate = value.doubleValue
            case "warmup_fraction": result.warmupRatio = value.doubleValue
            case "weight_decay": result.weightDecay = value.doubleValue
            default: result.providerSpecific[key] = value
            }
        }
        return result
    }

    /// A failed job's reason: the `error` of its last status event that has one.
    private static func error(_ json: JSONValue, status: JobStatus) -> JobError? {
        guard status == .failed else { return nil }
        let reasons = (json["events"]?.arrayValue ?? []).compactMap { $0["data"]?["error"]?.stringValue }
        return reasons.last.map { JobError(code: json["status"]?.stringValue, message: $0) }
    }

    private static func files(_ json: JSONValue?) -> String? {
        let ids = (json?.arrayValue ?? []).compactMap { $0.stringValue ?? $0["file_id"]?.stringValue }
        return ids.isEmpty ? nil : ids.joined(separator: ",")
    }

    private static func date(_ json: JSONValue?) -> Date? {
        json?.doubleValue.map { Date(timeIntervalSince1970: $0) }
    }
}
