public import ArgumentParser
import FineTuning

/// `finetune split FILE --train T --validation V`: a seeded, stable train/validation split.
public struct SplitCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a data file into training and validation files, removing exact duplicates.",
        discussion: "Each example's side is decided by a hash of its content and the seed, so the split is the same on every run.")

    @Argument(help: "The data file.")
    var input: String

    @Option(help: "The file's format (detected when omitted); the outputs use the same format.")
    var format: DatasetFormat?

    @Option(help: "The training output file.")
    var train: String

    @Option(help: "The validation output file.")
    var validation: String

    @Option(help: "The share of examples for validation, 0...1.")
    var validationFraction = 0.1

    @Option(help: "The seed: another seed gives another split.")
    var seed: UInt64 = 0

    @Flag(help: "Keep exact duplicate examples.")
    var keepDuplicates = false

    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() async throws {
        try await output.run {
            let summary = try DatasetSplitter.split(
                input: input, format: format, trainOutput: train, validationOutput: validation,
                validationFraction: validationFraction, seed: seed, removeDuplicates: !keepDuplicates)
            if output.json {
                try output.printDocument("dataset_split", summary)
            } else {
                for problem in summary.problems { Terminal.error(problem.description) }
                if summary.omittedProblemCount > 0 { Terminal.error("... and \(summary.omittedProblemCount) more") }
                Terminal.line(
                    "\(summary.trainCount) -> \(summary.trainOutput), \(summary.validationCount) -> \(summary.validationOutput)"
                        + ", \(summary.duplicatesRemoved) duplicates removed, \(summary.skippedInvalid) invalid skipped")
            }
        }
    }
}
