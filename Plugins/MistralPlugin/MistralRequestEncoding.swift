import FineTuning

/// The normalized create request -> Mistral's create body.
enum MistralRequestEncoding {
    /// `{model, training_files: [{file_id, weight}], validation_files, suffix, auto_start,
    /// hyperparameters}` for files already uploaded; request options are added as top-level fields
    /// (`integrations`, ...). `auto_start` is false for a job created to be priced first.
    static func create(_ request: ProviderJobRequest, trainingFile: String, validationFile: String?) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(request.baseModel),
            "training_files": [["file_id": .string(trainingFile), "weight": 1]],
            "hyperparameters": .object(request.hyperparameters.native),
            "auto_start": .bool(request.startsImmediately),
        ]
        if let validationFile { body["validation_files"] = [.string(validationFile)] }
        if let suffix = request.suffix { body["suffix"] = .string(suffix) }
        for (key, value) in request.options { body[key] = value }
        return .object(body)
    }
}
