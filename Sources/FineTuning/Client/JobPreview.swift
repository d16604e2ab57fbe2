/// What `finetune create --dry-run` reports: the tokens, epochs and cost of a job that was not
/// started, from the provider where it can price a job (capability `deferred_start`), otherwise
/// from the toolkit's local token estimate and the dated price table.
public struct JobPreview: Sendable, Codable {
    /// Where the figures come from.
    public enum Source: String, Sendable, Codable {
        /// The provider priced a job it created without starting it.
        case provider
        /// The local file's estimated tokens times the epochs times `TrainingPricing`'s price.
        case localEstimate = "local_estimate"
    }

    /// `provider/model` as given.
    public var model: String
    public var source: Source
    /// The training data as given: a local path or a provider reference.
    public var trainingData: String
    /// Tokens in one pass over the training data; nil when they cannot be counted (a remote file).
    public var dataTokens: Int64?
    /// Tokens trained on in total (data tokens times epochs, or the provider's figure).
    public var trainTokens: Int64?
    public var epochs: Int?
    /// True when `epochs` was not given and is the provider's default (or an assumption, see `notes`).
    public var epochsAssumed: Bool
    /// The estimated price of the job; nil when no price is known (`notes` says why).
    public var cost: Double?
    /// ISO 4217 code of `cost`.
    public var currency: String?
    public var expectedDurationSeconds: Int64?
    /// Where a local estimate's price comes from and when it was checked.
    public var price: TrainingPrice?
    /// Plain statements for the user: no price known, a remote file not counted, an assumed epoch count.
    public var notes: [String]
    /// The unstarted job a provider preview created: cancelled after the preview, or kept (`kept`).
    public var job: FineTuningJob?
    /// True when the previewed job was kept, to be started with `finetune start`.
    public var kept: Bool
    /// Hyperparameters a lenient translation dropped, and similar notices.
    public var warnings: [String]
    /// The local validation of each data file.
    public var datasetReports: [DatasetReport]

    enum CodingKeys: String, CodingKey {
        case model, source, trainingData = "training_data", dataTokens = "data_tokens", trainTokens = "train_tokens", epochs
        case epochsAssumed = "epochs_assumed", cost, currency, expectedDurationSeconds = "expected_duration_seconds", price, notes
        case job, kept, warnings, datasetReports = "dataset_reports"
    }
}
