import FineTuning
import Foundation

/// Picks a sweep's best trial and renders the trials as a table.
public enum SweepSelection {
    /// The succeeded trial with the best `metric` when `higherIsBetter` is given (true: largest),
    /// otherwise with the lowest validation loss.
    public static func best(_ trials: [SweepTrial], higherIsBetter: Bool?) -> SweepTrial? {
        let succeeded = trials.filter { $0.outcome == .succeeded }
        if let higherIsBetter {
            let scored = succeeded.filter { $0.metric != nil }
            return higherIsBetter ? scored.max { $0.metric! < $1.metric! } : scored.min { $0.metric! < $1.metric! }
        }
        return succeeded.filter { $0.validationLoss != nil }.min { $0.validationLoss! < $1.validationLoss! } ?? succeeded.first
    }

    public static func table(_ trials: [SweepTrial], metric: String?) -> String {
        var rows = [["trial", "job", "outcome", "epoch", "validation loss"] + (metric.map { [$0] } ?? []) + ["hyperparameters"]]
        for trial in trials {
            var row = [
                "\(trial.number)", trial.job ?? "-", trial.outcome.rawValue, trial.epoch.map { String(format: "%.1f", $0) } ?? "-",
                trial.validationLoss.map { String(format: "%.4f", $0) } ?? "-",
            ]
            if metric != nil { row.append(trial.metric.map { String(format: "%.3f", $0) } ?? "-") }
            row.append(trial.hyperparameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.jsonText)" }.joined(separator: " "))
            rows.append(row)
        }
        return columns(rows)
    }

    /// Left-aligned columns separated by two spaces.
    public static func columns(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $0.offset == row.count - 1 ? $0.element : $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
