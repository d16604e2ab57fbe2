/// Strict translation refuses what a provider cannot take; lenient drops it with a warning.
public enum TranslationMode: String, Sendable, Hashable, Codable {
    case strict, lenient
}

/// Hyperparameters translated for one provider.
public struct TranslatedHyperparameters: Sendable, Hashable {
    /// Native name -> value, ready to be placed in the provider's request.
    public var native: [String: JSONValue]
    /// The normalized values that were kept (what the job will report as applied).
    public var applied: Hyperparameters
    /// What a lenient translation dropped, one sentence each; shown to the user.
    public var warnings: [String]
}

extension HyperparameterTable {
    /// Translates normalized hyperparameters into this provider's native names and units.
    ///
    /// Strict mode throws on the first unsupported or out-of-range value, naming the parameter,
    /// the provider, the value given and the values allowed. Lenient mode drops such values and
    /// reports each in `warnings`. Pass-through parameters are copied as they are; one that
    /// collides with a translated parameter is always an error.
    public func translate(_ hyperparameters: Hyperparameters, mode: TranslationMode = .strict) throws -> TranslatedHyperparameters {
        var native: [String: JSONValue] = [:]
        var applied = hyperparameters
        var warnings: [String] = []
        var origin: [String: HyperparameterName] = [:]

        for rule in rules {
            guard let value = hyperparameters.value(of: rule.parameter) else { continue }
            let given = value.doubleValue ?? 0
            let problem: FineTuningError?
            if let nativeName = rule.nativeName {
                if let other = origin[nativeName] {
                    throw FineTuningError(
                        .invalidRequest,
                        "hyperparameters '\(other.rawValue)' and '\(rule.parameter.rawValue)' both set '\(nativeName)' for provider '\(provider)': give only one",
                        provider: provider, parameter: rule.parameter.rawValue)
                }
                if rule.allows(given) {
                    native[nativeName] = encode(given, with: rule)
                    origin[nativeName] = rule.parameter
                    problem = nil
                } else {
                    problem = FineTuningError(
                        .invalidRequest,
                        "hyperparameter '\(rule.parameter.rawValue)' = \(HyperparameterRule.format(given)) is out of range for provider '\(provider)' (\(nativeName)): allowed \(rule.allowedDescription)",
                        provider: provider, parameter: rule.parameter.rawValue)
                }
            } else {
                problem = FineTuningError(
                    .unsupported,
                    "hyperparameter '\(rule.parameter.rawValue)' = \(HyperparameterRule.format(given)) is not supported by provider '\(provider)': \(rule.note ?? "no such parameter")",
                    provider: provider, parameter: rule.parameter.rawValue)
            }
            guard let problem else { continue }
            if mode == .strict { throw problem }
            warnings.append("dropped: " + problem.message)
            applied.clear(rule.parameter)
        }

        for (name, value) in hyperparameters.providerSpecific.sorted(by: { $0.key < $1.key }) {
            if native[name] != nil {
                throw FineTuningError(
                    .invalidRequest,
                    "hyperparameter '\(name)' for provider '\(provider)' is given both as a normalized parameter and as a pass-through value",
                    provider: provider, parameter: name)
            }
            native[name] = value
        }
        return TranslatedHyperparameters(native: native, applied: applied, warnings: warnings)
    }

    private func encode(_ value: Double, with rule: HyperparameterRule) -> JSONValue {
        let scaled = value * (rule.scale ?? 1)
        switch rule.encoding {
        case .integer: return .integer(Int64(scaled.rounded()))
        case .number: return .number(scaled)
        case .numberString: return .string(HyperparameterRule.format(scaled))
        // `allows` admitted only the enumeration's values, so the name is there.
        case .enumeration(let names): return .string(names[value] ?? HyperparameterRule.format(value))
        }
    }
}
