public import Foundation

/// The text forms of an evaluation shared by the terminal table and the HTML page.
public enum EvalTable {
    /// `0.812 [0.751, 0.866]`, or `n/a` when the metric did not apply.
    static func cell(_ interval: BootstrapInterval?) -> String {
        guard let interval, interval.count > 0, interval.mean.isFinite else { return "n/a" }
        return String(format: "%.3f [%.3f, %.3f]", interval.mean, interval.lower, interval.upper)
    }

    /// The metric that ranks answers for "worst examples": ROUGE-L if computed, else the first higher-is-better one.
    static func rankingMetric(_ result: EvalResult) -> String? {
        if result.metrics.contains(BuiltInMetric.rougeL.rawValue) { return BuiltInMetric.rougeL.rawValue }
        return result.metrics.first { name in BuiltInMetric(rawValue: name).map { $0.higherIsBetter == true } ?? true }
    }

    /// The examples where the last model scored lowest on `metric`.
    static func worstExamples(_ result: EvalResult, metric: String, count: Int) -> [EvalResult.ExampleRecord] {
        Array(result.examples.sorted {
            ($0.answers.last?.scores[metric] ?? .infinity) < ($1.answers.last?.scores[metric] ?? .infinity)
        }.prefix(count))
    }

    /// The terminal table: one row per model, one column per metric.
    public static func text(_ result: EvalResult) -> String {
        let header = ["model"] + result.metrics
        let rows = result.models.map { model in [model.model] + result.metrics.map { cell(model.metrics[$0]) } }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        return ([render(header)] + rows.map(render)).joined(separator: "\n")
    }

    /// Every example's answers, one JSON object per line (the per-example JSONL file).
    public static func jsonLines(_ result: EvalResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for record in result.examples {
            data.append(try encoder.encode(record))
            data.append(0x0A)
        }
        return data
    }
}
