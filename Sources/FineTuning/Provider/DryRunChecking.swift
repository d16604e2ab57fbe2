/// A provider that can check a create request without creating anything, so that a dry run
/// (`FineTuningClient.previewJob`) refuses what `createJob` would refuse and reports what only the
/// provider knows. Providers priced locally without it are checked by the framework's own rules only.
public protocol DryRunChecking: FineTuningProvider {
    /// Throws the error `createJob(request)` would throw because of the request itself, and returns
    /// plain statements for the dry run's notes; creates, uploads and starts nothing.
    func checkWithoutCreating(_ request: ProviderJobRequest) async throws -> [String]
}
