public import Foundation

/// A fine-tuning job in the framework's normalized vocabulary, whatever provider runs it.
public struct FineTuningJob: Sendable, Hashable {
    public var id: JobID
    /// The base model as the provider names it (the part after `provider/` in a model string).
    public var baseModel: String
    public var status: JobStatus
    /// The provider's own state, always kept (`JOB_STATE_RUNNING`, `validating_files`, ...).
    public var providerStatus: String
    /// The tuned model, once the provider has made one.
    public var tunedModel: TunedModel?
    public var createdAt: Date?
    public var startedAt: Date?
    public var finishedAt: Date?
    /// The hyperparameters as the provider applied them, in normalized names.
    public var hyperparameters: Hyperparameters
    /// The training data as the provider knows it: file id, `gs://` URI or local path.
    public var trainingData: String?
    public var validationData: String?
    public var error: JobError?
    public var progress: JobProgress?
    public var trainedTokens: Int64?
    /// When the provider expects the job to finish (OpenAI's `estimated_finish`).
    public var estimatedFinish: Date?
    /// What the provider counted in the training data (Vertex's `tuningDataStats`).
    public var dataStatistics: JobDataStatistics?
    /// The provider's price and token count for a job created without starting it (a dry run).
    public var costPreview: JobCostPreview?
    /// Labels (Vertex) or metadata (OpenAI).
    public var labels: [String: String]
    /// The provider's response this job was read from, unchanged.
    public var raw: JSONValue?

    public init(
        id: JobID, baseModel: String, status: JobStatus, providerStatus: String, tunedModel: TunedModel? = nil,
        createdAt: Date? = nil, startedAt: Date? = nil, finishedAt: Date? = nil,
        hyperparameters: Hyperparameters = Hyperparameters(), trainingData: String? = nil,
        validationData: String? = nil, error: JobError? = nil, progress: JobProgress? = nil,
        trainedTokens: Int64? = nil, labels: [String: String] = [:], raw: JSONValue? = nil
    ) {
        self.id = id
        self.baseModel = baseModel
        self.status = status
        self.providerStatus = providerStatus
        self.tunedModel = tunedModel
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.hyperparameters = hyperparameters
        self.trainingData = trainingData
        self.validationData = validationData
        self.error = error
        self.progress = progress
        self.trainedTokens = trainedTokens
        self.labels = labels
        self.raw = raw
    }

    /// The job with the optional estimates set (kept out of the long initializer).
    public func with(estimatedFinish: Date?, dataStatistics: JobDataStatistics?) -> FineTuningJob {
        var job = self
        job.estimatedFinish = estimatedFinish
        job.dataStatistics = dataStatistics
        return job
    }

    /// The job with the provider's price of an unstarted job set.
    public func with(costPreview: JobCostPreview?) -> FineTuningJob {
        var job = self
        job.costPreview = costPreview
        return job
    }

    /// The provider id, from the qualified job id.
    public var provider: String { id.provider }
}

/// What a job produced: a model name, a serving endpoint, or both.
public struct TunedModel: Sendable, Hashable, Codable {
    /// The name to call or deploy (`ft:gpt-4o-mini:org::id`, `projects/.../models/1@1`, a GGUF path).
    public var name: String?
    /// Where the model is served, if the provider deployed it.
    public var endpoint: String?
    /// A LoRA adapter file or URI, where the provider produced one.
    public var adapter: String?

    public init(name: String? = nil, endpoint: String? = nil, adapter: String? = nil) {
        self.name = name
        self.endpoint = endpoint
        self.adapter = adapter
    }
}

/// Why a job failed, as the provider said it.
public struct JobError: Sendable, Hashable, Codable {
    public var code: String?
    public var message: String
    /// The field or parameter the provider blamed.
    public var parameter: String?

    public init(code: String? = nil, message: String, parameter: String? = nil) {
        self.code = code
        self.message = message
        self.parameter = parameter
    }
}

/// How far a running job has got, as far as the provider tells.
public struct JobProgress: Sendable, Hashable, Codable {
    public var completedSteps: Int?
    public var totalSteps: Int?
    public var completedEpochs: Int?
    public var totalEpochs: Int?

    public init(completedSteps: Int? = nil, totalSteps: Int? = nil, completedEpochs: Int? = nil, totalEpochs: Int? = nil) {
        self.completedSteps = completedSteps
        self.totalSteps = totalSteps
        self.completedEpochs = completedEpochs
        self.totalEpochs = totalEpochs
    }

    /// Completion between 0 and 1, from steps or epochs, when the totals are known.
    public var fraction: Double? {
        if let completedSteps, let totalSteps, totalSteps > 0 { return min(1, Double(completedSteps) / Double(totalSteps)) }
        if let completedEpochs, let totalEpochs, totalEpochs > 0 { return min(1, Double(completedEpochs) / Double(totalEpochs)) }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case completedSteps = "completed_steps", totalSteps = "total_steps"
        case completedEpochs = "completed_epochs", totalEpochs = "total_epochs"
    }
}
