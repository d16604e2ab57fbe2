public import FineTuning
public import Foundation

/// A reusable hyperparameter file: what `finetune sweep` writes for its best trial and
/// `finetune create --hyperparameters FILE` reads.
///
///     {"format_version": 1, "hyperparameters": {"learning_rate": 0.001, "epochs": 60}, "native": {"context_length": 256}}
///
/// `hyperparameters` takes any spelling `-H` takes; `native` is passed to the provider as `--native` is.
public struct HyperparameterFile: Sendable, Hashable {
    public var hyperparameters: [String: JSONValue]
    public var native: [String: JSONValue]

    public init(hyperparameters: [String: JSONValue], native: [String: JSONValue] = [:]) {
        self.hyperparameters = hyperparameters
        self.native = native
    }

    /// Splits swept values into known hyperparameters and provider-native ones.
    public init(values: [String: JSONValue]) {
        self.init(
            hyperparameters: values.filter { Hyperparameters.name(forSpelling: $0.key) != nil },
            native: values.filter { Hyperparameters.name(forSpelling: $0.key) == nil })
    }

    /// Reads `path`; a file that is not this shape is an `invalid_request` naming it and the field at fault.
    public init(path: String) throws {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw FineTuningError(.invalidRequest, "cannot read the hyperparameter file '\(path)': \(error.localizedDescription)", parameter: "hyperparameters")
        }
        func object(_ key: String) throws -> [String: JSONValue] {
            guard let field = value[key] else { return [:] }
            guard let object = field.objectValue else {
                throw FineTuningError(.invalidRequest, "the hyperparameter file '\(path)': '\(key)' must be an object", parameter: "hyperparameters")
            }
            return object
        }
        guard value.objectValue != nil, value["format_version"]?.int64Value == 1 else {
            throw FineTuningError(.invalidRequest, "the hyperparameter file '\(path)' is not {\"format_version\": 1, \"hyperparameters\": {...}}", parameter: "hyperparameters")
        }
        self.init(hyperparameters: try object("hyperparameters"), native: try object("native"))
    }

    public func data() -> Data {
        JSONValue.object(["format_version": 1, "hyperparameters": .object(hyperparameters), "native": .object(native)]).serialized(pretty: true)
    }
}
