import FineTuning
import Foundation

/// Human-readable text for jobs and events.
enum JobRendering {
    /// A multi-line summary of one job.
    static func summary(_ job: FineTuningJob) -> String {
        var lines = [
            "id:          \(job.id)",
            "model:       \(job.provider)/\(job.baseModel)",
            "status:      \(job.status)" + (job.status.name == job.providerStatus ? "" : " (provider: \(job.providerStatus))"),
        ]
        if let tuned = job.tunedModel {
            if let name = tuned.name { lines.append("tuned model: \(name)") }
            if let endpoint = tuned.endpoint { lines.append("endpoint:    \(endpoint)") }
            if let adapter = tuned.adapter { lines.append("adapter:     \(adapter)") }
        }
        if let progress = job.progress, let text = progressText(progress) { lines.append("progress:    \(text)") }
        if let error = job.error {
            lines.append("error:       \(error.message)" + (error.code.map { " [\($0)]" } ?? "") + (error.parameter.map { " (field \($0))" } ?? ""))
        }
        if let created = job.createdAt { lines.append("created:     \(WireFormat.timestamp(created))") }
        if let finished = job.finishedAt { lines.append("finished:    \(WireFormat.timestamp(finished))") }
        if let data = job.trainingData { lines.append("training:    \(data)") }
        if let tokens = job.trainedTokens { lines.append("tokens:      \(tokens)") }
        if let preview = job.costPreview, let cost = preview.cost {
            lines.append(String(format: "price:       %.2f %@ (the provider's estimate)", cost, preview.currency ?? ""))
        }
        let applied = appliedHyperparameters(job.hyperparameters)
        if !applied.isEmpty { lines.append("hyperparams: \(applied)") }
        return lines.joined(separator: "\n")
    }

    /// One table row of a job.
    static func row(_ job: FineTuningJob) -> String {
        let tuned = job.tunedModel?.name ?? job.tunedModel?.endpoint ?? "-"
        return [job.id.description, job.status.description, job.baseModel, tuned].joined(separator: "  ")
    }

    /// One line of an event.
    static func line(_ event: JobEvent) -> String {
        let time = event.createdAt.map(WireFormat.timestamp) ?? "-"
        var text = "\(time)  \(event.level.rawValue)  \(event.message.escapingControlCharacters())"
        if let metrics = event.metrics, let rendered = metricsText(metrics) { text += "  [\(rendered)]" }
        return text
    }

    static func progressText(_ progress: JobProgress) -> String? {
        var parts: [String] = []
        if let epochs = progress.completedEpochs { parts.append("epoch \(epochs)" + (progress.totalEpochs.map { "/\($0)" } ?? "")) }
        if let steps = progress.completedSteps { parts.append("step \(steps)" + (progress.totalSteps.map { "/\($0)" } ?? "")) }
        if let fraction = progress.fraction { parts.append(String(format: "%.0f%%", fraction * 100)) }
        return parts.isEmpty ? nil : parts.joined(separator: "  ")
    }

    static func metricsText(_ metrics: TrainingMetrics) -> String? {
        var parts: [String] = []
        if let step = metrics.step { parts.append("step \(step)" + (metrics.totalSteps.map { "/\($0)" } ?? "")) }
        if let epoch = metrics.epoch { parts.append(String(format: "epoch %.2f", epoch)) }
        if let loss = metrics.trainLoss { parts.append(String(format: "loss %.4f", loss)) }
        if let loss = metrics.validLoss { parts.append(String(format: "val loss %.4f", loss)) }
        if let accuracy = metrics.trainAccuracy { parts.append(String(format: "acc %.3f", accuracy)) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private static func appliedHyperparameters(_ hyperparameters: Hyperparameters) -> String {
        var parts = HyperparameterName.allCases.compactMap { name in
            hyperparameters.value(of: name).map { "\(name.rawValue)=\($0.jsonText)" }
        }
        parts += hyperparameters.providerSpecific.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.jsonText)" }
        return parts.joined(separator: " ")
    }
}
