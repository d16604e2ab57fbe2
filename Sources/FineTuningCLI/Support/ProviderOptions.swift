import ArgumentParser

/// `--plugin PATH`: plugin libraries or folders to load beside the built-in providers (in
/// addition to `FINETUNE_PLUGIN_PATH` and `~/.finetune/plugins`).
struct ProviderOptions: ParsableArguments {
    @Option(name: .customLong("plugin"), help: "A plugin library or folder of plugins to load (repeatable).")
    var plugins: [String] = []
}
