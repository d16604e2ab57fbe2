import Foundation

/// The job's wire form: snake_case keys; `status` is the normalized name and `provider_status`
/// the provider's raw state, from which an `unknown` status is rebuilt.
extension FineTuningJob: Codable {
    enum CodingKeys: String, CodingKey {
        case id, provider, baseModel = "base_model", status, providerStatus = "provider_status"
        case tunedModel = "tuned_model", createdAt = "created_at", startedAt = "started_at"
        case finishedAt = "finished_at", hyperparameters, trainingData = "training_data"
        case validationData = "validation_data", error, progress, trainedTokens = "trained_tokens"
        case labels, raw, estimatedFinish = "estimated_finish", dataStatistics = "data_statistics"
        case costPreview = "cost_preview"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(JobID.self, forKey: .id)
        baseModel = try container.decode(String.self, forKey: .baseModel)
        providerStatus = try container.decode(String.self, forKey: .providerStatus)
        status = JobStatus(name: try container.decode(String.self, forKey: .status), providerStatus: providerStatus)
        tunedModel = try container.decodeIfPresent(TunedModel.self, forKey: .tunedModel)
        createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
        startedAt = try container.decodeIfPresent(Date.self, forKey: .startedAt)
        finishedAt = try container.decodeIfPresent(Date.self, forKey: .finishedAt)
        hyperparameters = try container.decodeIfPresent(Hyperparameters.self, forKey: .hyperparameters) ?? Hyperparameters()
        trainingData = try container.decodeIfPresent(String.self, forKey: .trainingData)
        validationData = try container.decodeIfPresent(String.self, forKey: .validationData)
        error = try container.decodeIfPresent(JobError.self, forKey: .error)
        progress = try container.decodeIfPresent(JobProgress.self, forKey: .progress)
        trainedTokens = try container.decodeIfPresent(Int64.self, forKey: .trainedTokens)
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        estimatedFinish = try container.decodeIfPresent(Date.self, forKey: .estimatedFinish)
        dataStatistics = try container.decodeIfPresent(JobDataStatistics.self, forKey: .dataStatistics)
        costPreview = try container.decodeIfPresent(JobCostPreview.self, forKey: .costPreview)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(provider, forKey: .provider)
        try container.encode(baseModel, forKey: .baseModel)
        try container.encode(status.name, forKey: .status)
        try container.encode(providerStatus, forKey: .providerStatus)
        try container.encodeIfPresent(tunedModel, forKey: .tunedModel)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(finishedAt, forKey: .finishedAt)
        try container.encode(hyperparameters, forKey: .hyperparameters)
        try container.encodeIfPresent(trainingData, forKey: .trainingData)
        try container.encodeIfPresent(validationData, forKey: .validationData)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encodeIfPresent(progress, forKey: .progress)
        try container.encodeIfPresent(trainedTokens, forKey: .trainedTokens)
        try container.encodeIfPresent(estimatedFinish, forKey: .estimatedFinish)
        try container.encodeIfPresent(dataStatistics, forKey: .dataStatistics)
        try container.encodeIfPresent(costPreview, forKey: .costPreview)
        if !labels.isEmpty { try container.encode(labels, forKey: .labels) }
        try container.encodeIfPresent(raw, forKey: .raw)
    }
}
