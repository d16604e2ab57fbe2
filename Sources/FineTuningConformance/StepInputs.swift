public import FineTuning

/// What a scenario step passes to the provider. Values may refer to `target.json` keys.
public struct StepInputs: Codable, Sendable, Hashable {
    /// The provider's native job id (get, cancel, events, checkpoints, pause, resume).
    public var job: TargetValue<String>?
    /// The base model, without the provider prefix (create).
    public var model: TargetValue<String>?
    /// Training data the provider already holds: a file id or a `gs://` URI (create).
    public var trainingData: TargetValue<String>?
    /// A local training file, relative to the fixture folder, that create uploads first.
    public var trainingFile: TargetValue<String>?
    /// Normalized hyperparameters, translated with the descriptor's table (create).
    public var hyperparameters: TargetValue<Hyperparameters>?
    /// The tuning method (create); nil means supervised.
    public var method: TuningMethod?
    /// Provider request options (create); a reference to a missing key means none.
    public var options: TargetValue<[String: JSONValue]>?
    /// The page size to ask for (list_all, events, checkpoints); a reference to a missing key
    /// leaves the size to the provider.
    public var pageLimit: TargetValue<Int>?

    public init(
        job: TargetValue<String>? = nil, model: TargetValue<String>? = nil, trainingData: TargetValue<String>? = nil,
        trainingFile: TargetValue<String>? = nil, hyperparameters: TargetValue<Hyperparameters>? = nil,
        options: TargetValue<[String: JSONValue]>? = nil, pageLimit: TargetValue<Int>? = nil, method: TuningMethod? = nil
    ) {
        self.job = job
        self.model = model
        self.trainingData = trainingData
        self.trainingFile = trainingFile
        self.hyperparameters = hyperparameters
        self.options = options
        self.pageLimit = pageLimit
        self.method = method
    }

    enum CodingKeys: String, CodingKey {
        case job, model, trainingData = "training_data", trainingFile = "training_file", hyperparameters, options
        case pageLimit = "page_limit", method
    }
}
