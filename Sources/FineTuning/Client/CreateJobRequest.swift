/// What a caller asks for when starting a job, in the normalized vocabulary.
public struct CreateJobRequest: Sendable {
    /// `provider/model`, for example `vertex_ai/gemini-2.5-flash` or `llamacpp//path/model.gguf`.
    public var model: String
    /// A local file (validated, converted if asked, then uploaded by the provider) or a
    /// reference the provider already holds (a file id, a `gs://` URI, a dataset resource name).
    public var trainingData: DataReference
    public var validationData: DataReference?
    public var hyperparameters: Hyperparameters
    public var method: TuningMethod
    /// The tuned model's suffix or display name.
    public var suffix: String?
    public var labels: [String: String]
    /// Provider-specific options (`tuning_mode`, `output_uri`, ...), passed as they are.
    public var options: [String: JSONValue]
    /// Strict refuses unsupported or out-of-range hyperparameters; lenient drops them with a warning.
    public var translation: TranslationMode
    /// Convert a local file in another format to the provider's format instead of refusing it.
    public var convertData: Bool
    /// Makes the create idempotent across retries; generated when nil.
    public var clientToken: String?

    public init(
        model: String, trainingData: DataReference, validationData: DataReference? = nil, hyperparameters: Hyperparameters = Hyperparameters(),
        method: TuningMethod = .supervised, suffix: String? = nil, labels: [String: String] = [:],
        options: [String: JSONValue] = [:], translation: TranslationMode = .strict, convertData: Bool = false,
        clientToken: String? = nil
    ) {
        self.model = model
        self.trainingData = trainingData
        self.validationData = validationData
        self.hyperparameters = hyperparameters
        self.method = method
        self.suffix = suffix
        self.labels = labels
        self.options = options
        self.translation = translation
        self.convertData = convertData
        self.clientToken = clientToken
    }
}

/// A job just created, with what the framework noticed on the way.
public struct CreatedJob: Sendable {
    public var job: FineTuningJob
    /// Hyperparameters a lenient translation dropped, and similar notices for the user.
    public var warnings: [String]
    /// The local validation of each data file that was checked before upload.
    public var datasetReports: [DatasetReport]

    public init(job: FineTuningJob, warnings: [String] = [], datasetReports: [DatasetReport] = []) {
        self.job = job
        self.warnings = warnings
        self.datasetReports = datasetReports
    }
}
