import Foundation

/// An inline SVG line chart of a loss curve: training in blue, validation in orange, axes labelled
/// with the step and loss ranges. The lines carry the classes `train-loss` and `valid-loss` so a page's
/// style sheet may restyle them (the gateway's dashboard does).
public enum LossCurveChart {
    static let width = 480.0, height = 220.0, margin = 40.0

    public static func svg(_ curve: LossCurve) -> String {
        let points = curve.training + curve.validation
        let steps = points.map(\.step), losses = points.map(\.loss)
        let minStep = steps.min() ?? 0, maxStep = max((steps.max() ?? 1), minStep + 1)
        let maxLoss = max(losses.max() ?? 1, 1e-9), minLoss = min(losses.min() ?? 0, 0)
        func x(_ step: Double) -> Double { margin + (step - minStep) / (maxStep - minStep) * (width - 2 * margin) }
        func y(_ loss: Double) -> Double { height - margin - (loss - minLoss) / (maxLoss - minLoss) * (height - 2 * margin) }
        func line(_ series: [LossCurve.Point], cssClass: String, color: String, name: String) -> String {
            guard !series.isEmpty else { return "" }
            let path = series.map { String(format: "%.1f,%.1f", x($0.step), y($0.loss)) }.joined(separator: " ")
            return "<polyline class=\"\(cssClass)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(path)\"><title>\(name)</title></polyline>"
        }
        return """
            <svg class="loss-chart" xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" role="img" aria-label="loss curve of \(HTMLText.escape(curve.job))">
            <rect x="\(margin)" y="\(margin)" width="\(width - 2 * margin)" height="\(height - 2 * margin)" fill="#fafafa" stroke="#ccc"/>
            \(line(curve.training, cssClass: "train-loss", color: "#1f77b4", name: "training loss"))
            \(line(curve.validation, cssClass: "valid-loss", color: "#ff7f0e", name: "validation loss"))
            <text x="\(margin)" y="\(height - 10)" font-size="11">step \(Int(minStep))</text>
            <text x="\(width - margin)" y="\(height - 10)" font-size="11" text-anchor="end">step \(Int(maxStep))</text>
            <text x="4" y="\(margin + 4)" font-size="11">\(String(format: "%.2f", maxLoss))</text>
            <text x="4" y="\(height - margin)" font-size="11">\(String(format: "%.2f", minLoss))</text>
            <text x="\(width - margin)" y="\(margin - 8)" font-size="11" text-anchor="end"><tspan fill="#1f77b4">training</tspan> <tspan fill="#ff7f0e">validation</tspan></text>
            </svg>
            """
    }
}
