import ArgumentParser

/// `--plugin PATH`: plugin libraries or folders to load beside the built-in providers (in
/// addition to `FINETUNE_PLUGIN_PATH` and `~/.finetune/plugins`).
struct ProviderOptions: ParsableArguments {
    @Option(name: .customLong("plugin"), help: "A plugin library or folder of plugins to load (repeatable).")
    var plugins: [String] = []

    @Option(name: .customLong("plugin-timeout"), help: "Seconds a plugin operation may take before it fails with a timeout (default: the plugin's own, 120 unless its manifest says otherwise).")
    var pluginTimeout: Double?

    /// `--plugin-timeout` as a duration.
    var pluginOperationTimeout: Duration? { pluginTimeout.map(Duration.seconds) }

    func validate() throws {
        if let pluginTimeout, !(pluginTimeout > 0) { throw ValidationError("--plugin-timeout must be more than 0 seconds") }
    }
}
