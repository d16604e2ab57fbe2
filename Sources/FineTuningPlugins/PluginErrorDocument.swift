import FineTuning

/// How any error becomes the `FineTuningError` document that crosses the boundary.
package enum PluginErrorDocument {
    /// `error` itself when it is a `FineTuningError`; a cancellation becomes `cancelled`, and
    /// anything else a `provider_error` carrying its description.
    package static func error(from error: any Error) -> FineTuningError {
        switch error {
        case let error as FineTuningError: error
        case is CancellationError: FineTuningError(.cancelled, "the operation was cancelled")
        default: FineTuningError(.providerError, String(describing: error))
        }
    }
}
