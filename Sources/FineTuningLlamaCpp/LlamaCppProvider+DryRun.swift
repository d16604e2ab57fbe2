public import FineTuning

/// A dry run of a local job opens the model and plans its memory exactly as `createJob` does, so a
/// model that needs consent to convert, cannot be trained or does not fit is refused before anyone
/// relies on the preview, and the preview states the memory plan and the conversion.
extension LlamaCppProvider: DryRunChecking {
    public func checkWithoutCreating(_ request: ProviderJobRequest) async throws -> [String] {
        let planned = try await BlockingBridge.onDedicatedThread { [self] in try plan(request) }
        return [planned.memoryPlanNotice] + (planned.conversionNotice.map { [$0] } ?? [])
    }
}
