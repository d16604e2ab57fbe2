package import FineTuning

/// The create request as it crosses the plugin boundary (`create_job`'s `request` member).
/// `hyperparameters` are the normalized values the host validated with the plugin's own table;
/// `native_hyperparameters` are the same values already translated, for plugins that do not
/// translate themselves.
package struct PluginJobRequest: Codable, Sendable {
    var baseModel: String
    var trainingData: PluginDataReference
    var validationData: PluginDataReference?
    var hyperparameters: Hyperparameters
    var nativeHyperparameters: [String: JSONValue]
    var method: TuningMethod
    var suffix: String?
    var labels: [String: String]
    var options: [String: JSONValue]
    var clientToken: String
    /// false: create the job unstarted (ABI 1.1, capability `deferred_start`); absent means true.
    var start: Bool?

    package static let documentKey = "request"

    package init(_ request: ProviderJobRequest) {
        baseModel = request.baseModel
        trainingData = PluginDataReference(request.trainingData)
        validationData = request.validationData.map(PluginDataReference.init)
        hyperparameters = request.hyperparameters.applied
        nativeHyperparameters = request.hyperparameters.native
        method = request.method
        suffix = request.suffix
        labels = request.labels
        options = request.options
        clientToken = request.clientToken
        start = request.startsImmediately ? nil : false
    }

    /// The request a Swift provider receives. The hyperparameters are translated again with
    /// `table`, the table the plugin declared, which the host already validated them against.
    package func providerRequest(table: HyperparameterTable) throws -> ProviderJobRequest {
        var request = ProviderJobRequest(
            baseModel: baseModel, trainingData: try trainingData.reference(), validationData: try validationData?.reference(),
            hyperparameters: try table.translate(hyperparameters), method: method, suffix: suffix, labels: labels,
            options: options, clientToken: clientToken)
        request.startsImmediately = start ?? true
        return request
    }

    enum CodingKeys: String, CodingKey {
        case baseModel = "base_model", trainingData = "training_data", validationData = "validation_data"
        case hyperparameters, nativeHyperparameters = "native_hyperparameters", method, suffix, labels, options
        case clientToken = "client_token", start
    }
}

/// `{"remote":"file-abc"}` or `{"local_file":"/abs/path.jsonl"}`.
package struct PluginDataReference: Codable, Sendable {
    var remote: String?
    var localFile: String?

    init(_ reference: DataReference) {
        switch reference {
        case .localFile(let path): localFile = path
        case .providerFile, .uri, .resourceName: remote = reference.description
        }
    }

    func reference() throws -> DataReference {
        if let localFile { return .localFile(path: localFile) }
        guard let remote else {
            throw FineTuningError(.pluginABI, "a data reference has neither 'remote' nor 'local_file'")
        }
        return .remote(parsing: remote)
    }

    enum CodingKeys: String, CodingKey {
        case remote, localFile = "local_file"
    }
}
