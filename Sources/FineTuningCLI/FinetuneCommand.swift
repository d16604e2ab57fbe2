public import ArgumentParser

/// The `finetune` command line: one entry point for every provider. The executable's `@main`
/// root command takes this configuration.
public enum FinetuneCommand {
    public static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Fine-tune language models on any backend through one interface.",
        discussion: "Exit codes:\n" + ExitCodes.table,
        subcommands: [
            CreateCommand.self, GetCommand.self, ListCommand.self, CancelCommand.self, EventsCommand.self,
            WaitCommand.self, CheckpointsCommand.self, PauseCommand.self, ResumeCommand.self,
            ValidateCommand.self, ConvertCommand.self, StatsCommand.self, SplitCommand.self,
            TryCommand.self, HyperparametersCommand.self, ProvidersCommand.self, ConformanceCommand.self,
            PluginCallCommand.self, PluginCommand.self,
            EvalCommand.self, SweepCommand.self,
            ServeCommand.self, KeysCommand.self,
            StartCommand.self,
        ])
}
