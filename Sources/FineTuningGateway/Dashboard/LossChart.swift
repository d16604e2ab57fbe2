import FineTuning
import Foundation

/// A job's training and validation loss over steps as an inline SVG line chart.
struct LossChart {
    struct Point {
        var step: Double
        var loss: Double
    }

    var training: [Point]
    var validation: [Point]
    var width = 480.0
    var height = 160.0
    let margin = 32.0

    init(metrics: [TrainingMetrics]) {
        var training: [Point] = [], validation: [Point] = []
        for (index, metric) in metrics.enumerated() {
            let step = Double(metric.step ?? index + 1)
            if let loss = metric.trainLoss, loss.isFinite { training.append(Point(step: step, loss: loss)) }
            if let loss = metric.validLoss, loss.isFinite { validation.append(Point(step: step, loss: loss)) }
        }
        self.training = training
        self.validation = validation
    }

    var isEmpty: Bool { training.isEmpty && validation.isEmpty }

    func svg() -> String {
        let all = training + validation
        guard let minStep = all.map(\.step).min(), let maxStep = all.map(\.step).max(),
              let maxLoss = all.map(\.loss).max(), let minLoss = all.map(\.loss).min()
        else { return "" }
        let stepSpan = max(maxStep - minStep, 1), lossSpan = max(maxLoss - minLoss, 1e-9)
        func x(_ step: Double) -> Double { margin + (step - minStep) / stepSpan * (width - 2 * margin) }
        func y(_ loss: Double) -> Double { height - margin - (loss - minLoss) / lossSpan * (height - 2 * margin) }
        func line(_ points: [Point], _ cssClass: String) -> String {
            guard !points.isEmpty else { return "" }
            let coordinates = points.map { String(format: "%.1f,%.1f", x($0.step), y($0.loss)) }.joined(separator: " ")
            return "<polyline class=\"\(cssClass)\" fill=\"none\" points=\"\(coordinates)\"/>"
        }
        return """
            <svg class="loss-chart" xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="loss by step">
            <line x1="\(margin)" y1="\(height - margin)" x2="\(width - margin)" y2="\(height - margin)" stroke="#999"/>
            <line x1="\(margin)" y1="\(margin)" x2="\(margin)" y2="\(height - margin)" stroke="#999"/>
            <text x="\(margin)" y="\(margin - 8)" font-size="11">loss \(String(format: "%.3g", maxLoss))</text>
            <text x="\(margin)" y="\(height - 8)" font-size="11">step \(Int(minStep))</text>
            <text x="\(width - margin)" y="\(height - 8)" font-size="11" text-anchor="end">step \(Int(maxStep)) · loss \(String(format: "%.3g", training.last?.loss ?? minLoss))</text>
            \(line(training, "train-loss"))
            \(line(validation, "valid-loss"))
            </svg>
            """
    }
}
