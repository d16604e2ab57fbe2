import FineTuning
import Foundation
import Logging

/// Hands a stored job to its backend through the facade: the stored file's path goes in as the
/// training data, and the provider stages it (uploads to OpenAI Files or Cloud Storage, or trains on
/// the local path). The job's client token makes a replay after a crash or a lost response find the
/// job the first attempt made instead of creating another.
struct JobLauncher: Sendable {
    let client: FineTuningClient
    let store: GatewayStore

    /// Creates the backend job and stores its first state.
    func launch(_ job: StoredJob) async throws -> StoredJob {
        guard let training = try await store.file(job.trainingFile, visibleTo: Principal(name: job.owner, isAdmin: false)) else {
            throw OpenAIError.badRequest("invalid training_file: \(job.trainingFile)", param: "training_file")
        }
        let validation = try await job.validationFile.asyncMap { id in
            guard let file = try await store.file(id, visibleTo: Principal(name: job.owner, isAdmin: false)) else {
                throw OpenAIError.badRequest("invalid validation_file: \(id)", param: "validation_file")
            }
            return file
        }
        var labels = job.metadata
        labels["finetune-gateway-job"] = job.id
        let request = CreateJobRequest(
            model: job.model, trainingData: .localFile(path: training.blobPath), validationData: validation.map { .localFile(path: $0.blobPath) },
            hyperparameters: try job.request.normalizedHyperparameters(), method: try job.request.tuningMethod(),
            suffix: job.request.suffix, labels: labels, clientToken: job.clientToken)
        let created = try await client.createJob(request)
        try await store.update(job, from: created.job, nextPoll: Date().addingTimeInterval(pollInterval(of: created.job)))
        return try await store.job(job.id, visibleTo: Principal(name: job.owner, isAdmin: true)) ?? job
    }

    /// How long to wait before polling the job's backend again.
    func pollInterval(of job: FineTuningJob) -> TimeInterval {
        pollInterval(ofProvider: job.provider)
    }

    func pollInterval(ofProvider provider: String?) -> TimeInterval {
        provider.flatMap { try? client.registry.registration(for: $0).descriptor.pollInterval.inSeconds } ?? 10
    }
}

extension Optional {
    func asyncMap<Result>(_ transform: (Wrapped) async throws -> Result) async rethrows -> Result? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
