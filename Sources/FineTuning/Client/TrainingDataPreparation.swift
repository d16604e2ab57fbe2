import Foundation

/// Checks a local data file against the provider's rules (converting it first when asked) before
/// anything is uploaded; references the provider holds pass as they are.
struct TrainingDataPreparation: Sendable {
    let requirements: DatasetRequirements
    let provider: String
    let convert: Bool

    /// The reference to hand to the provider, and the validation report of a local file.
    func prepare(_ reference: DataReference, parameter: String) throws -> (DataReference, DatasetReport?) {
        guard let path = reference.localPath else { return (reference, nil) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FineTuningError(.invalidData, "\(parameter) '\(path)' does not exist", parameter: parameter, location: DataLocation(file: path))
        }
        guard !isDirectory.boolValue else {
            throw FineTuningError(.invalidData, "\(path) is a directory, not a data file", parameter: parameter, location: DataLocation(file: path))
        }
        return try prepareLocal(path, parameter: parameter)
    }

    private func prepareLocal(_ path: String, parameter: String) throws -> (DataReference, DatasetReport?) {
        let report = try DatasetValidator.validate(path: path, requirements: nil)
        try report.throwIfInvalid(parameter: parameter)
        // A `messages` file without a top-level system string is detected as OpenAI chat; with only
        // user and assistant string turns it is already Bedrock Claude data, which validation checks.
        let readsAsRequired = report.format == requirements.format || (report.format == .openAIChat && requirements.format == .bedrockClaude)
        guard !readsAsRequired else {
            let checked = try DatasetValidator.validate(path: path, format: requirements.format, requirements: requirements)
            try checked.throwIfInvalid(parameter: parameter)
            return (.localFile(path: path), checked)
        }
        guard report.format.isPreference == requirements.format.isPreference else {
            let needed = requirements.format.isPreference
                ? "preference tuning (--method dpo) on provider '\(provider)' takes \(requirements.format.rawValue) data, where each example has a preferred and a non-preferred answer"
                : "supervised tuning on provider '\(provider)' takes \(requirements.format.rawValue) data; preference data is for --method dpo"
            throw FineTuningError(
                .invalidData, "\(path) is \(report.format.rawValue) data, but \(needed)",
                provider: provider, parameter: parameter, location: DataLocation(file: path))
        }
        guard convert else {
            throw FineTuningError(
                .invalidData,
                "\(path) is in \(report.format.rawValue) format but provider '\(provider)' takes \(requirements.format.rawValue); convert it (finetune convert, or --convert on create)",
                provider: provider, parameter: parameter, location: DataLocation(file: path))
        }
        let converted = FileManager.default.temporaryDirectory
            .appendingPathComponent("finetune-\(UUID().uuidString.prefix(8))-\(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent).\(requirements.format == .csv ? "csv" : "jsonl")").path
        _ = try DatasetConverter.convert(input: path, from: report.format, to: requirements.format, output: converted)
        let checked = try DatasetValidator.validate(path: converted, format: requirements.format, requirements: requirements)
        try checked.throwIfInvalid(parameter: parameter)
        return (.localFile(path: converted), checked)
    }
}
