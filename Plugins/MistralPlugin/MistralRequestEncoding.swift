import FineTuning

/// The normalized create request -> Mistral's create body.
enum MistralRequestEncoding {
    /// `{model, training_files: [{file_id, weight}], validation_files, suffix, auto_start,
    /// hyperparameters}`; request options are added as top-level fields (`integrations`, ...).
    static func create(_ request: ProviderJobRequest) throws -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(request.baseModel),
            "training_files": [["file_id": .string(try fileID(request.trainingData)), "weight": 1]],
            "hyperparameters": .object(request.hyperparameters.native),
            "auto_start": true,
        ]
        if let validation = request.validationData { body["validation_files"] = [.string(try fileID(validation))] }
        if let suffix = request.suffix { body["suffix"] = .string(suffix) }
        for (key, value) in request.options { body[key] = value }
        return .object(body)
    }

    /// Mistral trains on uploaded file ids; uploading is not part of this plugin.
    private static func fileID(_ reference: DataReference) throws -> String {
        guard case .providerFile(let id) = reference else {
            throw FineTuningError.unsupported(.fileUpload, provider: "mistral")
        }
        return id
    }
}
