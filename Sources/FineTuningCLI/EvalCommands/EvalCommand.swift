public import ArgumentParser
import FineTuning
import FineTuningEval
import FineTuningProviders
import Foundation

/// `finetune eval`: every model answers every example of a data file; built-in and native metrics
/// score the answers against the references; prints means with 95% bootstrap intervals.
public struct EvalCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate base and tuned models on a data file: answers, metrics with 95% confidence intervals, an HTML report.",
        discussion: """
            Each example's prompt is every turn but the last assistant turn; that turn is the reference.
            MODEL is a model string (llamacpp/PATH.gguf, openai/MODEL, azure/DEPLOYMENT, openai_compatible/MODEL,
            vertex_ai/MODEL-OR-ENDPOINT) or a job id (llamacpp:ft-..., openai:ftjob-...) meaning the model it tuned.
            METRIC is one of \(BuiltInMetric.allCases.map(\.rawValue).joined(separator: ", ")) (token_loss and perplexity
            need a local model), or a native function called through libffi:
              'PATH.so:SYMBOL(const char *prediction, const char *reference[, TYPE NAME = VALUE ...]) -> TYPE'
            with types const char *, int32_t, int64_t, size_t, float, double, bool.
            """)

    @Option(name: .long, help: "A model or job id to evaluate (repeatable).")
    var model: [String] = []

    @Option(name: .long, help: "The examples (any supported data format).")
    var data: String

    @Option(name: .long, help: "A metric (repeatable; default: every built-in metric that applies).")
    var metric: [String] = []

    @Option(name: .long, help: "Evaluate only the first N examples.")
    var limit: Int?

    @Option(name: .long, help: "The most tokens per answer.")
    var maxTokens = 64

    @Option(name: .long, help: "Sampling temperature; 0 answers greedily.")
    var temperature = 0.0

    @Option(name: .long, help: "Seed of sampled answers.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Write every example's prompt, reference, answers and scores here (JSON Lines).")
    var examples: String?

    @Option(name: .long, help: "Write a self-contained HTML report here.")
    var report: String?

    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    public init() {}

    public func validate() throws {
        guard !model.isEmpty else { throw ValidationError("give at least one --model") }
        guard maxTokens > 0 else { throw ValidationError("--max-tokens must be at least 1") }
        guard temperature >= 0, temperature.isFinite else { throw ValidationError("--temperature must be 0 or more") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    public func run() async throws {
        try await output.run {
            // Everything that can be wrong locally is checked before any model is asked anything.
            let metrics = try metric.isEmpty ? BuiltInMetric.defaults.map(EvalMetric.builtIn) : metric.map(EvalMetric.init(parsing:))
            let items = try EvalExample.load(path: data, limit: limit)
            let environment = ProcessInfo.processInfo.environment
            let resolver = EvalModelResolver(
                client: try CLIContext.client(providers), environment: environment,
                transport: BuiltInProviders.defaultTransport(environment: environment))
            var models: [EvalModel] = []
            for text in model { models.append(try await resolver.resolve(text)) }

            let bar = EvalProgressBar(models: models.map(\.answerer.label), total: items.count)
            let runner = EvalRunner(
                data: data, examples: items, metrics: metrics, options: GenerationOptions(maxTokens: maxTokens, temperature: temperature, seed: seed))
            let result = try await runner.run(models) { bar.update(model: $0, answered: $1) }
            bar.finish()

            if let examples { try EvalTable.jsonLines(result).write(to: URL(fileURLWithPath: examples), options: .atomic) }
            if let report { try Data(EvalReportPage.html(result).utf8).write(to: URL(fileURLWithPath: report), options: .atomic) }
            if output.json {
                try output.printDocument("eval", result)
            } else {
                Terminal.line(EvalTable.text(result))
                Terminal.line(String(format: "\n%d examples in %.1f s (%.1f%% outside the models)", items.count, result.totalSeconds,
                                     100 * result.harnessSeconds / max(result.totalSeconds, 1e-9)))
            }
        }
    }
}
