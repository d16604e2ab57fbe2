import FineTuning

/// Reads `fine_tuning.job.checkpoint` objects: `fine_tuned_model_checkpoint` is the model that
/// serves the checkpoint, `step_number` its step.
enum OpenAICheckpointDecoding {
    static func checkpoint(_ json: JSONValue, provider: String) throws -> Checkpoint {
        guard let id = json["id"]?.nonEmptyString else {
            throw FineTuningError(.transport, "\(provider) sent a checkpoint without an id", provider: provider)
        }
        return Checkpoint(
            id: id, createdAt: json["created_at"]?.unixDate,
            step: (json["step_number"] ?? json["metrics"]?["step"])?.int64Value.map(Int.init),
            model: json["fine_tuned_model_checkpoint"]?.nonEmptyString,
            metrics: json["metrics"].map(OpenAIEventDecoding.metrics))
    }
}
