public import FineTuning
public import Foundation

extension PluginLoader {
    /// Registers every plugin of `searchPath` as a `ChildProcessPluginProvider`: its manifest is
    /// read, and each of its operations runs, in a child process of `executable` (the `finetune`
    /// binary), so no plugin code ever runs in this process. The gateway registers its plugins
    /// this way; a plugin that crashes or hangs fails the one call, never the server.
    ///
    /// The rules are those of `register(_:into:environment:transport:operationTimeout:)`: a plugin
    /// named explicitly that fails to load, or whose id is taken, is an error naming its file; one
    /// found implicitly is skipped with one warning line.
    @discardableResult
    public func registerIsolated(
        _ searchPath: PluginSearchPath, into registry: ProviderRegistry, executable: URL, environment: [String: String],
        operationTimeout: Duration? = nil
    ) async throws -> [ChildProcessPluginProvider] {
        let (candidates, skipped) = try searchPath.candidates()
        skipped.forEach(warnSkipped)
        var registered: [ChildProcessPluginProvider] = []
        for candidate in candidates {
            do {
                let provider = try await ChildProcessPluginProvider.load(
                    path: candidate.path, executable: executable, environment: environment, operationTimeout: operationTimeout)
                do {
                    try registry.register(provider.registration)
                } catch let clash as FineTuningError {
                    throw PluginFailure.idClash(candidate.path, clash)
                }
                registered.append(provider)
            } catch {
                guard !candidate.isExplicit else { throw error }
                warnSkipped(PluginFailure.describing(error, path: candidate.path))
            }
        }
        return registered
    }
}
