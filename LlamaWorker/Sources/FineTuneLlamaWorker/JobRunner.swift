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
        let resumed = store.latestCheckpoint(of: id)
        job.status = .running
        job.providerStatus = "running"
        job.startedAt = job.startedAt ?? Date()
        try store.save(job)
        if let resumed {
            try event("restarted-\(resumed.state.step)", "continuing from checkpoint \(resumed.directory.lastPathComponent) (step \(resumed.state.step) of \(resumed.state.totalSteps)); optimizer state \(resumed.state.optimizerState)")
        } else {
            try event("started", "training \(spec.modelPath) on \(spec.trainingFile)")
        }
        if let conversion = spec.conversion, let seconds = try ModelConverter.prepareTrainingModel(conversion, at: spec.modelPath, threads: spec.threads) {
            try event("converted", String(format: "converted %@ (%@) to F32 with llama.cpp in %.1f s: %@", conversion.sourcePath, conversion.sourceTypes, seconds, spec.modelPath))
        }

        let model = try LlamaModel(path: resumed?.modelFile.path ?? spec.modelPath, metadataSource: spec.modelPath, writable: true)
        let data = try PreparedData(spec: spec, model: model)
        try event("prepared", data.summary)
        let plan = MemoryPlan(model: try GGUFFile(path: spec.modelPath), contextLength: data.contextLength, optimizer: spec.optimizer)
        if let limit = spec.maxMemory { try plan.check(maxMemory: limit) }
        let trainer = try MaskedTrainer(model: model, spec: spec, contextLength: data.contextLength)
        trainer.start(first: data.training)
        if resumed == nil, let validation = data.validation {
            let before = trainer.evaluate(validation)
            try Self.checkFinite(before.loss, "validation loss before training")
            try event("validation-0", String(format: "validation loss before training %.4f", before.loss),
                      metrics: TrainingMetrics(step: 0, epoch: 0, validLoss: before.loss, validAccuracy: before.accuracy))
        }

        let windowCount = data.training.count
        let totalSteps = windowCount * spec.epochs
        let checkpointSteps = spec.checkpointSteps ?? TrainingSpec.defaultCheckpointSteps
        let checkpoints = CheckpointWriter(store: store, id: id, model: model, trainer: trainer, spec: spec, windowsPerEpoch: windowCount)
        var generator = SeededRandomNumberGenerator(seed: spec.seed)
        var lastSave = Date.distantPast
        // Saving checkpoints and evaluating validation data is not training: the speed leaves it out
        // and reports it beside.
        var asideSeconds = 0.0
        // The peak before the first checkpoint: llama.cpp builds a whole model file in memory to save it.
        var peakBeforeCheckpoints: Int64?
        func aside<T>(_ work: () throws -> T) rethrows -> T {
            peakBeforeCheckpoints = peakBeforeCheckpoints ?? PeakMemory.residentBytes()
            let begun = Date()
            defer { asideSeconds += Date().timeIntervalSince(begun) }
            return try work()
        }
        var savedCheckpoints = 0
        var finalCheckpoint: URL?
        let started = Date()
        let firstEpoch = resumed?.state.epoch ?? 0
        trainer.progress = resumed?.state.scheduleProgress ?? 0
        var trainedWindows = 0
        for epoch in 0..<spec.epochs {
            // Every epoch's order is drawn, also those a resumed job skips, so each epoch sees the same order as without a stop.
            let order = Array(0..<windowCount).shuffled(using: &generator)
            guard epoch >= firstEpoch else { continue }
            let skipped = epoch == firstEpoch ? resumed?.state.windowsIntoEpoch ?? 0 : 0
            let result = trainer.train(data.training.reordered(Array(order.dropFirst(skipped)))) { report in
                let windows = skipped + report.window
                let step = epoch * windowCount + windows
                trainedWindows += 1
                trainer.progress = Double(step) / Double(totalSteps)
                let metrics = TrainingMetrics(
                    step: step, totalSteps: totalSteps, epoch: Double(epoch) + Double(windows) / Double(windowCount),
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
                // The end of an epoch has its own checkpoint (and pause) below.
                guard windows < windowCount else { return }
                let pausing = store.isPauseRequested(id)
                if pausing || step % checkpointSteps == 0 {
                    do {
                        try aside { _ = try checkpoints.save(step: step, epoch: epoch, windowsIntoEpoch: windows, trainLoss: report.loss, reason: pausing ? .pause : .steps, events: self.event) }
                        savedCheckpoints += 1
                    } catch {
                        try? event("checkpoint-failed-\(step)", "could not save a checkpoint at step \(step): \(error)", level: .warning)
                    }
                }
                if pausing { pause(job) }
            }
            try Self.checkFinite(result.loss, "training loss of epoch \(epoch + 1)")
            let step = (epoch + 1) * windowCount
            var metrics = TrainingMetrics(step: step, totalSteps: totalSteps, epoch: Double(epoch + 1), trainLoss: result.loss, trainAccuracy: result.accuracy)
            var message = String(format: "epoch %d/%d done: train loss %.4f", epoch + 1, spec.epochs, result.loss)
            if let validation = data.validation {
                let evaluated = aside { trainer.evaluate(validation) }
                metrics.validLoss = evaluated.loss
                metrics.validAccuracy = evaluated.accuracy
                message += String(format: ", validation loss %.4f", evaluated.loss)
            }
            try event("epoch-\(epoch + 1)", message, metrics: metrics)
            job.progress = JobProgress(completedSteps: step, totalSteps: totalSteps, completedEpochs: epoch + 1, totalEpochs: spec.epochs)
            try store.save(job)
            let pausing = store.isPauseRequested(id) && epoch + 1 < spec.epochs
            let saved = try aside { try checkpoints.save(step: step, epoch: epoch + 1, windowsIntoEpoch: 0, trainLoss: result.loss, reason: pausing ? .pause : .epoch, events: event) }
            savedCheckpoints += 1
            finalCheckpoint = saved.modelFile
            if pausing { pause(job) }
        }
        let seconds = Date().timeIntervalSince(started) - asideSeconds
        let windowTokens = trainedWindows * data.contextLength
        try event("speed", String(format: "trained %d window tokens in %.2f s of training steps = %.1f tokens/s", windowTokens, seconds, Double(windowTokens) / seconds))
        try event("aside", String(
            format: "%d checkpoints saved and validation evaluated in %.2f s besides (%.1f tokens/s with them)",
            savedCheckpoints, asideSeconds, Double(windowTokens) / (seconds + asideSeconds)))
        let peak = PeakMemory.residentBytes()
        try event("memory", String(
            format: "peak memory (RSS) while training %@, and %@ before the first checkpoint was written; the memory plan estimated %@ (%+.1f%%)",
            ByteCountText.text(peak), ByteCountText.text(peakBeforeCheckpoints ?? peak), ByteCountText.text(plan.total),
            (Double(plan.total) - Double(peak)) / Double(peak) * 100))

        let modelFile = store.modelFile(of: id)
        try saveTunedModel(model, to: modelFile, sameAs: finalCheckpoint)
        var tuned = TunedModel(name: modelFile.path)
        if let rank = spec.adapterRank {
            let adapter = store.adapterFile(of: id, rank: rank)
            let summary = try LoRAExtractor.extract(basePath: spec.modelPath, tunedPath: modelFile.path, rank: rank, output: adapter)
            tuned.adapter = adapter.path
            try event("adapter", "extracted a rank-\(rank) LoRA adapter from the weight difference (truncated SVD of \(summary.tensorCount) weights, \(String(format: "%.1f", summary.retainedEnergy * 100))% of the difference kept): \(adapter.path)")
        }
        if let fileType = spec.conversion?.fileType, fileType != 0 {
            let typeName = ModelConversion.fileTypeName(fileType)
            let written = store.directory(of: id).appendingPathComponent("model-\(typeName).gguf")
            try ModelConverter.convert(modelFile.path, to: written.path, fileType: fileType, threads: spec.threads)
            tuned.name = written.path
            try event("written-back", "wrote the tuned model back as \(typeName), the input's type: \(written.path) (the F32 tuned model stays at \(modelFile.path))")
        }
        try finish(.succeeded, tunedModel: tuned, trainedTokens: Int64(data.trainingTokens * spec.epochs), progress: job.progress)
    }

    /// Writes the tuned model; the last epoch's checkpoint holds the very same file, so it is linked
    /// rather than written again (a full write of an F32 model takes as long as several training steps).
    private func saveTunedModel(_ model: LlamaModel, to file: URL, sameAs checkpoint: URL?) throws {
        try? FileManager.default.removeItem(at: file)
        if let checkpoint, (try? FileManager.default.linkItem(at: checkpoint, to: file)) != nil { return }
        try model.save(to: file.path)
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

    /// Leaves the job paused (its checkpoint was just saved) and ends the worker.
    private func pause(_ job: FineTuningJob) -> Never {
        var job = job
        job.status = .paused
        job.providerStatus = "paused"
        try? store.save(job)
        try? event("paused", "job paused at step \(job.progress?.completedSteps ?? 0); resume it with: finetune resume \(job.id)")
        exit(0)
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
