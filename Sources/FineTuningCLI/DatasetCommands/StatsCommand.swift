public import ArgumentParser
import FineTuning
import Foundation

/// `finetune stats FILE [--model M --epochs N]`: sizes, token estimates and a training cost estimate.
public struct StatsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show example counts, characters, estimated tokens and a training cost estimate.",
        discussion: "Tokens are estimated as \(TokenEstimate.method). Cost = tokens x epochs x the dated price table.")

    @Argument(help: "The data file.")
    var path: String

    @Option(help: "The file's format (detected when omitted).")
    var format: DatasetFormat?

    @Option(help: "Estimate the training cost for this model, e.g. openai/gpt-4o-mini.")
    var model: String?

    @Option(help: "Epochs for the cost estimate.")
    var epochs = 3

    @OptionGroup var output: OutputOptions

    public init() {}

    /// The `--json` document: the statistics and, when a priced model was given, the cost estimate.
    struct Document: Encodable {
        var statistics: DatasetStatistics
        var costEstimate: TrainingCostEstimate?

        enum CodingKeys: String, CodingKey {
            case statistics, costEstimate = "cost_estimate"
        }
    }

    public func run() async throws {
        try await output.run {
            guard epochs > 0 else { throw FineTuningError(.invalidRequest, "--epochs must be at least 1", parameter: "epochs") }
            let statistics = try DatasetStatisticsCollector.collect(path: path, format: format)
            var estimate: TrainingCostEstimate?
            if let model {
                estimate = TrainingPricing.estimate(tokens: statistics.estimatedTokens, epochs: epochs, model: model)
                if estimate == nil {
                    let known = TrainingPricing.table.map { "\($0.provider)/\($0.model)" }.joined(separator: ", ")
                    throw FineTuningError(.invalidRequest, "no training price for '\(model)' (priced: \(known))", parameter: "model")
                }
            }
            if output.json {
                try output.printDocument("dataset_statistics", Document(statistics: statistics, costEstimate: estimate))
            } else {
                render(statistics, estimate)
            }
        }
    }

    private func render(_ statistics: DatasetStatistics, _ estimate: TrainingCostEstimate?) {
        Terminal.line("\(statistics.path) (\(statistics.format.rawValue))")
        Terminal.line("examples:          \(statistics.exampleCount)" + (statistics.invalidRecordCount > 0 ? " (+\(statistics.invalidRecordCount) invalid, skipped)" : ""))
        if statistics.invalidRecordCount > 0 {
            Terminal.error("warning: \(statistics.invalidRecordCount) invalid records are not counted: `finetune validate \(statistics.path)` lists them")
        }
        Terminal.line("characters:        \(statistics.totalCharacters)")
        Terminal.line("estimated tokens:  \(statistics.estimatedTokens)  (\(statistics.tokenEstimateMethod))")
        let rows = [("per example", statistics.exampleTokens)] + statistics.roleTokens.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) }
        Terminal.line("tokens per example      min      p5   median     mean     p95      max")
        for (name, distribution) in rows {
            guard let d = distribution else { continue }
            let label = name.padding(toLength: 18, withPad: " ", startingAt: 0)
            Terminal.line(label + String(format: " %8d %7d %8.1f %8.1f %7d %8d", d.min, d.p5, d.median, d.mean, d.p95, d.max))
        }
        if let estimate {
            let price = estimate.price
            Terminal.line(
                String(format: "estimated cost:    $%.4f", estimate.usd)
                    + "  (\(estimate.tokens) tokens x \(estimate.epochs) epochs x $\(price.usdPerMillionTokens)/1M tokens,"
                    + " \(price.provider)/\(price.model) price checked \(price.checked))")
        }
    }
}
