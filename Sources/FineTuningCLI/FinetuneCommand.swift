import ArgumentParser

/// The `finetune` command line: one entry point for every provider.
public struct FinetuneCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Fine-tune language models on any backend through one interface.",
        subcommands: [])

    public init() {}
}
