public import ArgumentParser
import FineTuning

/// `finetune convert IN --to FORMAT --output OUT`: rewrites a data file in another format.
public struct ConvertCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a training data file to another format.",
        discussion: "Records that cannot be read or that the target format cannot hold are skipped and listed.")

    @Argument(help: "The input data file.")
    var input: String

    @Option(help: "The input format (detected when omitted).")
    var from: DatasetFormat?

    @Option(help: "The output format: \(DatasetFormat.allValueStrings.joined(separator: ", ")).")
    var to: DatasetFormat

    @Option(name: [.short, .long], help: "The output file (overwritten).")
    var output: String

    @OptionGroup var options: OutputOptions

    public init() {}

    public func run() async throws {
        try await options.run {
            let summary = try DatasetConverter.convert(input: input, from: from, to: to, output: output)
            if options.json {
                try options.printDocument("dataset_conversion", summary)
                return
            }
            for problem in summary.problems { Terminal.error(problem.description) }
            if summary.omittedProblemCount > 0 { Terminal.error("... and \(summary.omittedProblemCount) more") }
            Terminal.line(
                "\(summary.input) (\(summary.from.rawValue)) -> \(summary.output) (\(summary.to.rawValue)): "
                    + "\(summary.converted) converted, \(summary.skippedInvalid) invalid, \(summary.skippedUnrepresentable) not representable")
        }
    }
}
