public import ArgumentParser
import FineTuning
import FineTuningEval
import FineTuningProviders
import Foundation

/// `finetune sweep`: a hyperparameter search where each trial is an ordinary job.
public struct SweepCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Search hyperparameters: each trial is an ordinary job; the best is written as a hyperparameter file.",
        discussion: """
            Trials whose validation loss is clearly behind the best trial's at the same epoch are cancelled early.
            The best trial is the one with the lowest final validation loss, or with --select METRIC the best mean
            of that metric on --eval-data. The file written (--output) is read by finetune create --hyperparameters.
            For hosted providers, --dry-run prints the trials and their estimated cost and starts nothing.
            """)

    @Option(name: .long, help: "PROVIDER/MODEL to tune (llamacpp/PATH.gguf runs locally).")
    var model: String

    @Option(name: .long, help: "Training data file.")
    var trainingFile: String

    @Option(name: .long, help: "Validation data file (local jobs otherwise hold out part of the training data).")
    var validationFile: String?

    @Option(name: .long, help: "NAME=V1,V2,... tried in every combination (repeatable).")
    var grid: [String] = []

    @Option(name: .long, help: "NAME=LOW..HIGH drawn per trial (repeatable; needs --trials).")
    var random: [String] = []

    @Option(name: .long, help: "How many random draws.")
    var trials: Int?

    @Option(name: [.customLong("hyperparameter"), .customShort("H")], help: "KEY=VALUE applied to every trial.")
    var hyperparameter: [String] = []

    @Option(name: .long, help: "Stop starting trials, and cancel running ones, after this many seconds.")
    var maxTime: Double?

    @Option(name: .long, help: "How many trials run at once.")
    var parallel = 1

    @Option(name: .long, help: "Cancel a trial whose validation loss exceeds the best at the same epoch by this factor.")
    var earlyStopRatio = 1.25

    @Option(name: .long, help: "Pick the best trial by this metric's mean on --eval-data instead of validation loss.")
    var select: String?

    @Option(name: .long, help: "Examples for --select.")
    var evalData: String?

    @Option(name: .long, help: "Seed of the random draws.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Where to write the best trial's hyperparameter file.")
    var output = "best-hyperparameters.json"

    @Flag(name: .long, help: "Print the trials (and for hosted providers their estimated cost) without starting any.")
    var dryRun = false

    @OptionGroup var providers: ProviderOptions
    @OptionGroup(title: "Output") var outputOptions: OutputOptions

    public init() {}

    public func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        guard earlyStopRatio > 1 else { throw ValidationError("--early-stop-ratio must be more than 1") }
        if let maxTime, maxTime <= 0 { throw ValidationError("--max-time must be positive") }
        guard (select == nil) == (evalData == nil) else { throw ValidationError("--select and --eval-data go together") }
    }

    public func run() async throws {
        try await outputOptions.run {
            let space = try SweepSpace(grid: grid, random: random)
            let values = try space.trials(count: trials, seed: seed)
            let fixed = try KeyValueParsing.jsonValues(hyperparameter, option: "--hyperparameter")
            let client = try CLIContext.client(providers)
            let runner = SweepRunner(
                client: client,
                base: CreateJobRequest(
                    model: model, trainingData: DataReference(parsing: trainingFile), validationData: validationFile.map { DataReference(parsing: $0) }),
                fixed: fixed, parallel: parallel, maxTime: maxTime.map { .milliseconds(Int64($0 * 1000)) }, earlyStopRatio: earlyStopRatio)
            let requests = try values.map { try runner.request(for: $0) }
            let selection = try select.map { try EvalMetric(parsing: $0) }
            let examples = try evalData.map { try EvalExample.load(path: $0) }

            if dryRun { return try printDryRun(values, requests: requests) }
            guard try ModelReference(parsing: model).provider == "llamacpp" else {
                throw FineTuningError(.unsupported, "finetune sweep runs trials on the llamacpp backend only; use --dry-run to price a hosted sweep", parameter: "model")
            }
            var results = try await runner.run(values) { trial in
                Terminal.error("trial \(trial.number) \(trial.job ?? ""): \(trial.outcome.rawValue)" + (trial.validationLoss.map { String(format: ", validation loss %.4f", $0) } ?? ""))
            }
            if let selection, let examples, let evalData {
                let resolver = EvalModelResolver(
                    client: client, environment: ProcessInfo.processInfo.environment,
                    transport: BuiltInProviders.defaultTransport(environment: ProcessInfo.processInfo.environment))
                for index in results.indices where results[index].outcome == .succeeded {
                    let evaluated = try await EvalRunner(data: evalData, examples: examples, metrics: [selection])
                        .run([try await resolver.resolve(results[index].job!)])
                    results[index].metric = evaluated.models[0].metrics[selection.name]?.mean
                }
            }
            let best = SweepSelection.best(results, higherIsBetter: selection.map { $0.higherIsBetter ?? true })
            if let best {
                try HyperparameterFile(values: fixed.merging(best.hyperparameters) { $1 }).data().write(to: URL(fileURLWithPath: output), options: .atomic)
            }
            if outputOptions.json {
                try outputOptions.printDocument("sweep", SweepReport(trials: results, best: best?.number, hyperparameterFile: best == nil ? nil : output))
            } else {
                Terminal.line(SweepSelection.table(results, metric: selection?.name))
                if let best {
                    Terminal.line("\nbest: trial \(best.number) (\(best.job ?? "")); hyperparameters written to \(output)")
                    Terminal.line("reuse: finetune create --model \(model) --training-file \(trainingFile) --hyperparameters \(output)")
                } else {
                    Terminal.line("\nno trial succeeded")
                }
            }
            if best == nil { throw ExitCode(1) }
        }
    }

    private func printDryRun(_ values: [[String: JSONValue]], requests: [CreateJobRequest]) throws {
        let tokens = try DatasetStatisticsCollector.collect(path: trainingFile).estimatedTokens
        let reference = try ModelReference(parsing: model)
        var total: Double? = 0
        var rows: [[String]] = []
        for (index, request) in requests.enumerated() {
            let epochs = request.hyperparameters.epochs
            let estimate = reference.provider == "llamacpp" ? nil : TrainingPricing.estimate(tokens: tokens, epochs: epochs ?? 3, model: reference.model)
            if reference.provider != "llamacpp" { total = estimate.flatMap { e in total.map { $0 + e.usd } } }
            rows.append([
                "\(index + 1)", values[index].sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.jsonText)" }.joined(separator: " "),
                reference.provider == "llamacpp" ? "local" : estimate.map { String(format: "$%.2f", $0.usd) + (epochs == nil ? " (3 epochs assumed)" : "") } ?? "no price known",
            ])
        }
        if outputOptions.json {
            try outputOptions.printDocument("sweep_plan", SweepPlan(trials: values.map { JSONValue.object($0) }, estimatedTotalUSD: reference.provider == "llamacpp" ? 0 : total))
            return
        }
        Terminal.line(SweepSelection.columns([["trial", "hyperparameters", "estimated cost"]] + rows))
        let summary = reference.provider == "llamacpp" ? "runs locally: no provider cost" : total.map { String(format: "estimated total $%.2f for %d tokens per epoch", $0, tokens) } ?? "no price known for \(reference.model)"
        Terminal.line("\n\(requests.count) trials, none started (--dry-run); \(summary)")
    }
}

/// `finetune sweep --json`.
struct SweepReport: Encodable {
    var trials: [SweepTrial]
    var best: Int?
    var hyperparameterFile: String?

    enum CodingKeys: String, CodingKey { case trials, best, hyperparameterFile = "hyperparameter_file" }
}

/// `finetune sweep --dry-run --json`.
struct SweepPlan: Encodable {
    var trials: [JSONValue]
    var estimatedTotalUSD: Double?

    enum CodingKeys: String, CodingKey { case trials, estimatedTotalUSD = "estimated_total_usd" }
}
