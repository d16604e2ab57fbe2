import FineTuningBase

/// Converts a data file between any two formats through `TrainingExample`, streaming record by record.
public enum DatasetConverter {
    /// Converts `input` (format detected when nil) to `output` in `format`; returns counts. Records that
    /// cannot be read or that the target format cannot hold are skipped and listed (capped) in the summary;
    /// when nothing converts, the output is not written and the error lists why.
    public static func convert(input: String, from: DatasetFormat? = nil, to format: DatasetFormat, output: String, maxProblems: Int = 50) throws
        -> DatasetConversionSummary
    {
        let source = try ExampleSource(path: input, format: from)
        guard !source.file.isSameFile(as: output) else {
            throw FineTuningError(.invalidRequest, "input and output are the same file", parameter: "output", location: DataLocation(file: output))
        }
        var encoder = try ExampleEncoder(format: format, output: OutputFile(path: output))
        var log = ProblemLog(path: input, limit: maxProblems)
        var summary = DatasetConversionSummary(input: input, output: output, from: source.format, to: format)
        try source.forEach { event in
            switch event {
            case .invalid(let line, let problems):
                summary.skippedInvalid += 1
                log.add(problems, line: line)
            case .example(let record):
                if let obstacle = record.conversionObstacle {
                    summary.skippedUnrepresentable += 1
                    log.add(FieldProblem(nil, "not converted: \(obstacle)"), line: record.line)
                    return
                }
                do {
                    try encoder.write(record.example())
                    summary.converted += 1
                } catch let refused as ExampleEncoder.Unrepresentable {
                    summary.skippedUnrepresentable += 1
                    log.add(FieldProblem(nil, "not converted to \(format.rawValue): \(refused.reason)"), line: record.line)
                }
            }
        }
        summary.problems = log.problems
        summary.omittedProblemCount = log.omitted
        guard summary.converted > 0 else {
            throw FineTuningError(
                .invalidData,
                "nothing converted (\(summary.skippedInvalid) invalid, \(summary.skippedUnrepresentable) not representable); \(output) was not written",
                location: DataLocation(file: input),
                details: summary.problems.map(\.description) + (log.omitted > 0 ? ["... and \(log.omitted) more"] : []))
        }
        try encoder.finish()
        return summary
    }
}
