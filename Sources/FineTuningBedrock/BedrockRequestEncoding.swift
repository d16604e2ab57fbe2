import FineTuning

/// The `CreateModelCustomizationJob` body from a translated request.
enum BedrockRequestEncoding {
    /// Bedrock's limit and pattern for job and custom model names.
    static let maxNameLength = 63

    /// The job name derived from the client token: the same create always asks for the same name,
    /// so a re-sent create cannot make a second job.
    static func jobName(token: String) -> String {
        String(("finetune-" + token.filter { $0.isLetter || $0.isNumber || $0 == "-" }).prefix(maxNameLength))
    }

    /// The custom model's name: the suffix when given (checked against Bedrock's rule), else the job name.
    static func customModelName(_ request: ProviderJobRequest, provider: String) throws -> String {
        guard let suffix = request.suffix else { return jobName(token: request.clientToken) + "-model" }
        let allowed = suffix.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
        guard !suffix.isEmpty, suffix.count <= maxNameLength, allowed, suffix.first?.isLetter == true || suffix.first?.isNumber == true else {
            throw FineTuningError(
                .invalidRequest, "suffix '\(suffix)' is not a Bedrock custom model name: 1 to \(maxNameLength) ASCII letters, digits, '-' or '_', starting with a letter or digit",
                provider: provider, parameter: "suffix")
        }
        return suffix
    }

    static func body(_ request: ProviderJobRequest, roleARN: String, trainingURI: String, validationURI: String?, outputURI: String, provider: String) throws -> JSONValue {
        var body: [String: JSONValue] = [
            "jobName": .string(jobName(token: request.clientToken)),
            "customModelName": .string(try customModelName(request, provider: provider)),
            "roleArn": .string(roleARN),
            "baseModelIdentifier": .string(request.baseModel),
            "customizationType": "FINE_TUNING",
            "trainingDataConfig": ["s3Uri": .string(trainingURI)],
            "outputDataConfig": ["s3Uri": .string(outputURI)],
            // Bedrock takes every hyperparameter as a string ("epochCount": "2").
            "hyperParameters": .object(request.hyperparameters.native.mapValues { .string($0.stringValue ?? $0.jsonText) }),
            "clientRequestToken": .string(request.clientToken),
        ]
        if let validationURI { body["validationDataConfig"] = ["validators": [["s3Uri": .string(validationURI)]]] }
        let tags = request.labels.sorted { $0.key < $1.key }.map { JSONValue.object(["key": .string($0.key), "value": .string($0.value)]) }
        if !tags.isEmpty { body["jobTags"] = .array(tags) }
        return .object(body)
    }
}
