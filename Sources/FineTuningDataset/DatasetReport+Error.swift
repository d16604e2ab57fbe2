import FineTuningBase

extension DatasetReport {
    /// Throws an `invalid_data` error listing every problem found (as many as were reported).
    package func throwIfInvalid(parameter: String) throws {
        guard !isValid else { return }
        var details = problems.dropFirst().map { "\($0.location): \($0.message)" }
        if omittedProblemCount > 0 { details.append("... and \(omittedProblemCount) more problems") }
        let first = problems.first
        throw FineTuningError(
            .invalidData,
            "\(problems.count + omittedProblemCount) problem(s) in \(path)" + (first.map { ": \($0.message)" } ?? ""),
            parameter: parameter, location: first?.location, details: details)
    }
}
