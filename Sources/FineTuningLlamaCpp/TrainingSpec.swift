public import FineTuning
public import Foundation

/// Everything the worker needs to run one job, resolved from the request and the translation table
/// (`HyperparameterTable.llamaCpp`) and stored with the job as `spec.json`.
public struct TrainingSpec: Sendable, Hashable, Codable {
    public enum Optimizer: String, Sendable, Hashable, Codable {
        case adamw, sgd
    }

    public var modelPath: String
    public var trainingFile: String
    /// A separate validation file; when nil, `validationSplit` of the training examples are held out.
    public var validationFile: String?
    public var epochs: Int
    public var learningRate: Double
    public var weightDecay: Double
    public var optimizer: Optimizer
    /// Tokens per training window; nil = the smallest multiple of 256 that holds the longest example.
    public var contextLength: Int?
    public var validationSplit: Double
    public var seed: UInt64
    public var threads: Int
    /// Rank of the LoRA adapter extracted after training; nil = no adapter.
    public var adapterRank: Int?
    /// Set when `modelPath` is the F32 copy the worker makes of a model stored in another type.
    public var conversion: ModelConversion?
    /// A checkpoint every this many steps (and one at the end of every epoch).
    public var checkpointSteps: Int?
    /// The memory the job may use (`--option max_memory`), checked again once the context is known.
    public var maxMemory: Int64?

    /// Defaults of the values the table leaves to the provider.
    public static let defaultEpochs = 2
    public static let defaultLearningRate = 1e-5
    public static let defaultValidationSplit = 0.1
    public static let defaultSeed: UInt64 = 42
    public static let defaultCheckpointSteps = 100

    public init(
        modelPath: String, trainingFile: String, validationFile: String? = nil, epochs: Int = defaultEpochs,
        learningRate: Double = defaultLearningRate, weightDecay: Double = 0, optimizer: Optimizer = .adamw,
        contextLength: Int? = nil, validationSplit: Double = defaultValidationSplit, seed: UInt64 = defaultSeed,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, adapterRank: Int? = nil
    ) {
        self.modelPath = modelPath
        self.trainingFile = trainingFile
        self.validationFile = validationFile
        self.epochs = epochs
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.optimizer = optimizer
        self.contextLength = contextLength
        self.validationSplit = validationSplit
        self.seed = seed
        self.threads = threads
        self.adapterRank = adapterRank
    }

    /// Builds the spec from translated hyperparameters (native names of the llama.cpp table).
    public init(modelPath: String, trainingFile: String, validationFile: String?, hyperparameters: TranslatedHyperparameters) throws {
        self.init(modelPath: modelPath, trainingFile: trainingFile, validationFile: validationFile)
        for (name, value) in hyperparameters.native {
            func number(_ range: ClosedRange<Double>) throws -> Double {
                guard let number = value.doubleValue, range.contains(number) else {
                    throw FineTuningError(
                        .invalidRequest, "hyperparameter '\(name)' = \(value.jsonText) is not allowed for provider 'llamacpp': allowed \(range.lowerBound)...\(range.upperBound)",
                        provider: "llamacpp", parameter: name)
                }
                return number
            }
            switch name {
            case "epochs": epochs = Int(try number(1...10_000))
            case "learning_rate": learningRate = try number(0...1)
            case "weight_decay": weightDecay = try number(0...1)
            case "seed": seed = UInt64(try number(0...4_294_967_295))
            case "adapter_rank": adapterRank = Int(try number(1...4096))
            case "context_length": contextLength = Int(try number(1...1_048_576))
            case "validation_split": validationSplit = try number(0...0.9)
            case "threads": threads = Int(try number(1...1024))
            case "optimizer":
                guard let text = value.stringValue, let optimizer = Optimizer(rawValue: text.lowercased()) else {
                    throw FineTuningError(.invalidRequest, "hyperparameter 'optimizer' = \(value.jsonText) is not allowed for provider 'llamacpp': allowed adamw, sgd", provider: "llamacpp", parameter: name)
                }
                self.optimizer = optimizer
            default:
                throw FineTuningError(
                    .unsupported,
                    "hyperparameter '\(name)' is not known to provider 'llamacpp'; it takes epochs, learning_rate, weight_decay, seed, adapter_size and the pass-through parameters optimizer, context_length, validation_split, threads",
                    provider: "llamacpp", parameter: name)
            }
        }
        guard learningRate > 0 else {
            throw FineTuningError(.invalidRequest, "hyperparameter 'learning_rate' must be > 0 for provider 'llamacpp'", provider: "llamacpp", parameter: "learning_rate")
        }
    }

    /// The hyperparameters as applied, in normalized names, for the job record.
    public var appliedHyperparameters: Hyperparameters {
        var providerSpecific: [String: JSONValue] = [
            "optimizer": .string(optimizer.rawValue), "validation_split": .number(validationSplit), "threads": .integer(Int64(threads)),
        ]
        if let contextLength { providerSpecific["context_length"] = .integer(Int64(contextLength)) }
        return Hyperparameters(
            epochs: epochs, learningRate: learningRate, adapterSize: adapterRank.map(AdapterSize.rank), weightDecay: weightDecay,
            seed: Int(seed), providerSpecific: providerSpecific)
    }

    enum CodingKeys: String, CodingKey {
        case modelPath = "model_path", trainingFile = "training_file", validationFile = "validation_file", epochs
        case learningRate = "learning_rate", weightDecay = "weight_decay", optimizer, contextLength = "context_length"
        case validationSplit = "validation_split", seed, threads, adapterRank = "adapter_rank"
        case conversion, checkpointSteps = "checkpoint_steps", maxMemory = "max_memory"
    }

    /// llama.cpp pads every training context to a multiple of this.
    public static let contextGranularity = 256

    /// The window length for these examples: `contextLength` if set, else one that holds an example
    /// of `longestExample` tokens (a window of n tokens trains n targets), rounded up to the granularity.
    public func windowLength(longestExample: Int) -> Int {
        let granularity = Self.contextGranularity
        return ((contextLength ?? max(1, longestExample - 1)) + granularity - 1) / granularity * granularity
    }
}
