import FineTuningBase

/// Splits a data file into training and validation files, deterministically: each example goes to the
/// validation side when a 64-bit hash of its content, mixed with the seed, falls under the fraction. The
/// same example always lands on the same side for the same seed, whatever the order of the file or the run,
/// and the split streams in bounded memory (plus 8 bytes per example when removing duplicates).
public enum DatasetSplitter {
    public static func split(
        input: String, format: DatasetFormat? = nil, trainOutput: String, validationOutput: String,
        validationFraction: Double, seed: UInt64 = 0, removeDuplicates: Bool = true, maxProblems: Int = 50
    ) throws -> DatasetSplitSummary {
        guard validationFraction.isFinite, validationFraction >= 0, validationFraction <= 1 else {
            throw FineTuningError(.invalidRequest, "the validation fraction must be between 0 and 1, got \(validationFraction)", parameter: "validation_fraction")
        }
        let source = try ExampleSource(path: input, format: format)
        for output in [trainOutput, validationOutput] where source.file.isSameFile(as: output) {
            throw FineTuningError(.invalidRequest, "an output is the input file", parameter: "output", location: DataLocation(file: output))
        }
        if OutputFile.sameTarget(trainOutput, validationOutput) {
            throw FineTuningError(
                .invalidRequest, "the training and validation outputs are the same file", parameter: "validation",
                location: DataLocation(file: validationOutput))
        }
        var train = try ExampleEncoder(format: source.format, output: OutputFile(path: trainOutput))
        var validation = try ExampleEncoder(format: source.format, output: OutputFile(path: validationOutput))
        var seen = Set<UInt64>()
        var log = ProblemLog(path: input, limit: maxProblems)
        var summary = DatasetSplitSummary(trainOutput: trainOutput, validationOutput: validationOutput, seed: seed)
        let threshold = UInt64((validationFraction * Double(UInt64.max)).rounded(.down))
        try source.forEach { event in
            let record: ExampleRecord
            switch event {
            case .invalid(let line, let problems):
                summary.skippedInvalid += 1
                log.add(problems, line: line)
                return
            case .example(let example):
                if let obstacle = example.conversionObstacle {
                    summary.skippedInvalid += 1
                    log.add(FieldProblem(nil, "skipped: \(obstacle)"), line: example.line)
                    return
                }
                record = example
            }
            let example = record.example()
            let hash = ContentHash.fnv1a64(ExampleEncoder.openAIChat(example).jsonText)
            if removeDuplicates, !seen.insert(hash).inserted {
                summary.duplicatesRemoved += 1
                return
            }
            if validationFraction > 0, ContentHash.mix(hash ^ seed) <= threshold {
                try validation.write(example)
                summary.validationCount += 1
            } else {
                try train.write(example)
                summary.trainCount += 1
            }
        }
        try train.finish()
        try validation.finish()
        summary.problems = log.problems
        summary.omittedProblemCount = log.omitted
        return summary
    }
}
