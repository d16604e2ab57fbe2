import CLlama
import FineTuning
import FineTuningLlamaCpp
import Foundation

/// Runs one stored job to its end: prepares the data, trains epoch by epoch with an event per
/// window, honours cancel requests between windows, saves the tuned model and the extracted adapter,
/// and leaves the job `succeeded`, `failed` (with the reason) or `cancelled`.
struct JobRunner {
    let store: LocalJobStore
    let id: String
    let events: EventWriter

    init(store: LocalJobStore, id: String) throws {
        self.store = store
        self.id = id
        events = try store.eventWriter(for: id)
    }

    func run() -> Int32 {
        do {
            try train()
            return 0
        } catch {
            let message = (error as? FineTuningError)?.description ?? "\(error)"
            try? finish(.failed, error: JobError(code: (error as? FineTuningError)?.code.rawValue, message: message))
            FileHandle.standardError.write(Data("job \(id) failed: \(message)\n".utf8))
            return 1
        }
    }

    private func train() throws {
        let spec = try store.spec(id)
        if store.isCancelRequested(id) { return try finish(.cancelled) }
        var job = try store.job(id)
        job.status = .running
        job.providerStatus = "running"
        job.startedAt = Date()
        try store.save(job)
        try event("started", "training \(spec.modelPath) on \(spec.trainingFile)")

        let model = try LlamaModel(path: spec.modelPath, writable: true)
        let data = try PreparedData(spec: spec, model: model)
        try event("prepared", data.summary)
        let trainer = try MaskedTrainer(model: model, spec: spec, contextLength: data.contextLength)
        trainer.start(first: data.training)
        if let validation = data.validation {
            let before = trainer.evaluate(validation)
            try Self.checkFinite(before.loss, "validation loss before training")
            try event("validation-0", String(format: "validation loss before training %.4f", before.loss),
                      metrics: TrainingMetrics(step: 0, epoch: 0, validLoss: before.loss, validAccuracy: before.accuracy))
        }

        let windowCount = data.training.count
        let totalSteps = windowCount * spec.epochs
        var generator = SeededRandomNumberGenerator(seed: spec.seed)
        var lastSave = Date.distantPast
        let started = Date()
        for epoch in 0..<spec.epochs {
            let order = Array(0..<windowCount).shuffled(using: &generator)
            let result = trainer.train(data.training.reordered(order)) { report in
                let step = epoch * windowCount + report.window
                trainer.progress = Double(step) / Double(totalSteps)
                let metrics = TrainingMetrics(
                    step: step, totalSteps: totalSteps, epoch: Double(epoch) + Double(report.window) / Double(windowCount),
                    trainLoss: report.loss, trainAccuracy: report.accuracy)
                try? event("step-\(step)", String(format: "epoch %d/%d step %d/%d train loss %.4f", epoch + 1, spec.epochs, step, totalSteps, report.loss), metrics: metrics)
                job.progress = JobProgress(completedSteps: step, totalSteps: totalSteps, completedEpochs: epoch, totalEpochs: spec.epochs)
                if Date().timeIntervalSince(lastSave) > 0.5 {
                    try? store.save(job)
                    lastSave = Date()
                }
                if store.isCancelRequested(id) {
                    try? finish(.cancelled, progress: job.progress)
                    exit(0)
                }
            }
            try Self.checkFinite(result.loss, "training loss of epoch \(epoch + 1)")
            var metrics = TrainingMetrics(step: (epoch + 1) * windowCount, totalSteps: totalSteps, epoch: Double(epoch + 1), trainLoss: result.loss, trainAccuracy: result.accuracy)
            var message = String(format: "epoch %d/%d done: train loss %.4f", epoch + 1, spec.epochs, result.loss)
            if let validation = data.validation {
                let evaluated = trainer.evaluate(validation)
                metrics.validLoss = evaluated.loss
                metrics.validAccuracy = evaluated.accuracy
                message += String(format: ", validation loss %.4f", evaluated.loss)
            }
            try event("epoch-\(epoch + 1)", message, metrics: metrics)
            job.progress = JobProgress(completedSteps: (epoch + 1) * windowCount, totalSteps: totalSteps, completedEpochs: epoch + 1, totalEpochs: spec.epochs)
            try store.save(job)
        }
        let seconds = Date().timeIntervalSince(started)
        let windowTokens = windowCount * data.contextLength * spec.epochs
        try event("speed", String(format: "trained %d window tokens in %.2f s = %.1f tokens/s", windowTokens, seconds, Double(windowTokens) / seconds))

        let modelFile = store.modelFile(of: id)
        model.save(to: modelFile.path)
        var tuned = TunedModel(name: modelFile.path)
        if let rank = spec.adapterRank {
            let adapter = store.adapterFile(of: id, rank: rank)
            let summary = try LoRAExtractor.extract(basePath: spec.modelPath, tunedPath: modelFile.path, rank: rank, output: adapter)
            tuned.adapter = adapter.path
            try event("adapter", "extracted a rank-\(rank) LoRA adapter from the weight difference (truncated SVD of \(summary.tensorCount) weights, \(String(format: "%.1f", summary.retainedEnergy * 100))% of the difference kept): \(adapter.path)")
        }
        try finish(.succeeded, tunedModel: tuned, trainedTokens: Int64(data.trainingTokens * spec.epochs), progress: job.progress)
    }

    /// A loss that is not a number fails the job with what it means, not with the encoding error its
    /// event would raise.
    private static func checkFinite(_ loss: Double, _ what: String) throws {
        guard loss.isFinite else {
            throw FineTuningError(
                .invalidRequest, "the \(what) is \(loss): the model's weights hold NaN or infinity, or the learning rate is too high",
                provider: "llamacpp", parameter: "model")
        }
    }

    private func event(_ name: String, _ message: String, level: JobEvent.Level = .info, metrics: TrainingMetrics? = nil) throws {
        try events.append(JobEvent(id: name, createdAt: Date(), level: level, message: message, metrics: metrics))
    }

    private func finish(_ status: JobStatus, error: JobError? = nil, tunedModel: TunedModel? = nil, trainedTokens: Int64? = nil, progress: JobProgress? = nil) throws {
        var job = try store.job(id)
        job.status = status
        job.providerStatus = status.name
        job.finishedAt = Date()
        job.error = error
        job.tunedModel = tunedModel
        job.trainedTokens = trainedTokens
        if let progress { job.progress = progress }
        try store.save(job)
        try event(status.name, error.map { "job failed: \($0.message)" } ?? "job \(status.name)", level: error == nil ? .info : .error)
    }
}
