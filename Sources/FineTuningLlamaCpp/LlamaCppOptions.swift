public import FineTuning

/// The `--option KEY=VALUE` request options the llamacpp provider takes; any other key is an error.
public struct LlamaCppOptions: Sendable, Hashable {
    /// Consent to convert an F16, BF16 or quantized model to F32 inside the job folder.
    public var convertToF32 = false
    /// The memory the job may use, in bytes (`max_memory` is given in GiB); nil = what the machine has available.
    public var maxMemory: Int64?
    /// A checkpoint every this many training steps (one is also saved at the end of every epoch).
    public var checkpointSteps = TrainingSpec.defaultCheckpointSteps

    public static let allowed = "convert_to_f32 (true/false), max_memory (GiB), checkpoint_steps (steps)"

    public init() {}

    public init(_ options: [String: JSONValue]) throws {
        for (key, value) in options {
            switch key {
            case "convert_to_f32":
                switch value {
                case .bool(let flag): convertToF32 = flag
                case .string(let text) where ["true", "false"].contains(text.lowercased()): convertToF32 = text.lowercased() == "true"
                default: throw Self.invalid(key, value, "true or false")
                }
            case "max_memory":
                guard let gib = value.doubleValue, gib > 0, gib < 1_048_576 else { throw Self.invalid(key, value, "a number of GiB above 0, e.g. 12 or 0.5") }
                maxMemory = Int64(gib * Double(1 << 30))
            case "checkpoint_steps":
                guard let steps = value.int64Value, (1...1_000_000).contains(steps) else { throw Self.invalid(key, value, "a whole number of steps from 1 to 1000000") }
                checkpointSteps = Int(steps)
            default:
                throw FineTuningError(
                    .invalidRequest, "option '\(key)' is not known to provider 'llamacpp'; it takes \(Self.allowed)",
                    provider: "llamacpp", parameter: key)
            }
        }
    }

    static func invalid(_ key: String, _ value: JSONValue, _ allowed: String) -> FineTuningError {
        FineTuningError(.invalidRequest, "option '\(key)' = \(value.jsonText) is not allowed for provider 'llamacpp': \(allowed)", provider: "llamacpp", parameter: key)
    }
}
