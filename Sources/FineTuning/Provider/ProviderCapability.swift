/// An optional operation a provider may declare. Calling one it did not declare fails with an
/// `unsupported` error naming the provider and the capability.
public enum ProviderCapability: String, Sendable, Hashable, Codable, CaseIterable {
    /// Job events (messages and training metrics).
    case events
    /// Intermediate checkpoints of a job.
    case checkpoints
    /// Pausing and resuming a running job.
    case pauseResume = "pause_resume"
    /// Uploading a local training file as part of create.
    case fileUpload = "file_upload"
    /// Preference (DPO) tuning, `--method dpo`. Declared by giving the descriptor `preferenceDataset`.
    case preferenceTuning = "preference_tuning"
    /// Creating a job without starting it, priced by the provider (`FineTuningJob.costPreview`),
    /// and starting it later (`startJob`).
    case deferredStart = "deferred_start"
}
