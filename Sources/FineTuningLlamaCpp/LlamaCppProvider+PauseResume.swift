public import FineTuning
import Foundation

/// Checkpoints, pause and resume of local jobs. A pause asks the worker to save a checkpoint and
/// stop after the window it is training; resume starts a worker that continues from the job's
/// latest checkpoint. The same resume recovers a job whose worker died (killed, crashed, or the
/// machine rebooted) as long as a checkpoint was saved.
extension LlamaCppProvider {
    /// How long resume waits for a pausing worker to finish its window and stop.
    static let pauseTimeout: Duration = .seconds(600)

    /// The job's kept checkpoints, newest first; each `model` is a GGUF of the weights at that step.
    /// A checkpoint holds the weights, step, epoch, learning-rate schedule position and data order
    /// seed, but not AdamW's moments (llama.cpp's ggml-opt has no API to read or write them): they
    /// restart from zero when a job resumes from one.
    public func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint> {
        let stored = try await BlockingBridge.onDedicatedThread { [store] in
            _ = try store.job(jobID)
            return store.checkpoints(of: jobID)
        }
        let checkpoints = stored.reversed().map { stored in
            let state = stored.state
            return Checkpoint(
                id: stored.directory.lastPathComponent, createdAt: state.createdAt, step: state.step, epoch: state.epoch,
                model: stored.modelFile.path,
                metrics: TrainingMetrics(
                    step: state.step, totalSteps: state.totalSteps,
                    epoch: state.epochProgress,
                    trainLoss: state.trainLoss))
        }
        let start = min(checkpoints.count, page.cursor.flatMap(Int.init) ?? 0)
        let end = min(checkpoints.count, start + (page.limit ?? checkpoints.count))
        return Page(items: Array(checkpoints[start..<end]), nextCursor: end < checkpoints.count ? String(end) : nil)
    }

    /// Asks the worker to save a checkpoint and stop after the window it is training; the job reads
    /// `paused` from then on (provider status `pausing` until the worker has stopped).
    public func pauseJob(id: String) async throws -> FineTuningJob {
        try await BlockingBridge.onDedicatedThread { [self] in
            let job = try currentJob(id)
            guard [.queued, .running].contains(job.status) else {
                throw FineTuningError(.conflict, "llamacpp job '\(id)' is \(job.status), not running: only a queued or running job can be paused", provider: "llamacpp", parameter: "job_id")
            }
            store.requestPause(id)
            return try currentJob(id)
        }
    }

    /// Starts a worker that continues from the latest checkpoint of a paused job, or of one whose
    /// worker died; waits first for a pausing worker to stop.
    public func resumeJob(id: String) async throws -> FineTuningJob {
        var (job, pid) = try await BlockingBridge.onDedicatedThread { [self] in (try currentJob(id), store.workerPID(of: id)) }
        if let pid, job.providerStatus == "pausing" {
            let deadline = ContinuousClock.now + Self.pauseTimeout
            let directory = store.directory(of: id)
            while await BlockingBridge.onDedicatedThread({ TrainingWorker.isAlive(pid: pid, jobDirectory: directory) }), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            job = try await BlockingBridge.onDedicatedThread { [self] in try currentJob(id) }
            guard job.providerStatus != "pausing" else {
                throw FineTuningError(.conflict, "llamacpp job '\(id)' is still pausing (its worker has not stopped after \(Self.pauseTimeout.components.seconds) s); try again", provider: "llamacpp", parameter: "job_id")
            }
        }
        let (resumed, worker) = try await BlockingBridge.onDedicatedThread { [self, job] in try queueResume(job) }
        try await start(worker, job: id)
        return resumed
    }

    /// Queues `job` again from its latest checkpoint (or the start, when paused before the first)
    /// and returns it with the worker that will continue it. Blocking.
    func queueResume(_ job: FineTuningJob) throws -> (job: FineTuningJob, worker: TrainingWorker) {
        var job = job
        let id = job.id.native
        let checkpoint = store.latestCheckpoint(of: id)
        let crashed = job.status == .failed && job.providerStatus == "worker_died"
        guard job.status == .paused || (crashed && checkpoint != nil) else {
            let reason = crashed ? "its worker died before the first checkpoint was saved" : "it is \(job.status)"
            throw FineTuningError(
                .conflict, "llamacpp job '\(id)' cannot be resumed: \(reason); a paused job, or one whose worker died after a checkpoint, can",
                provider: "llamacpp", parameter: "job_id")
        }
        let worker = try TrainingWorker.locate(environment: environment)
        store.clearPauseRequest(id)
        job.status = .queued
        job.providerStatus = "resuming"
        job.error = nil
        job.finishedAt = nil
        try store.save(job)
        let from = checkpoint.map { "checkpoint \($0.directory.lastPathComponent) (step \($0.state.step), epoch \($0.state.epoch))" } ?? "the start"
        try store.append(JobEvent(id: "resume-\(store.events(of: id).count)", createdAt: Date(), message: "resuming from \(from)"), to: id)
        return (job, worker)
    }
}
