import FineTuning

/// Builds the body of `POST /fine_tuning/jobs` from a translated request.
enum OpenAIRequestEncoding {
    /// The most metadata pairs a job may carry.
    static let maxMetadataPairs = 16

    /// The fields that name the data; they are set once the files are uploaded.
    static let fileFields: Set<String> = ["training_file", "validation_file"]

    /// The create body without its file fields, built (and so checked) before anything is
    /// uploaded. Hyperparameters go under `method.<type>.hyperparameters` (or, for an API version
    /// without `method`, the top-level `hyperparameters`); `seed` is a top-level field; labels and
    /// the client token go into `metadata`; `options` are added as top-level fields.
    static func createBody(_ request: ProviderJobRequest, flavor: OpenAIFlavor, sendsMethod: Bool) throws -> [String: JSONValue] {
        var body: [String: JSONValue] = ["model": .string(request.baseModel)]
        if let suffix = request.suffix {
            guard suffix.count <= flavor.maxSuffixLength else {
                throw FineTuningError(
                    .invalidRequest, "suffix '\(suffix)' is \(suffix.count) characters; \(flavor.displayName) allows at most \(flavor.maxSuffixLength)",
                    provider: flavor.id, parameter: "suffix")
            }
            body["suffix"] = .string(suffix)
        }

        var hyperparameters = request.hyperparameters.native
        if let seed = hyperparameters.removeValue(forKey: "seed") { body["seed"] = seed }
        if sendsMethod {
            var method: [String: JSONValue] = ["type": .string(request.method.rawValue)]
            if !hyperparameters.isEmpty {
                method[request.method.rawValue] = ["hyperparameters": .object(hyperparameters)]
            }
            body["method"] = .object(method)
        } else {
            guard request.method == .supervised else {
                throw FineTuningError(
                    .unsupported, "\(flavor.displayName) takes \(request.method.rawValue) tuning only from API version \(OpenAIConfiguration.azureFirstMethodVersion) on: set AZURE_OPENAI_API_VERSION",
                    provider: flavor.id, parameter: "method")
            }
            if !hyperparameters.isEmpty { body["hyperparameters"] = .object(hyperparameters) }
        }

        if flavor.supportsMetadata {
            var metadata = request.labels
            metadata[ProviderJobRequest.clientTokenLabel] = request.clientToken
            guard metadata.count <= maxMetadataPairs else {
                throw FineTuningError(
                    .invalidRequest, "\(flavor.displayName) jobs carry at most \(maxMetadataPairs) metadata pairs, one of which is the client token; \(request.labels.count) labels given",
                    provider: flavor.id, parameter: "labels")
            }
            body["metadata"] = .object(metadata.mapValues(JSONValue.string))
        } else if !request.labels.isEmpty {
            throw FineTuningError(
                .unsupported, "\(flavor.displayName) jobs have no metadata, so labels cannot be stored", provider: flavor.id, parameter: "labels")
        }

        for (key, value) in request.options.sorted(by: { $0.key < $1.key }) {
            guard body[key] == nil, !fileFields.contains(key) else {
                throw FineTuningError(
                    .invalidRequest, "option '\(key)' collides with a field the request already sets; use the matching normalized setting",
                    provider: flavor.id, parameter: key)
            }
            body[key] = value
        }
        return body
    }
}
