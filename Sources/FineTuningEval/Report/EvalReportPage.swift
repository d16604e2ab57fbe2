import Foundation
import FineTuningDataset

/// `finetune eval --report FILE.html`: one self-contained page (no scripts, no external files) with
/// the metric table, a bar per model and metric, each tuned job's loss curves, and the examples the
/// models did worst on, side by side.
public enum EvalReportPage {
    /// How many worst examples the page shows.
    public static let worstCount = 10

    public static func html(_ result: EvalResult) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>finetune eval: \(HTMLText.escape(result.data))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}.num{text-align:right;font-variant-numeric:tabular-nums}
            .bar{background:#4c78a8;height:12px;display:inline-block}.ci{color:#666;font-size:90%}
            </style></head><body>
            <h1>Evaluation of \(result.models.count) model(s) on \(HTMLText.escape(result.data))</h1>
            <p>\(result.examples.count) examples; means with 95% bootstrap confidence intervals.</p>

            """
        page += table(result) + bars(result) + curves(result) + worst(result)
        page += "</body></html>\n"
        return page
    }

    private static func table(_ result: EvalResult) -> String {
        var html = "<h2>Metrics</h2><table><tr><th>model</th>" + result.metrics.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr>\n"
        for model in result.models {
            html += "<tr><td>\(HTMLText.escape(model.model))</td>"
            for metric in result.metrics {
                html += "<td class=\"num\">\(EvalTable.cell(model.metrics[metric]))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    private static func bars(_ result: EvalResult) -> String {
        var html = "<h2>Per metric</h2>"
        for metric in result.metrics {
            let means = result.models.compactMap { $0.metrics[metric]?.mean }.filter(\.isFinite)
            let scale = max(means.max() ?? 1, 1e-9)
            html += "<h3>\(HTMLText.escape(metric))</h3><table>"
            for model in result.models {
                guard let interval = model.metrics[metric], interval.count > 0 else { continue }
                let width = Int((max(0, interval.mean) / scale * 300).rounded())
                html += "<tr><td>\(HTMLText.escape(model.model))</td><td><span class=\"bar\" style=\"width:\(width)px\"></span> \(EvalTable.cell(interval))</td></tr>"
            }
            html += "</table>\n"
        }
        return html
    }

    private static func curves(_ result: EvalResult) -> String {
        let tuned = result.models.filter { $0.lossCurve != nil }
        guard !tuned.isEmpty else { return "" }
        var html = "<h2>Training and validation loss</h2>"
        for model in tuned {
            html += "<h3>\(HTMLText.escape(model.lossCurve!.job))</h3>" + LossCurveChart.svg(model.lossCurve!) + "\n"
        }
        return html
    }

    private static func worst(_ result: EvalResult) -> String {
        let html = "<h2>Worst examples</h2>"
        guard let metric = EvalTable.rankingMetric(result) else { return html + "<p>No metric ranks the answers.</p>" }
        let ranked = EvalTable.worstExamples(result, metric: metric, count: worstCount)
        var rows = "<p>The \(ranked.count) examples with the lowest \(HTMLText.escape(metric)) of \(HTMLText.escape(result.models.last?.model ?? "")).</p>"
        rows += "<table><tr><th>line</th><th>prompt</th><th>reference</th>" + result.models.map { "<th>\(HTMLText.escape($0.model))</th>" }.joined() + "</tr>\n"
        for record in ranked {
            rows += "<tr><td class=\"num\">\(record.line)</td><td>\(HTMLText.escape(record.prompt.turns.last?.text ?? ""))</td><td>\(HTMLText.escape(record.reference))</td>"
            for answer in record.answers {
                let score = answer.scores[metric].map { String(format: "%.3f", $0) } ?? "n/a"
                rows += "<td>\(HTMLText.escape(answer.answer.text))<div class=\"ci\">\(HTMLText.escape(metric)) \(score)</div></td>"
            }
            rows += "</tr>\n"
        }
        return html + rows + "</table>\n"
    }
}
