public import FineTuning
import Foundation

/// The body of `POST /v1/fine_tuning/jobs` in OpenAI's shape. Hyperparameters may come at the top
/// level (OpenAI's older form) or under `method.<type>.hyperparameters`.
public struct JobCreateRequest: Codable, Sendable {
    public var model: String
    public var trainingFile: String
    public var validationFile: String?
    public var hyperparameters: [String: JSONValue]?
    public var method: JSONValue?
    public var suffix: String?
    public var metadata: [String: String]?
    public var seed: Int?

    public init(model: String, trainingFile: String) {
        self.model = model
        self.trainingFile = trainingFile
    }

    enum CodingKeys: String, CodingKey {
        case model, trainingFile = "training_file", validationFile = "validation_file", hyperparameters, method, suffix, metadata, seed
    }

    /// The tuning method: `method.type`, supervised when absent.
    func tuningMethod() throws -> TuningMethod {
        guard let type = method?["type"] else { return .supervised }
        guard let name = type.stringValue, let method = TuningMethod(rawValue: name) else {
            throw FineTuningError(.invalidRequest, "method.type must be 'supervised' or 'dpo', got \(type.jsonText)", parameter: "method.type")
        }
        return method
    }

    /// The normalized hyperparameters from either place, with `seed` folded in.
    func normalizedHyperparameters() throws -> Hyperparameters {
        var values = hyperparameters ?? [:]
        if let type = method?["type"]?.stringValue, let nested = method?[type]?["hyperparameters"], case .object(let members) = nested {
            values.merge(members) { top, _ in top }
        }
        var parsed = try Hyperparameters(parsing: values)
        if let seed { parsed.seed = seed }
        return parsed
    }
}
