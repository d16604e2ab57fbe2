import Foundation

/// Reads hyperparameters written the way users already know them from the providers:
/// `n_epochs`, `epoch_count`, `epochCount`, `learningRateMultiplier`, `adapter_size: "ADAPTER_SIZE_FOUR"`,
/// `"auto"` for "provider default", numbers given as strings, and so on.
extension Hyperparameters {
    /// Every accepted spelling of each normalized parameter (compared case-insensitively, `-` as `_`).
    public static let spellings: [HyperparameterName: [String]] = [
        .epochs: ["epochs", "n_epochs", "num_epochs", "epoch_count", "epochcount", "num_train_epochs"],
        .learningRateMultiplier: ["learning_rate_multiplier", "learningratemultiplier", "lr_multiplier", "lrm"],
        .learningRate: ["learning_rate", "learningrate", "lr"],
        .batchSize: ["batch_size", "batchsize"],
        .adapterSize: ["adapter_size", "adaptersize", "lora_rank", "lora_r", "rank"],
        .warmupRatio: ["warmup_ratio", "warmup_fraction", "warmupratio", "warmup"],
        .weightDecay: ["weight_decay", "weightdecay", "wd"],
        .seed: ["seed"],
        .beta: ["beta", "dpo_beta"],
    ]

    /// The normalized parameter a user's key means, or nil when it is no known spelling.
    public static func name(forSpelling key: String) -> HyperparameterName? {
        let folded = key.lowercased().replacingOccurrences(of: "-", with: "_")
        return spellings.first { $0.value.contains(folded) }?.key
    }

    /// Parses `key -> value` pairs. Keys are any known spelling; `"auto"` (or null) leaves a
    /// parameter to the provider. An unknown key is an error unless `passThroughUnknown` is set,
    /// in which case it goes to `providerSpecific` unchanged.
    public init(parsing values: [String: JSONValue], passThroughUnknown: Bool = false) throws {
        self.init()
        var spellingUsed: [HyperparameterName: String] = [:]
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            if let name = Hyperparameters.name(forSpelling: key), let earlier = spellingUsed.updateValue(key, forKey: name) {
                throw FineTuningError(
                    .invalidRequest, "hyperparameters '\(earlier)' and '\(key)' both set \(name.rawValue): give it once", parameter: key)
            }
            guard let name = Hyperparameters.name(forSpelling: key) else {
                if passThroughUnknown {
                    providerSpecific[key] = value
                    continue
                }
                throw FineTuningError(
                    .invalidRequest,
                    "unknown hyperparameter '\(key)'; known: \(HyperparameterName.allCases.map(\.rawValue).joined(separator: ", ")) (pass a provider-native parameter with --native \(key)=VALUE)",
                    parameter: key)
            }
            try set(name, from: value, key: key)
        }
    }

    /// Sets one parameter from a user's value (`"3"`, `3`, `"auto"`, `"medium"`, ...).
    public mutating func set(_ name: HyperparameterName, from value: JSONValue, key: String? = nil) throws {
        let key = key ?? name.rawValue
        if value.isNull || value.stringValue?.lowercased() == "auto" {
            clear(name)
            return
        }
        func invalid(_ expected: String) -> FineTuningError {
            let given = if case .number(let number) = value, !number.isFinite { "\(number)" } else { value.jsonText }
            return FineTuningError(.invalidRequest, "hyperparameter '\(key)' must be \(expected), got \(given)", parameter: key)
        }
        func integer() throws -> Int {
            guard let number = value.doubleValue, number == number.rounded(), abs(number) < 1e15 else { throw invalid("a whole number or \"auto\"") }
            return Int(number)
        }
        func number() throws -> Double {
            guard let number = value.doubleValue, number.isFinite else { throw invalid("a number or \"auto\"") }
            return number
        }
        switch name {
        case .epochs: epochs = try integer()
        case .learningRateMultiplier: learningRateMultiplier = try number()
        case .learningRate: learningRate = try number()
        case .batchSize: batchSize = try integer()
        case .warmupRatio: warmupRatio = try number()
        case .weightDecay: weightDecay = try number()
        case .seed: seed = try integer()
        case .beta: beta = try number()
        case .adapterSize:
            if let rank = value.int64Value {
                adapterSize = .rank(Int(rank))
            } else if let text = value.stringValue, let size = AdapterSize(parsing: text) {
                adapterSize = size
            } else {
                throw invalid("small, medium, large or a rank (1, 2, 4, 8, 16, 32), as a number or a word (four, ADAPTER_SIZE_FOUR)")
            }
        }
    }
}
