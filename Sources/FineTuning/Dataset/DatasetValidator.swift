/// Checks a local data file against its format's rules and, optionally, a provider's requirements,
/// reading it once in bounded memory and reporting every problem with its file, line and field.
public enum DatasetValidator {
    /// Validates a local file; `format` nil = detect. `requirements` nil = only the format's own rules.
    /// Throws `invalidData` only when the file cannot be read at all (missing, a directory, unreadable,
    /// empty with no format given); everything wrong inside the file is in the report.
    public static func validate(
        path: String, format: DatasetFormat? = nil, requirements: DatasetRequirements? = nil, maxProblems: Int = 50
    ) throws -> DatasetReport {
        try validate(source: ExampleSource(path: path, format: format), requirements: requirements, maxProblems: maxProblems)
    }

    static func validate(source: ExampleSource, requirements: DatasetRequirements?, maxProblems: Int) throws -> DatasetReport {
        var log = ProblemLog(path: source.path, limit: maxProblems)
        if let requirements, requirements.format != source.format {
            log.add(FieldProblem(nil, "the target provider expects \(requirements.format.rawValue) data, this file is \(source.format.rawValue): convert it first"), line: nil)
        }
        if let limit = requirements?.maxFileBytes, source.file.size > limit {
            log.add(FieldProblem(nil, "the file has \(source.file.size) bytes, more than the provider's limit of \(limit)"), line: nil)
        }
        var count = 0
        try source.forEach { event in
            count += 1
            switch event {
            case .invalid(let line, let problems):
                log.add(problems, line: line)
            case .example(let record):
                log.add(ExampleRules.check(record.outline, format: source.format, requirements: requirements), line: record.line)
            }
        }
        if count == 0 {
            log.add(FieldProblem(nil, "the file holds no examples"), line: nil)
        } else if let requirements {
            if count < requirements.minExamples {
                log.add(FieldProblem(nil, "\(count) examples, fewer than the provider's minimum of \(requirements.minExamples)"), line: nil)
            }
            if let maximum = requirements.maxExamples, count > maximum {
                log.add(FieldProblem(nil, "\(count) examples, more than the provider's maximum of \(maximum)"), line: nil)
            }
        }
        return DatasetReport(path: source.path, format: source.format, exampleCount: count, problems: log.problems, omittedProblemCount: log.omitted)
    }
}
