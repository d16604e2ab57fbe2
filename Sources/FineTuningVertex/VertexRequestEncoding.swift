import FineTuning

/// The normalized create request to a Vertex `TuningJob` body. Hyperparameters arrive already
/// translated by the flavor's table; this only places them (and the data URIs, labels and
/// options) where v1 / v1beta1 expect them.
enum VertexRequestEncoding {
    /// Where a native parameter goes in the TuningJob.
    enum Placement: Sendable {
        case hyperParameters
        case tuningSpec
        case job
    }

    /// The request options each flavor accepts (`ProviderJobRequest.options`).
    static func allowedOptions(_ flavor: VertexFlavor) -> [String] {
        let common = ["project", "location", "description", "service_account"]
        return flavor.family == .openModels ? common + ["tuning_mode", "output_uri"] : common + ["checkpoint_id"]
    }

    /// The label value that carries the client token: lowercase letters, digits, `-` and `_`,
    /// at most 63 characters (Vertex's label rules).
    static func labelValue(_ token: String) -> String {
        String(String(token.lowercased().map { labelCharacters.contains($0) ? $0 : "-" }).prefix(63))
    }

    /// The characters Vertex allows in label keys and values.
    static let labelCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")

    /// Refuses what Vertex would refuse anyway, before anything is uploaded: preference tuning on a
    /// flavor without it, unknown options, labels that break Vertex's label rules.
    static func check(_ request: ProviderJobRequest, flavor: VertexFlavor) throws {
        guard request.method == .supervised || flavor.preferenceDataset != nil else {
            throw FineTuningError(
                .unsupported, "provider '\(flavor.id)' runs supervised tuning only, not \(request.method.rawValue)", provider: flavor.id, parameter: "method")
        }
        let unknown = request.options.keys.filter { !allowedOptions(flavor).contains($0) }.sorted()
        if let first = unknown.first {
            throw FineTuningError(
                .invalidRequest, "option '\(first)' is not known to provider '\(flavor.id)'; known options: \(allowedOptions(flavor).joined(separator: ", "))",
                provider: flavor.id, parameter: first)
        }
        _ = try labels(request, provider: flavor.id)
        if let suffix = request.suffix, suffix.unicodeScalars.count > maxDisplayNameLength {
            throw FineTuningError(
                .invalidRequest, "suffix (tunedModelDisplayName) is \(suffix.unicodeScalars.count) characters; Vertex AI allows at most \(maxDisplayNameLength)",
                provider: flavor.id, parameter: "suffix")
        }
    }

    /// Vertex's limit on `tunedModelDisplayName`, in Unicode code points.
    static let maxDisplayNameLength = 128
    /// Vertex's limit on label keys and values, in Unicode code points.
    static let maxLabelLength = 64

    /// Vertex's label alphabet: lowercase letters (international ones included; letters without
    /// case, as in CJK scripts, count as lowercase), digits, `-` and `_`.
    static func isLabelCharacter(_ character: Character) -> Bool {
        character == "-" || character == "_" || character.isNumber || (character.isLetter && !character.isUppercase)
    }

    /// The TuningJob body for a checked `request`, with the training data already at `trainingURI`.
    static func body(
        _ request: ProviderJobRequest, flavor: VertexFlavor, trainingURI: String, validationURI: String?, outputURI: String?
    ) throws -> JSONValue {
        var job: [String: JSONValue] = [:]
        var spec: [String: JSONValue] = ["trainingDatasetUri": .string(trainingURI)]
        var hyperParameters: [String: JSONValue] = [:]
        if let validationURI { spec["validationDatasetUri"] = .string(validationURI) }

        for (name, value) in request.hyperparameters.native {
            switch flavor.placement[name] ?? .hyperParameters {
            case .hyperParameters: hyperParameters[name] = value
            case .tuningSpec: spec[name] = value
            case .job: job[name] = value
            }
        }
        if flavor.family == .openModels {
            if let mode = try tuningMode(request, flavor: flavor) { spec["tuningMode"] = .string(mode) }
            if let outputURI, job["outputUri"] == nil { job["outputUri"] = .string(outputURI) }
        }
        if !hyperParameters.isEmpty { spec["hyperParameters"] = .object(hyperParameters) }
        job[tuningSpecKey(request.method)] = .object(spec)

        if VertexModelCatalog.isTunedModel(request.baseModel) {
            var preTuned: [String: JSONValue] = ["tunedModelName": .string(request.baseModel)]
            if let checkpoint = request.options["checkpoint_id"] { preTuned["checkpointId"] = .string(checkpoint.stringValue ?? checkpoint.jsonText) }
            job["preTunedModel"] = .object(preTuned)
        } else {
            job["baseModel"] = .string(request.baseModel)
        }
        if let suffix = request.suffix { job["tunedModelDisplayName"] = .string(suffix) }
        if let description = request.options["description"]?.stringValue { job["description"] = .string(description) }
        if let account = request.options["service_account"]?.stringValue { job["serviceAccount"] = .string(account) }
        job["labels"] = .object(try labels(request, provider: flavor.id).mapValues(JSONValue.string))
        return .object(job)
    }

    /// The TuningJob member that holds the data URIs and hyperparameters of `method` (v1 has both).
    static func tuningSpecKey(_ method: TuningMethod) -> String {
        switch method {
        case .supervised: "supervisedTuningSpec"
        case .dpo: "preferenceOptimizationSpec"
        }
    }

    /// The user's labels, checked against Vertex's rules, plus the client-token label.
    static func labels(_ request: ProviderJobRequest, provider: String) throws -> [String: String] {
        for (key, value) in request.labels {
            let validKey = key.unicodeScalars.count <= maxLabelLength && key.allSatisfy(isLabelCharacter) && key.first?.isLetter == true
            let validValue = value.unicodeScalars.count <= maxLabelLength && value.allSatisfy(isLabelCharacter)
            guard validKey, validValue else {
                throw FineTuningError(
                    .invalidRequest,
                    "label '\(key)=\(value)' is not allowed by Vertex AI: keys start with a lowercase letter; keys and values use only lowercase letters (international ones allowed), digits, '-' and '_', at most 64 characters",
                    provider: provider, parameter: "labels.\(key)")
            }
        }
        var labels = request.labels
        labels[ProviderJobRequest.clientTokenLabel] = labelValue(request.clientToken)
        return labels
    }

    /// `tuningMode` from the `tuning_mode` option (`full`, `peft_adapter`, or the enum name); an
    /// adapter size implies PEFT, and with full tuning it is an error.
    private static func tuningMode(_ request: ProviderJobRequest, flavor: VertexFlavor) throws -> String? {
        let hasAdapter = request.hyperparameters.native["adapterSize"] != nil
        let given = request.options["tuning_mode"]?.stringValue ?? request.hyperparameters.native["tuningMode"]?.stringValue
        guard let given else { return hasAdapter ? "TUNING_MODE_PEFT_ADAPTER" : nil }
        let modes = ["full": "TUNING_MODE_FULL", "peft": "TUNING_MODE_PEFT_ADAPTER", "peft_adapter": "TUNING_MODE_PEFT_ADAPTER"]
        guard let mode = modes[given.lowercased()] ?? (Set(modes.values).contains(given) ? given : nil) else {
            throw FineTuningError(
                .invalidRequest, "option tuning_mode = '\(given)' is not one of full, peft_adapter", provider: flavor.id, parameter: "tuning_mode")
        }
        if mode == "TUNING_MODE_FULL", hasAdapter {
            throw FineTuningError(
                .invalidRequest, "adapter_size applies only to PEFT adapter tuning, but tuning_mode is full", provider: flavor.id, parameter: "adapter_size")
        }
        return mode
    }
}
