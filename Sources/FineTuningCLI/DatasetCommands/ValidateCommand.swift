public import ArgumentParser
import FineTuning

/// `finetune validate FILE`: checks a data file and lists every problem with file:line: field.
public struct ValidateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a training data file and list every problem with its line and field.",
        discussion: "Exits 0 when the file is valid and \(ExitCodes.invalidInput) when it has problems.")

    @Argument(help: "The data file (JSONL or CSV).")
    var path: String

    @Option(help: "The file's format (detected when omitted): \(DatasetFormat.allValueStrings.joined(separator: ", ")).")
    var format: DatasetFormat?

    @Option(help: "Also check this provider's rules (any registered provider id: openai, vertex_ai, llamacpp, ...).")
    var provider: String?

    @Option(help: "With --provider: the tuning method whose data rules apply (supervised, or dpo for preference data).")
    var method: TuningMethod = .supervised

    @OptionGroup var providers: ProviderOptions

    @Option(help: "How many problems to list in full; the rest are counted.")
    var maxProblems = 50

    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() async throws {
        try await output.run {
            let requirements = try provider.map { try CLIContext.registry(providers).registration(for: $0).descriptor.datasetRequirements(for: method) }
            let (path, format, maxProblems) = (path, format, maxProblems)
            let report = try await BlockingBridge.onDedicatedThread {
                try DatasetValidator.validate(path: path, format: format, requirements: requirements, maxProblems: maxProblems)
            }
            if output.json {
                try output.printDocument("dataset_report", report)
            } else {
                for problem in report.problems { Terminal.line(problem.description) }
                if report.omittedProblemCount > 0 { Terminal.line("... and \(report.omittedProblemCount) more problems") }
                let total = report.problems.count + report.omittedProblemCount
                let verdict = report.isValid ? "valid" : total == 1 ? "1 problem" : "\(total) problems"
                Terminal.line("\(report.path): \(report.exampleCount) examples (\(report.format.rawValue)), \(verdict)")
            }
            if !report.isValid { throw ExitCode(ExitCodes.invalidInput) }
        }
    }
}
