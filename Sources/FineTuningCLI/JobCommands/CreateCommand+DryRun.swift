import FineTuning
import Foundation

/// `finetune create --dry-run`: the job's tokens, epochs and cost, nothing started.
extension CreateCommand {
    func previewJob(_ request: CreateJobRequest, client: FineTuningClient) async throws {
        let preview = try await client.previewJob(request, keep: keep)
        for warning in preview.warnings { Terminal.error("warning: \(warning)") }
        for report in preview.datasetReports {
            Terminal.error("validated \(report.path): \(report.exampleCount) examples, \(report.format.rawValue)")
        }
        if output.json {
            try output.printDocument("job_preview", preview)
        } else {
            Terminal.line(DryRunRendering.text(preview))
        }
    }
}

/// The text form of a `JobPreview`.
enum DryRunRendering {
    static func text(_ preview: JobPreview) -> String {
        let estimated = preview.source == .localEstimate ? " (estimated locally: \(TokenEstimate.method))" : " (counted by the provider)"
        var lines = [
            "model:       \(preview.model)",
            "training:    \(preview.trainingData)",
            "tokens:      " + (preview.dataTokens.map { "\($0) per epoch" + estimated } ?? "not counted"),
            "epochs:      " + (preview.epochs.map { "\($0)" + (preview.epochsAssumed ? " (default)" : "") } ?? "chosen by the provider"),
        ]
        if let trainTokens = preview.trainTokens { lines.append("trained on:  \(trainTokens) tokens") }
        lines.append("cost:        " + cost(preview))
        if let seconds = preview.expectedDurationSeconds { lines.append("duration:    about \(seconds) s (provider's estimate)") }
        lines += preview.notes.map { "note:        \($0)" }
        lines.append("")
        lines.append(outcome(preview))
        return lines.joined(separator: "\n")
    }

    private static func cost(_ preview: JobPreview) -> String {
        guard let amount = preview.cost else { return "no price known" }
        let figure = String(format: "%.2f %@", amount, preview.currency ?? "")
        guard let price = preview.price else { return figure + " (the provider's price)" }
        return figure + String(format: " (%.2f USD per million tokens, checked %@: %@)", price.usdPerMillionTokens, price.checked, price.source)
    }

    private static func outcome(_ preview: JobPreview) -> String {
        guard let job = preview.job else { return "dry run: nothing was uploaded or created" }
        if preview.kept { return "dry run: job \(job.id) was created and not started; start it with: finetune start \(job.id)" }
        if job.status.isTerminal && job.status != .cancelled { return "dry run: job \(job.id) ended without starting (\(job.providerStatus))" }
        return "dry run: job \(job.id) was created to be priced, then cancelled; nothing was trained"
    }
}
