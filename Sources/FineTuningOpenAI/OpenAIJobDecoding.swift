import FineTuning

/// Reads an OpenAI-style `fine_tuning.job` object into the normalized job, keeping the object as
/// `raw`.
enum OpenAIJobDecoding {
    static func job(_ json: JSONValue, provider: String) throws -> FineTuningJob {
        guard let id = json["id"]?.nonEmptyString, let status = json["status"]?.nonEmptyString else {
            throw FineTuningError(
                .transport, "\(provider) answered with something that is not a fine-tuning job (no id or status): \(excerpt(json))",
                provider: provider)
        }
        var hyperparameters = applied(json)
        if let seed = json["seed"]?.int64Value { hyperparameters.seed = Int(seed) }
        return FineTuningJob(
            id: JobID(provider: provider, native: id),
            baseModel: json["model"]?.stringValue ?? "",
            status: OpenAIStatusMapping.status(status),
            providerStatus: status,
            tunedModel: json["fine_tuned_model"]?.nonEmptyString.map { TunedModel(name: $0) },
            createdAt: json["created_at"]?.unixDate,
            finishedAt: json["finished_at"]?.unixDate,
            hyperparameters: hyperparameters,
            trainingData: json["training_file"]?.nonEmptyString,
            validationData: json["validation_file"]?.nonEmptyString,
            error: error(json["error"]),
            trainedTokens: json["trained_tokens"]?.int64Value,
            labels: (json["metadata"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            raw: json)
            .with(estimatedFinish: json["estimated_finish"]?.unixDate, dataStatistics: nil)
    }

    /// The job's `error`: nil for null, `{}` or an object of nulls (OpenAI sends those for jobs
    /// that did not fail).
    static func error(_ json: JSONValue?) -> JobError? {
        guard let json, let message = json["message"]?.nonEmptyString ?? json["code"]?.nonEmptyString else { return nil }
        return JobError(
            code: json["code"]?.nonEmptyString, message: message,
            parameter: json["param"]?.nonEmptyString ?? json["target"]?.nonEmptyString)
    }

    /// The hyperparameters as applied, from `method.<type>.hyperparameters` or the deprecated
    /// top-level `hyperparameters`, in normalized names. `"auto"` and Azure's `-1` mean "left to
    /// the provider" and become nil; other native values (DPO's `beta`) are kept by their names.
    static func applied(_ json: JSONValue) -> Hyperparameters {
        let methodType = json["method"]?["type"]?.stringValue
        let native = methodType.flatMap { json["method"]?[$0]?["hyperparameters"]?.objectValue }
            ?? json["hyperparameters"]?.objectValue ?? [:]
        var result = Hyperparameters()
        for (key, value) in native.sorted(by: { $0.key < $1.key }) {
            if value.isNull || value.stringValue == "auto" || (value.doubleValue ?? 0) < 0 { continue }
            if let name = Hyperparameters.name(forSpelling: key), (try? result.set(name, from: value, key: key)) != nil {
                continue
            }
            result.providerSpecific[key] = value
        }
        return result
    }

    private static func excerpt(_ json: JSONValue) -> String {
        let text = json.jsonText
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
