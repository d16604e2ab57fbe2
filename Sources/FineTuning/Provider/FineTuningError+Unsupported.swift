public import FineTuningBase

extension FineTuningError {
    /// An `unsupported` error naming the provider and the capability that was asked for.
    public static func unsupported(_ capability: ProviderCapability, provider: String) -> FineTuningError {
        FineTuningError(
            .unsupported, "provider '\(provider)' does not support \(capability.rawValue)",
            provider: provider, parameter: capability.rawValue)
    }
}
