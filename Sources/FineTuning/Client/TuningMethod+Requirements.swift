/// What a tuning method asks of a provider: preference (DPO) tuning needs preference data rules on
/// the provider and is the only method that takes `beta`.
extension ProviderDescriptor {
    /// The data rules a local file must follow for `method`; throws `unsupported`, naming the
    /// provider, when the provider has no preference tuning.
    public func datasetRequirements(for method: TuningMethod) throws -> DatasetRequirements {
        switch method {
        case .supervised: return dataset
        case .dpo:
            guard let preferenceDataset else {
                throw FineTuningError(
                    .unsupported, "provider '\(id)' has no preference tuning (--method dpo); openai and vertex_ai have",
                    provider: id, parameter: "method")
            }
            return preferenceDataset
        }
    }

    /// Translates `hyperparameters` for `method`: `beta` belongs to preference tuning only, so with
    /// another method it is refused (strict) or dropped with a warning (lenient).
    public func translate(_ hyperparameters: Hyperparameters, method: TuningMethod, mode: TranslationMode) throws -> TranslatedHyperparameters {
        var given = hyperparameters
        var warnings: [String] = []
        if method != .dpo, let beta = given.beta {
            let problem = FineTuningError(
                .invalidRequest,
                "hyperparameter 'beta' = \(HyperparameterRule.format(beta)) applies only to preference tuning (--method dpo), not \(method.rawValue)",
                provider: id, parameter: HyperparameterName.beta.rawValue)
            if mode == .strict { throw problem }
            warnings.append("dropped: " + problem.message)
            given.beta = nil
        }
        var translated = try self.hyperparameters.translate(given, mode: mode)
        translated.warnings = warnings + translated.warnings
        return translated
    }
}
