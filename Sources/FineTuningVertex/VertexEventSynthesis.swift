import FineTuning
import Foundation

/// Vertex has no events endpoint, so events are derived from the job as it stands: creation,
/// start, each completed epoch, each checkpoint, and the end. Every event is a fact that stays
/// true on later polls and has a stable id, so listing events again only ever adds to the list.
enum VertexEventSynthesis {
    static func events(of job: FineTuningJob) -> [JobEvent] {
        var events: [JobEvent] = []
        if let createdAt = job.createdAt {
            events.append(JobEvent(id: "created", createdAt: createdAt, message: "job created for base model \(job.baseModel)"))
        }
        if let startedAt = job.startedAt {
            events.append(JobEvent(id: "started", createdAt: startedAt, message: "tuning started"))
        }
        let totalEpochs = job.progress?.totalEpochs
        for epoch in stride(from: 1, through: job.progress?.completedEpochs ?? 0, by: 1) {
            let of = totalEpochs.map { " of \($0)" } ?? ""
            events.append(JobEvent(
                id: "epoch-\(epoch)", message: "epoch \(epoch)\(of) completed",
                metrics: TrainingMetrics(epoch: Double(epoch))))
        }
        for checkpoint in checkpoints(of: job) {
            events.append(JobEvent(
                id: "checkpoint-\(checkpoint.id)",
                message: "checkpoint \(checkpoint.id) saved" + (checkpoint.step.map { " at step \($0)" } ?? ""),
                metrics: TrainingMetrics(step: checkpoint.step, totalSteps: job.progress?.totalSteps, epoch: checkpoint.epoch.map(Double.init))))
        }
        if job.status.isTerminal {
            let level: JobEvent.Level = job.status == .failed ? .error : (job.status == .succeeded ? .info : .warning)
            var message = "job \(job.status.name) (\(job.providerStatus))"
            if let error = job.error, !error.message.isEmpty { message += ": " + error.message }
            if let model = job.tunedModel?.name ?? job.tunedModel?.endpoint { message += "; tuned model \(model)" }
            events.append(JobEvent(id: "ended", createdAt: job.finishedAt, level: level, message: message))
        }
        return events
    }

    /// `tunedModel.checkpoints` (checkpointId, epoch, step, endpoint; int64 as strings).
    static func checkpoints(of job: FineTuningJob) -> [Checkpoint] {
        (job.raw?["tunedModel"]?["checkpoints"]?.arrayValue ?? []).compactMap { checkpoint in
            guard let id = checkpoint["checkpointId"]?.stringValue ?? checkpoint["checkpointId"]?.int64Value.map(String.init) else { return nil }
            return Checkpoint(
                id: id,
                step: checkpoint["step"]?.int64Value.map { Int($0) },
                epoch: checkpoint["epoch"]?.int64Value.map { Int($0) },
                model: checkpoint["endpoint"]?.stringValue)
        }
    }
}
